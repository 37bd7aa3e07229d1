import { describe, expect, it } from 'vitest';
import { Data, defineInputMerger, defineWorker, type WorkerDefinition } from '../../src/index.js';
import type { WorkerContext } from '../../src/worker/worker-context.js';
import { createWorkscriptGuest } from '../../src/guest/create-workscript-guest.js';
import { createHostChannel } from '../../src/guest/host-channel.js';
import { RunRegistry } from '../../src/guest/run-registry.js';
import { contextJson, FakeHost, flush } from './fake-host.js';

function guestWith(workers: readonly WorkerDefinition[], host = new FakeHost()) {
  const registry = new RunRegistry();
  return {
    guest: createWorkscriptGuest(
      workers,
      registry,
      createHostChannel(() => host),
    ),
    host,
    registry,
  };
}

const echo = defineWorker({
  name: 'Echo',
  run: (input: { a: number }, ctx) =>
    ctx.success({
      a: input.a,
      id: ctx.id,
      tags: ctx.tags,
      attempt: ctx.runAttemptCount,
      generation: ctx.generation,
    }),
});

describe('createWorkscriptGuest', () => {
  it('lists workers sorted and speaks protocol version 1', () => {
    const zed = defineWorker({ name: 'Zed', run: (_: object, ctx) => ctx.success() });
    const { guest } = guestWith([zed, echo]);
    expect({ protocolVersion: guest.protocolVersion, workers: guest.workers }).toEqual({
      protocolVersion: 1,
      workers: ['Echo', 'Zed'],
    });
    expect(Object.isFrozen(guest)).toBe(true);
  });

  it('runs a worker with the context of the run', async () => {
    const { guest } = guestWith([echo]);
    await expect(
      guest.run(
        'Echo',
        '{"a":1}',
        contextJson({ id: 'w-9', tags: ['x', 'y'], runAttemptCount: 2, generation: 3 }),
      ),
    ).resolves.toBe(
      '{"status":"success","output":{"a":1,"id":"w-9","tags":["x","y"],"attempt":2,"generation":3}}',
    );
  });

  it('gives the worker the triggered content URIs and authorities, frozen; none when the host omits them', async () => {
    const triggered = defineWorker({
      name: 'Triggered',
      run: (_: object, ctx) =>
        ctx.success({
          uris: ctx.triggeredContentUris,
          authorities: ctx.triggeredContentAuthorities,
          frozen:
            Object.isFrozen(ctx.triggeredContentUris) && Object.isFrozen(ctx.triggeredContentAuthorities),
        }),
    });
    const { guest } = guestWith([triggered]);
    const sent = contextJson({
      triggeredContentUris: ['content://media/external/images/media/7'],
      triggeredContentAuthorities: ['media'],
    });
    await expect(guest.run('Triggered', '{}', sent)).resolves.toBe(
      '{"status":"success","output":{"uris":["content://media/external/images/media/7"],"authorities":["media"],"frozen":true}}',
    );
    await expect(guest.run('Triggered', '{}', contextJson({ runId: 'run-2' }))).resolves.toBe(
      '{"status":"success","output":{"uris":[],"authorities":[],"frozen":true}}',
    );
  });

  it('lists the known workers for an unknown name', async () => {
    const { guest, host } = guestWith([echo]);
    const result = JSON.parse(await guest.run('Ecko', '{}', contextJson())) as { error: unknown };
    expect(result).toEqual({
      status: 'failure',
      output: {},
      error: {
        name: 'UnknownWorkerError',
        message: 'Unknown worker "Ecko". Known workers: Echo.',
        stack: expect.any(String),
      },
    });
    expect(host.calls).toEqual([]);
    expect(JSON.parse(await guestWith([]).guest.run('X', '{}', contextJson()))).toMatchObject({
      error: { message: 'Unknown worker "X". Known workers: (none).' },
    });
  });

  it.each([
    [
      'sync throw',
      () => {
        throw new RangeError('bad');
      },
      'RangeError',
      'bad',
    ],
    ['rejection', () => Promise.reject(new Error('later')), 'Error', 'later'],
    [
      'bad result',
      () => 42,
      'TypeError',
      "Worker 'W' returned 42; return ctx.success(output), ctx.failure(output) or ctx.retry()",
    ],
  ])('turns a %s into the failure-with-error result', async (_, run, name, message) => {
    const worker = defineWorker({ name: 'W', run: run as never });
    const result = JSON.parse(await guestWith([worker]).guest.run('W', '{}', contextJson())) as unknown;
    expect(result).toEqual({
      status: 'failure',
      output: {},
      error: { name, message, stack: expect.any(String) },
    });
  });

  it.each([['[1]'], ['null'], ['{'], ['"s"']])(
    'rejects input %s that is not a JSON object',
    async (input) => {
      const result = JSON.parse(await guestWith([echo]).guest.run('Echo', input, contextJson())) as unknown;
      expect(result).toMatchObject({
        status: 'failure',
        error: {
          name: 'TypeError',
          message: `The input of worker 'Echo' must be a JSON object; got ${JSON.stringify(input)}`,
        },
      });
    },
  );

  it('refuses a second run with a runId in progress', async () => {
    const slow = defineWorker({
      name: 'Slow',
      run: async (_: object, ctx) => {
        await ctx.storage.get('k');
        return ctx.success();
      },
    });
    const host = new FakeHost(() => null, new Set(['storage.get']));
    const { guest } = guestWith([slow], host);
    const first = guest.run('Slow', '{}', contextJson());
    const second = await guest.run('Slow', '{}', contextJson());
    expect(JSON.parse(second)).toMatchObject({
      error: {
        name: 'Error',
        message: "Run 'run-1' is already in progress; every attempt needs its own runId",
      },
    });
    host.releaseOldest();
    await expect(first).resolves.toBe('{"status":"success","output":{}}');
    expect(host.calls).toHaveLength(1);
  });

  it('wires ctx services to host calls with the documented args', async () => {
    const seen = defineWorker({
      name: 'Services',
      async run(_: object, ctx: WorkerContext<{ p: number }>) {
        await ctx.setProgress({ p: 1 });
        ctx.log.warn('careful', { k: 'v' });
        ctx.log.debug('plain');
        const response = await ctx.fetch('https://x.test', {
          method: 'PUT',
          body: 'b',
          headers: { h: '1' },
          timeoutMs: 10,
        });
        const v = await ctx.storage.get('k');
        await ctx.storage.set('k', 'v2');
        await ctx.storage.delete('k');
        const keys = await ctx.storage.keys();
        return ctx.success({ status: response.status, body: await response.text(), v, keys });
      },
    });
    const host = new FakeHost((method) => {
      if (method === 'fetch') return { status: 200, url: 'https://x.test/', headers: {}, body: 'hi' };
      if (method === 'storage.get') return 'v1';
      if (method === 'storage.keys') return ['a', 'b'];
      return null;
    });
    const { guest } = guestWith([seen], host);
    await expect(guest.run('Services', '{}', contextJson())).resolves.toBe(
      '{"status":"success","output":{"status":200,"body":"hi","v":"v1","keys":["a","b"]}}',
    );
    expect(host.calls).toEqual([
      { method: 'progress.set', args: { runId: 'run-1', progress: { p: 1 } } },
      { method: 'log', args: { runId: 'run-1', level: 'warn', message: 'careful', fields: { k: 'v' } } },
      { method: 'log', args: { runId: 'run-1', level: 'debug', message: 'plain', fields: {} } },
      {
        method: 'fetch',
        args: {
          runId: 'run-1',
          url: 'https://x.test',
          method: 'PUT',
          headers: { h: '1' },
          body: 'b',
          timeoutMs: 10,
        },
      },
      { method: 'storage.get', args: { key: 'k' } },
      { method: 'storage.set', args: { key: 'k', value: 'v2' } },
      { method: 'storage.delete', args: { key: 'k' } },
      { method: 'storage.keys', args: { prefix: null } },
    ]);
  });

  it('stop aborts the signal of that run with the reason; unknown runs are ignored', async () => {
    const waiting = defineWorker({
      name: 'Waiting',
      async run(_: object, ctx) {
        const heard: unknown[] = [];
        ctx.signal.addEventListener('abort', () => heard.push(ctx.signal.reason));
        await ctx.storage.get('k');
        return ctx.success({ aborted: ctx.signal.aborted, heard });
      },
    });
    const host = new FakeHost(() => null, new Set(['storage.get']));
    const { guest } = guestWith([waiting], host);
    const a = guest.run('Waiting', '{}', contextJson({ runId: 'a' }));
    const b = guest.run('Waiting', '{}', contextJson({ runId: 'b' }));
    guest.stop('a', 7);
    guest.stop('nobody', 1);
    host.releaseOldest();
    host.releaseOldest();
    await flush();
    await expect(a).resolves.toBe('{"status":"success","output":{"aborted":true,"heard":[7]}}');
    await expect(b).resolves.toBe('{"status":"success","output":{"aborted":false,"heard":[]}}');
  });

  it('logs an abort listener that throws through the run', async () => {
    const throwing = defineWorker({
      name: 'Throwing',
      async run(_: object, ctx) {
        ctx.signal.addEventListener('abort', () => {
          throw new Error('listener broke');
        });
        await ctx.storage.get('k');
        return ctx.retry();
      },
    });
    const host = new FakeHost(() => null, new Set(['storage.get']));
    const { guest } = guestWith([throwing], host);
    const run = guest.run('Throwing', '{}', contextJson());
    guest.stop('run-1', 1);
    host.releaseOldest();
    await expect(run).resolves.toBe('{"status":"retry"}');
    expect(host.calls[1]).toEqual({
      method: 'log',
      args: {
        runId: 'run-1',
        level: 'error',
        message: 'An abort listener threw: Error: listener broke',
        fields: { stack: expect.any(String) },
      },
    });
  });

  it('rejects entries that are not definitions and duplicate names', () => {
    expect(() => guestWith([{ name: 'X' } as never])).toThrow(
      new TypeError('installWorkscript: workers[0] is not a worker definition; export defineWorker({...})'),
    );
    expect(() => guestWith([echo, echo])).toThrow(
      new TypeError("installWorkscript: two workers are named 'Echo'; worker names must be unique"),
    );
  });
});

