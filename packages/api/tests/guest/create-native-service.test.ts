import { afterEach, describe, expect, it } from 'vitest';
import { defineWorker, nativeService, type Int, type NativeService } from '../../src/index.js';
import { HostCallError, installWorkscript, type Host, type WorkscriptGuest } from '../../src/guest/index.js';
import { contextJson } from './fake-host.js';

interface Camera extends NativeService {
  takePhoto(
    options: { quality: Int; lens: 'front' | 'back'; note?: string | undefined },
    takenAt: string,
  ): Promise<{ uri: string }>;
  reset(): Promise<void>;
}
const camera = nativeService<Camera>('Camera');

const globals = globalThis as { __host?: Host; __workscript?: WorkscriptGuest };

/** A host that records raw argsJson (byte order matters) and answers from `replies` by method. */
function rawHost(replies: Record<string, string>) {
  const calls: [string, string][] = [];
  globals.__host = {
    call(method, argsJson) {
      calls.push([method, argsJson]);
      return Promise.resolve(replies[method] ?? '{"ok":true,"value":null}');
    },
  };
  return calls;
}

/** Runs `body` as a worker's `run` and returns the ResultJson. */
function runWorker(
  body: (ctx: Parameters<Parameters<typeof defineWorker>[0]['run']>[1]) => Promise<unknown>,
) {
  const worker = defineWorker({
    name: 'UsesCamera',
    run: async (_input: object, ctx) => ctx.success({ value: JSON.stringify(await body(ctx)) }),
  });
  return installWorkscript([worker]).run('UsesCamera', '{}', contextJson());
}

describe('ctx.native(ref) in the guest', () => {
  afterEach(() => {
    delete globals.__host;
    delete globals.__workscript;
  });

  it('sends native.<Service>.<method> with {"runId","args":[...]} as JSON and resolves with the value', async () => {
    const calls = rawHost({ 'native.Camera.takePhoto': '{"ok":true,"value":{"uri":"file:///1.jpg"}}' });
    const result = await runWorker((ctx) =>
      ctx
        .native(camera)
        .takePhoto({ quality: 80 as Int, lens: 'back', note: undefined }, new Date(0) as unknown as string),
    );
    expect(result).toBe('{"status":"success","output":{"value":"{\\"uri\\":\\"file:///1.jpg\\"}"}}');
    // undefined fields are omitted and a Date crosses as its ISO string: plain JSON.stringify.
    expect(calls).toEqual([
      [
        'native.Camera.takePhoto',
        '{"runId":"run-1","args":[{"quality":80,"lens":"back"},"1970-01-01T00:00:00.000Z"]}',
      ],
    ]);
  });

  it('a void method resolves with null (the reply value null)', async () => {
    const calls = rawHost({});
    const result = await runWorker((ctx) => ctx.native(camera).reset());
    expect(result).toBe('{"status":"success","output":{"value":"null"}}');
    expect(calls).toEqual([['native.Camera.reset', '{"runId":"run-1","args":[]}']]);
  });

  it('an ok:false reply rejects with HostCallError carrying the code and the method', async () => {
    rawHost({
      'native.Camera.reset':
        '{"ok":false,"error":{"message":"No native service method \'Camera.reset\' is provided","code":"unknown-method"}}',
    });
    const result = await runWorker(async (ctx) => {
      try {
        await ctx.native(camera).reset();
        return 'resolved';
      } catch (e) {
        const error = e as HostCallError;
        return [error instanceof HostCallError, error.name, error.code, error.method, error.message];
      }
    });
    expect(JSON.parse(result)).toEqual({
      status: 'success',
      output: {
        value: JSON.stringify([
          true,
          'HostCallError',
          'unknown-method',
          'native.Camera.reset',
          "No native service method 'Camera.reset' is provided",
        ]),
      },
    });
  });

  it('is not thenable and has no symbol keys, so awaiting or inspecting it calls nothing', async () => {
    const calls = rawHost({});
    const result = await runWorker(async (ctx) => {
      const service = ctx.native(camera);
      const awaited: unknown = await (service as unknown as Promise<unknown>);
      const record = service as unknown as Record<PropertyKey, unknown>;
      return [
        awaited === service,
        record['then'] === undefined,
        record[Symbol.toPrimitive] === undefined,
        record[Symbol.iterator] === undefined,
        service.reset === service.reset,
      ];
    });
    expect(JSON.parse(result)).toEqual({
      status: 'success',
      output: { value: '[true,true,true,true,true]' },
    });
    expect(calls).toEqual([]);
  });
});
