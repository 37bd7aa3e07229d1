import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { getQuickJS } from 'quickjs-emscripten';
import { describe, expect, it } from 'vitest';
import { GuestEngine } from '../../src/engines/quickjs/guest-engine.js';

/** Bridge conformance on the runtime's QuickJS host (`GuestEngine`), run as the conformance README says. */
const CONFORMANCE = fileURLToPath(new URL('../../../api/bridge-conformance/', import.meta.url));
const bundle = readFileSync(`${CONFORMANCE}conformance-bundle.js`, 'utf8');

interface Case {
  readonly name: string;
  readonly worker: string;
  readonly inputJson: string;
  readonly contextJson: string;
  readonly hostReplies: readonly { method: string; replyJson: string }[];
  readonly stop?: { afterCalls: number; reason: number };
  readonly expectedResultJson: string;
  readonly expectedCalls: readonly { method: string; argsJson: string }[];
}

const cases: Case[] = readdirSync(`${CONFORMANCE}cases`)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(`${CONFORMANCE}cases/${f}`, 'utf8')) as Case);

const STACK_AT_END = /"stack":"(?:[^"\\]|\\.)*"\}\}$/;
const normalise = (actual: string, expected: string): string =>
  expected.endsWith('"stack":"<any>"}}') ? actual.replace(STACK_AT_END, '"stack":"<any>"}}') : actual;

async function runCase(
  c: Case,
): Promise<{ resultJson: string; calls: { method: string; argsJson: string }[] }> {
  const engine = GuestEngine.load(await getQuickJS(), bundle, 'conformance-bundle.js', {
    memoryLimitBytes: 64 << 20,
    maxStackSizeBytes: 1 << 20,
  });
  try {
    const calls: { method: string; argsJson: string }[] = [];
    engine.startRun(c.worker, c.inputJson, c.contextJson, (method, argsJson) =>
      calls.push({ method, argsJson }),
    );
    const runId = (JSON.parse(c.contextJson) as { runId: string }).runId;
    let replies = 0;
    let stopped = c.stop === undefined;
    for (;;) {
      const state = engine.pump();
      if (state.kind === 'settled') {
        expect(replies, `${c.name}: unused scripted replies`).toBe(c.hostReplies.length);
        return { resultJson: normalise(state.resultJson, c.expectedResultJson), calls };
      }
      if (state.kind === 'broken') throw new Error(`${c.name}: ${state.message}`);
      if (!stopped && c.stop !== undefined && calls.length >= c.stop.afterCalls) {
        stopped = true;
        engine.stop(runId, c.stop.reason);
        continue;
      }
      const oldest = engine.pendingCallIds[0];
      if (oldest === undefined) throw new Error(`${c.name}: the guest waits for nothing`);
      const scripted = c.hostReplies[replies];
      const call = calls[oldest];
      if (scripted === undefined || scripted.method !== call?.method)
        throw new Error(
          `${c.name}: call #${oldest + 1} (${call?.method}) does not match reply #${replies + 1}`,
        );
      replies++;
      engine.reply(oldest, scripted.replyJson);
    }
  } finally {
    engine.dispose();
  }
}

describe('bridge conformance on the runtime QuickJS host', () => {
  it('has the 35 cases', () => {
    expect(cases).toHaveLength(35);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s gives the expected bytes', async (_name, c) => {
    const { resultJson, calls } = await runCase(c);
    expect(resultJson).toBe(c.expectedResultJson);
    expect(calls).toEqual(c.expectedCalls.map(({ method, argsJson }) => ({ method, argsJson })));
  });
});
