import { createOneTimeWorkRequest, Data, defineWorker, StopReason } from '@workscript/api';
import { describe, expect, it } from 'vitest';
import { InvalidStopReasonError } from '../../src/index.js';
import { runWorker } from '../../src/testing/index.js';
import { createCountingWorker } from '../helpers/workers.js';

// androidx TestListenableWorkerBuilder (spec §14): one attempt of a worker, no WorkManager, chosen
// parameters (runAttemptCount defaults to 1), progress that goes nowhere unless you look.

const Sum = defineWorker({
  name: 'Sum',
  run: async (input: { values: number[] }, ctx) => {
    await ctx.setProgress({ done: 0 });
    await ctx.setProgress({ done: input.values.length });
    return ctx.success({ sum: input.values.reduce((a, b) => a + b, 0) });
  },
});

const Echo = defineWorker({
  name: 'Echo',
  run: (_input: Record<string, never>, ctx) =>
    ctx.success({
      id: ctx.id,
      tags: ctx.tags.join(','),
      runAttemptCount: ctx.runAttemptCount,
      generation: ctx.generation,
    }),
});

/** Waits for its stop and succeeds with the stop reason it saw. */
const Reason = defineWorker({
  name: 'Reason',
  run: (_input: Record<string, never>, ctx) =>
    new Promise<ReturnType<typeof ctx.success>>((resolve) =>
      ctx.signal.addEventListener('abort', () => resolve(ctx.success({ reason: ctx.signal.reason ?? -1 }))),
    ),
});

