import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createOneTimeWorkRequest, type WorkerDefinition } from '@workscript/api';
import { describe, expect, it } from 'vitest';
import { createWorkManager, silentLogger } from '../../src/index.js';

/**
 * The host side of the bridge as the QuickJS engine answers it, seen from a hand-written guest that calls
 * `__host.call` directly and returns the raw replies as its output.
 */
const guest = `
globalThis.__workscript = {
  protocolVersion: 1,
  workers: ['Raw'],
  stop() {},
  async run(name, inputJson, contextJson) {
    const { runId } = JSON.parse(contextJson);
    const calls = JSON.parse(JSON.parse(inputJson).calls);
    const replies = [];
    for (const [method, args] of calls) replies.push(await __host.call(method, JSON.stringify(args).replace('"RUN"', JSON.stringify(runId))));
    return JSON.stringify({ status: 'success', output: { replies: JSON.stringify(replies) } });
  },
};`;

async function replies(calls: readonly [string, Record<string, unknown>][]): Promise<unknown[]> {
  const bundlePath = path.join(mkdtempSync(path.join(tmpdir(), 'workscript-qjs-')), 'raw.js');
  writeFileSync(bundlePath, guest);
  const raw = { kind: 'workscript.worker', name: 'Raw', run: () => undefined } as unknown as WorkerDefinition;
  const wm = createWorkManager({
    database: ':memory:',
    logger: silentLogger,
    engine: { kind: 'quickjs', bundlePath },
  });
  try {
    const request = createOneTimeWorkRequest(raw as WorkerDefinition<never>, {
      input: { calls: JSON.stringify(calls) } as never,
    });
    await wm.enqueue(request);
    for await (const info of wm.watchWorkInfoById(request.id)) {
      if (info?.state === 'SUCCEEDED')
        return (JSON.parse(String(info.outputData.toObject()['replies'])) as string[]).map(
          (r) => JSON.parse(r) as unknown,
        );
      if (info?.state === 'FAILED') throw new Error('the raw guest failed');
    }
    throw new Error('unreachable');
  } finally {
    await wm.close();
  }
}

describe('QuickJS engine host services', () => {
  it('answers storage and timers, and refuses unknown methods and native services with unknown-method', async () => {
    const got = await replies([
      ['storage.set', { key: 'k', value: 'v' }],
      ['storage.get', { key: 'k' }],
      ['storage.keys', { prefix: null }],
      ['timer.sleep', { runId: 'RUN', ms: 5 }],
      ['native.Camera.take', { runId: 'RUN', args: [] }],
      ['bogus', {}],
      ['log', { runId: 'RUN', level: 'loud', message: 'm', fields: {} }],
      ['storage.set', { key: '', value: 'v' }],
    ]);
    expect(got.slice(0, 4)).toEqual([
      { ok: true, value: null },
      { ok: true, value: 'v' },
      { ok: true, value: ['k'] },
      { ok: true, value: null },
    ]);
    expect(got[4]).toMatchObject({
      ok: false,
      error: { code: 'unknown-method', message: expect.stringContaining('native.Camera.take') as unknown },
    });
    expect(got[5]).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    expect(got[6]).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument', message: expect.stringContaining('"loud"') as unknown },
    });
    expect(got[7]).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument', message: expect.stringContaining('non-empty string') as unknown },
    });
  });
});
