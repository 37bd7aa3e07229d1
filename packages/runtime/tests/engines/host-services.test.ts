import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  createOneTimeWorkRequest,
  nativeService,
  type Int,
  type NativeService,
  type WorkerDefinition,
} from '@workscript/api';
import { describe, expect, it } from 'vitest';
import {
  createWorkManager,
  provideNativeService,
  silentLogger,
  type NativeServiceProvider,
} from '../../src/index.js';

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

async function replies(
  calls: readonly [string, Record<string, unknown>][],
  nativeServices: readonly NativeServiceProvider[] = [],
): Promise<unknown[]> {
  const bundlePath = path.join(mkdtempSync(path.join(tmpdir(), 'workscript-qjs-')), 'raw.js');
  writeFileSync(bundlePath, guest);
  const raw = { kind: 'workscript.worker', name: 'Raw', run: () => undefined } as unknown as WorkerDefinition;
  const wm = createWorkManager({
    database: ':memory:',
    logger: silentLogger,
    nativeServices,
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
  it('answers storage and timers, and refuses unknown methods and unprovided native services with unknown-method', async () => {
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
    expect(got[4]).toEqual({
      ok: false,
      error: {
        code: 'unknown-method',
        message:
          "No native service method 'Camera.take' is provided; provided: (none). " +
          'Provide it with createWorkManager({ nativeServices: [provideNativeService(ref, implementation)] })',
      },
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

  it('answers native.<Service>.<method> with the implementation, and the protocol error codes', async () => {
    interface Camera extends NativeService {
      takePhoto(options: { quality: Int; lens: 'front' | 'back' }): Promise<{ uri: string; size: number }>;
      reset(): Promise<void>;
      fail(message: string): Promise<void>;
      huge(): Promise<number>;
    }
    const seen: unknown[][] = [];
    const camera = provideNativeService(nativeService<Camera>('Camera'), {
      takePhoto: (...args) => {
        seen.push(args);
        return { uri: `file:///${args[0].lens}.jpg`, size: 1.5 };
      },
      reset: () => Promise.resolve(),
      fail: (message) => Promise.reject(new Error(message)),
      // A BigInt has no JSON form: a host-error, not a crash of the main thread.
      huge: () => BigInt(1) as unknown as number,
    });
    const got = await replies(
      [
        [
          'native.Camera.takePhoto',
          { runId: 'RUN', args: [{ quality: 80, lens: 'back', nested: { a: [1] } }] },
        ],
        ['native.Camera.reset', { runId: 'RUN', args: [] }],
        ['native.Camera.fail', { runId: 'RUN', args: ['lens cracked'] }],
        ['native.Camera.huge', { runId: 'RUN', args: [] }],
        ['native.Camera.takePhoto', { runId: 'RUN' }],
        ['native.Camera.takePhoto', { runId: 'RUN', args: { quality: 1 } }],
        ['native.Camera.zoom', { runId: 'RUN', args: [] }],
        ['native.Camera', { runId: 'RUN', args: [] }],
        ['native.Camera.toString', { runId: 'RUN', args: [] }],
        // argsJson that is not an object: bad-args before the method is looked up, as the Kotlin host does.
        ['native.Nope.nope', [1] as unknown as Record<string, unknown>],
      ],
      [camera],
    );
    expect(seen).toStrictEqual([[{ quality: 80, lens: 'back', nested: { a: [1] } }]]);
    const provided = 'provided: Camera.fail, Camera.huge, Camera.reset, Camera.takePhoto.';
    expect(got).toEqual([
      { ok: true, value: { uri: 'file:///back.jpg', size: 1.5 } },
      { ok: true, value: null },
      { ok: false, error: { code: 'host-error', message: 'lens cracked' } },
      {
        ok: false,
        error: {
          code: 'host-error',
          message:
            "Native service method 'Camera.huge' returned a value JSON cannot represent: Do not know how to serialize a BigInt",
        },
      },
      {
        ok: false,
        error: {
          code: 'bad-args',
          message: expect.stringMatching(
            /^'native\.Camera\.takePhoto' needs an array "args", got \{"runId":"[^"]+"\}$/,
          ) as unknown,
        },
      },
      {
        ok: false,
        error: {
          code: 'bad-args',
          message: expect.stringMatching(
            /^'native\.Camera\.takePhoto' needs an array "args", got \{"runId":"[^"]+","args":\{"quality":1\}\}$/,
          ) as unknown,
        },
      },
      ...['Camera.zoom', 'Camera', 'Camera.toString'].map((name) => ({
        ok: false,
        error: {
          code: 'unknown-method',
          message: expect.stringMatching(
            `^No native service method '${name}' is provided; ${provided.replaceAll('.', '\\.')} `,
          ) as unknown,
        },
      })),
      {
        ok: false,
        error: { code: 'bad-args', message: "argsJson of 'native.Nope.nope' is not a JSON object: [1]" },
      },
    ]);
  });
});
