import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dataFromTaggedJson, dataToTaggedJson, type Data } from '@workscript/api';
import { getQuickJS } from 'quickjs-emscripten';
import { afterAll, describe, expect, it } from 'vitest';
import { GuestEngine } from '../../src/engines/quickjs/guest-engine.js';
import { toInputsJson } from '../../src/engines/quickjs/merge-result.js';
import { createQuickJsEngine } from '../../src/index.js';

/**
 * Bridge conformance on the runtime's QuickJS host (`GuestEngine`), run as the conformance README says: the
 * run cases, and the merge cases both on `GuestEngine` (bytes) and through the engine's merge path (Data).
 */
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

interface MergeCase {
  readonly name: string;
  readonly merger: string;
  readonly inputsJson: string;
  readonly expectedJson: string;
}

const mergeCases: MergeCase[] = readdirSync(`${CONFORMANCE}merge-cases`)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(`${CONFORMANCE}merge-cases/${f}`, 'utf8')) as MergeCase);

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

/** Tagged Data objects with their float values rounded to 32 bits, as a Data stores them. */
function asDataHolds(inputs: Record<string, [string, unknown]>[]): Record<string, [string, unknown]>[] {
  const round = (v: unknown): unknown => (typeof v === 'number' ? Math.fround(v) : v);
  return inputs.map((input) =>
    Object.fromEntries(
      Object.entries(input).map(([key, [type, value]]) => [
        key,
        [
          type,
          type === 'float' ? round(value) : type === 'float[]' ? (value as unknown[]).map(round) : value,
        ],
      ]),
    ),
  );
}

/** The inputs of a merge case as Data, or null when this side cannot hold them (the case pins the guest's error). */
function inputsOf(c: MergeCase): Data[] | null {
  try {
    const parsed = JSON.parse(c.inputsJson) as unknown;
    if (!Array.isArray(parsed)) return null;
    return parsed.map((input, i) => dataFromTaggedJson(JSON.stringify(input), `${c.name} inputs[${i}]`));
  } catch {
    return null;
  }
}

describe('bridge conformance of merges on the runtime QuickJS host', () => {
  const engine = createQuickJsEngine({ bundlePath: `${CONFORMANCE}conformance-bundle.js` });
  afterAll(() => engine.executor.close());
  const encodable = mergeCases.filter((c) => inputsOf(c) !== null);

  it('has the 16 merge cases, 12 of them with inputs a Node Data can hold', () => {
    expect(mergeCases).toHaveLength(16);
    expect(encodable.map((c) => c.name.slice(0, 2))).toEqual([
      '01',
      '02',
      '03',
      '04',
      '05',
      '06',
      '07',
      '08',
      '11',
      '12',
      '13',
      '16',
    ]);
  });

  it.each(mergeCases.map((c) => [c.name, c] as const))(
    '%s: __workscript.merge gives the expected bytes',
    async (_name, c) => {
      const guest = GuestEngine.load(await getQuickJS(), bundle, 'conformance-bundle.js', {
        memoryLimitBytes: 64 << 20,
        maxStackSizeBytes: 1 << 20,
      });
      try {
        expect(guest.canMerge).toBe(true);
        const state = guest.merge(c.merger, c.inputsJson);
        if (state.kind !== 'merged') throw new Error(`${c.name}: ${JSON.stringify(state)}`);
        expect(normalise(state.resultJson, c.expectedJson)).toBe(c.expectedJson);
      } finally {
        guest.dispose();
      }
    },
  );

  // The engine's own path: Data → inputsJson → merge thread → Data or the guest's error.
  it.each(encodable.map((c) => [c.name, c] as const))(
    '%s: engine.merge encodes the inputs and reads the result as the case says',
    async (_name, c) => {
      const inputs = inputsOf(c) ?? [];
      // The encoder writes the case's inputs as a Data holds them (floats are 32-bit, so 0.1 is written as
      // 0.10000000149011612); escapes may be spelled otherwise, which JSON.parse hides.
      expect(JSON.parse(toInputsJson(inputs))).toEqual(asDataHolds(JSON.parse(c.inputsJson)));
      const outcome = await engine.merge(c.merger, inputs).then(
        (data) => `{"ok":true,"data":${dataToTaggedJson(data)}}`,
        (e: Error) =>
          JSON.stringify({ ok: false, error: { name: e.name, message: e.message, stack: '<any>' } }),
      );
      expect(outcome).toBe(c.expectedJson);
    },
  );

  it("maps a merger's stack to the .ts source through the bundle's source map", async () => {
    const source = readFileSync(`${CONFORMANCE}conformance-workers.ts`, 'utf8').split('\n');
    const throwLine = source.findIndex((line) => line.includes("throw new Error('no merge today')")) + 1;
    expect(throwLine).toBeGreaterThan(0);
    const error = await engine.merge('ThrowingMerger', []).then(
      () => new Error('expected a rejection'),
      (e: Error) => e,
    );
    expect(error.name).toBe('Error');
    expect(error.stack).toMatch(
      new RegExp(`^Error: no merge today\\n {4}at merge \\(conformance-workers\\.ts:${throwLine}:\\d+\\)\\n`),
    );
  });
});