describe('createWorkscriptGuest merge (bridge protocol v1, change 3)', () => {
  const sum = defineInputMerger({
    name: 'Sum',
    merge: (inputs) =>
      Data.builder()
        .putLong(
          'total',
          inputs.reduce((t, input) => t + input.getLong('n', 0), 0),
        )
        .build(),
  });
  const throwing = defineInputMerger({
    name: 'Throwing',
    merge: () => {
      throw new RangeError('no merge today');
    },
  });
  const guest = createWorkscriptGuest(
    [],
    new RunRegistry(),
    createHostChannel(() => new FakeHost()),
    [throwing, sum],
  );

  it('lists mergers sorted and merges tagged Data synchronously', () => {
    expect(guest.inputMergers).toEqual(['Sum', 'Throwing']);
    expect(guest.merge('Sum', '[{"n":["long","2"]},{"n":["long","40"]},{}]')).toBe(
      '{"ok":true,"data":{"total":["long","42"]}}',
    );
  });

  it('answers errors as results: a throwing merger, an unknown name, inputs that are not an array', () => {
    const thrown = JSON.parse(guest.merge('Throwing', '[]')) as {
      ok: boolean;
      error: { name: string; message: string };
    };
    expect(thrown.ok).toBe(false);
    expect(thrown.error).toMatchObject({ name: 'RangeError', message: 'no merge today' });
    expect(JSON.parse(guest.merge('Nope', '[]'))).toMatchObject({
      ok: false,
      error: {
        name: 'UnknownInputMergerError',
        message: 'Unknown input merger "Nope". Known input mergers: Sum, Throwing.',
      },
    });
    expect(JSON.parse(guest.merge('Sum', '{}'))).toMatchObject({
      ok: false,
      error: {
        name: 'TypeError',
        message: "inputsJson of merger 'Sum' must be a JSON array of Data objects",
      },
    });
  });

  it('refuses entries that are not merger definitions and duplicate names', () => {
    const channel = createHostChannel(() => new FakeHost());
    expect(() => createWorkscriptGuest([], new RunRegistry(), channel, [{ name: 'X' } as never])).toThrow(
      'installWorkscript: inputMergers[0] is not an input merger definition',
    );
    expect(() => createWorkscriptGuest([], new RunRegistry(), channel, [sum, sum])).toThrow(
      "installWorkscript: two input mergers are named 'Sum'",
    );
  });
});