describe('runWorker (TestListenableWorkerBuilder)', () => {
  it('runs one attempt with the input, returns the encoded output and records each progress', async () => {
    const run = runWorker(Sum, { input: { values: [1, 2, 3] } });
    const { status, output } = await run.result;
    expect(status).toBe('success');
    expect(output.toObject()).toEqual({ sum: 6 });
    expect(run.progress.map((p) => p.toObject())).toEqual([{ done: 0 }, { done: 3 }]);
  });

  it("defaults to androidx's builder parameters: a random id, no tags, runAttemptCount 1, generation 0", async () => {
    const { output } = await runWorker(Echo).result;
    const values = output.toObject();
    expect(values).toMatchObject({ tags: '', runAttemptCount: 1, generation: 0 });
    expect(values['id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const chosen = await runWorker(Echo, {
      id: '00000000-0000-4000-8000-000000000001',
      tags: ['Echo', 'nightly'],
      runAttemptCount: 3,
      generation: 2,
    }).result;
    expect(chosen.output.toObject()).toEqual({
      id: '00000000-0000-4000-8000-000000000001',
      tags: 'Echo,nightly',
      runAttemptCount: 3,
      generation: 2,
    });
  });

  it('takes id, tags (the implicit one added) and input from a request, as from(context, workRequest) does', async () => {
    const request = createOneTimeWorkRequest(Sum, {
      id: '00000000-0000-4000-8000-000000000002',
      input: { values: [4, 5] },
      tags: ['nightly'],
    });
    const run = runWorker(Sum, { request });
    expect((await run.result).output.toObject()).toEqual({ sum: 9 });
    const echoed = createOneTimeWorkRequest(Echo, {
      id: '00000000-0000-4000-8000-000000000003',
      tags: ['b', 'a'],
    });
    expect((await runWorker(Echo, { request: echoed }).result).output.toObject()).toMatchObject({
      id: '00000000-0000-4000-8000-000000000003',
      tags: 'Echo,a,b',
    });
    // Options given beside it win, as a builder's later setters do.
    const overridden = await runWorker(Echo, { request: echoed, tags: ['only'] }).result;
    expect(overridden.output.toObject()).toMatchObject({
      id: '00000000-0000-4000-8000-000000000003',
      tags: 'only',
    });
    await expect(runWorker(Echo, { request }).result).rejects.toThrow(
      "runWorker option request is for worker 'Sum', not 'Echo'; build it from this worker's definition",
    );
  });

  it('gives ctx the triggered content URIs and authorities it is given (setTriggeredContentUris/Authorities), none by default', async () => {
    const Triggered = defineWorker({
      name: 'Triggered',
      run: (_input: Record<string, never>, ctx) =>
        ctx.success({
          uris: ctx.triggeredContentUris.join(' '),
          authorities: ctx.triggeredContentAuthorities.join(' '),
          count: ctx.triggeredContentUris.length + ctx.triggeredContentAuthorities.length,
        }),
    });
    const uris = ['content://media/external/images/media/42', 'content://contacts/people'];
    const given = await runWorker(Triggered, {
      triggeredContentUris: uris,
      triggeredContentAuthorities: ['media', 'contacts'],
    }).result;
    expect(given.output.toObject()).toEqual({
      uris: uris.join(' '),
      authorities: 'media contacts',
      count: 4,
    });
    const byDefault = await runWorker(Triggered).result;
    expect(byDefault.output.toObject()).toEqual({ uris: '', authorities: '', count: 0 });
  });

  it.each([
    ['triggeredContentUris', 'content://media/external', '"content://media/external"'],
    ['triggeredContentAuthorities', ['media', 7], '["media",7]'],
    ['triggeredContentUris', null, 'null'],
  ])('rejects %s = %j, naming the option, without running the worker', async (option, value, shown) => {
    const { worker: Marks, counter } = createCountingWorker('Marks');
    await expect(runWorker(Marks, { [option]: value } as never).result).rejects.toThrow(
      new TypeError(`runWorker option ${option} must be an array of strings, got ${shown}`),
    );
    expect(counter.count).toBe(0);
  });

  it.each([
    ['runAttemptCount', -1, RangeError, '-1'],
    ['runAttemptCount', NaN, RangeError, 'NaN'],
    ['runAttemptCount', 1.5, RangeError, '1.5'],
    ['runAttemptCount', 2 ** 31, RangeError, '2147483648'],
    ['generation', -3, RangeError, '-3'],
    ['generation', '1', TypeError, '"1" (a string)'],
  ])(
    'rejects %s = %s, naming the option and its range, without running the worker',
    async (option, value, type, shown) => {
      const { worker: Marks, counter } = createCountingWorker('Marks');
      await expect(runWorker(Marks, { [option]: value } as never).result).rejects.toThrow(
        new type(
          `runWorker option ${option} must be a whole number from 0 to 2147483647 (ctx.${option} is a Kotlin Int), got ${shown}`,
        ),
      );
      expect(counter.count).toBe(0);
    },
  );

  it.each([
    [{ tags: 'abc' }, 'runWorker option tags must be an array of strings, got "abc"'],
    [{ tags: [1] }, 'runWorker option tags must be an array of strings, got [1]'],
    [
      { storage: 42 },
      'runWorker option storage must be a WorkerStorage (an object with get, set, delete and keys), got 42',
    ],
    [{ logger: 42 }, 'runWorker option logger must be a Logger (an object with log), got 42'],
    [
      { nativeServices: [{}] },
      'runWorker option nativeServices must be an array of provideNativeService() providers, got an array of 1',
    ],
  ])(
    'rejects %j with a TypeError naming the option, without running the worker',
    async (options, message) => {
      const { worker: Marks, counter } = createCountingWorker('Marks');
      await expect(runWorker(Marks, options as never).result).rejects.toThrow(new TypeError(message));
      expect(counter.count).toBe(0);
    },
  );

  it('rejects options that are not an object, and a definition without run', async () => {
    await expect(runWorker(Echo, 'x' as never).result).rejects.toThrow(
      new TypeError('runWorker options must be an object (RunWorkerOptions), got "x" (a string)'),
    );
    await expect(runWorker(Echo, null as never).result).rejects.toThrow(
      new TypeError('runWorker options must be an object (RunWorkerOptions), got null'),
    );
    await expect(runWorker({ name: 'Bare' } as never).result).rejects.toThrow(
      new TypeError(
        "runWorker: worker 'Bare' has no run(input, ctx) function; pass a defineWorker() definition",
      ),
    );
  });

  it('takes Data as it is', async () => {
    const { output } = await runWorker(Sum, { input: Data.fromObject({ values: [4, 5] }) }).result;
    expect(output.toObject()).toEqual({ sum: 9 });
  });

  it('rejects with what the worker threw, or a TypeError for a result that is not a Result', async () => {
    const Thrower = defineWorker({
      name: 'Thrower',
      run: (): never => {
        throw new RangeError('disk full');
      },
    });
    const Nothing = defineWorker({ name: 'Nothing', run: () => null as never });
    await expect(runWorker(Thrower).result).rejects.toThrow(new RangeError('disk full'));
    await expect(runWorker(Nothing).result).rejects.toThrow(
      "Worker 'Nothing' returned null; return ctx.success(), ctx.failure() or ctx.retry()",
    );
  });

  it('an output JSON cannot carry (a bigint) fails with why, as it fails to cross the bridge on a device', async () => {
    const Big = defineWorker({
      name: 'Big',
      run: (_input: Record<string, never>, ctx) => ctx.success({ n: 1n } as never),
    });
    await expect(runWorker(Big).result).rejects.toThrow(
      /^Worker output cannot cross the bridge as JSON \(Do not know how to serialize a BigInt\); return numbers/,
    );
  });

  it('stop(reason) aborts ctx.signal with that reason, as WorkManager would; the first stop wins', async () => {
    const Waiter = defineWorker({
      name: 'Waiter',
      run: (_input: Record<string, never>, ctx) =>
        new Promise<ReturnType<typeof ctx.retry>>((resolve) =>
          ctx.signal.addEventListener('abort', () => resolve(ctx.retry())),
        ),
    });
    const waiting = runWorker(Waiter);
    waiting.stop(StopReason.CONSTRAINT_CHARGING);
    expect((await waiting.result).status).toBe('retry');
    const reason = runWorker(Reason);
    reason.stop(StopReason.TIMEOUT);
    reason.stop(StopReason.CANCELLED_BY_APP);
    expect((await reason.result).output.toObject()).toEqual({ reason: StopReason.TIMEOUT });
  });

  it('stop(reason) refuses what the TestDriver refuses (NOT_STOPPED, non-integers, beyond Kotlin Int) and does not stop', async () => {
    const run = runWorker(Reason);
    for (const reason of [StopReason.NOT_STOPPED, NaN, 'x', 2 ** 40]) {
      expect(() => run.stop(reason as StopReason)).toThrow(InvalidStopReasonError);
    }
    run.stop(StopReason.PREEMPT);
    expect((await run.result).output.toObject()).toEqual({ reason: StopReason.PREEMPT });
  });

  it("gives ctx.storage with the runtime's rules, fresh per run unless one is passed", async () => {
    const Store = defineWorker({
      name: 'Store',
      run: async (_input: Record<string, never>, ctx) => {
        const before = await ctx.storage.get('count');
        await ctx.storage.set('count', String(Number(before ?? '0') + 1));
        await expect(ctx.storage.set('', 'x')).rejects.toThrow(TypeError);
        return ctx.success({ count: (await ctx.storage.get('count')) ?? '' });
      },
    });
    expect((await runWorker(Store).result).output.toObject()).toEqual({ count: '1' });
    expect((await runWorker(Store).result).output.toObject()).toEqual({ count: '1' });
  });

  it('applies the 10,240-byte Data limit to the output, as a WorkManager run would', async () => {
    const Big = defineWorker({
      name: 'Big',
      run: (_input: Record<string, never>, ctx) => ctx.success({ text: 'x'.repeat(11_000) }),
    });
    await expect(runWorker(Big).result).rejects.toThrow(/10240|10,240/);
  });
});
