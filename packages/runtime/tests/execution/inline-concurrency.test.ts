import { createOneTimeWorkRequest, Data, defineWorker, Result, StopReason } from '@workscript/api';
import { describe, expect, it } from 'vitest';
import { createWorkSignal } from '../../src/execution/work-signal.js';
import { createInlineWorkExecutor, defaultPoolSize, type WorkTask } from '../../src/index.js';
import { createTestWorkManager } from '../../src/testing/index.js';
import { until } from '../helpers/until.js';

/** A worker that runs until the test releases it (or it is stopped); records which inputs entered `run`. */
function createGatedWorker() {
  const entered: number[] = [];
  const gates = new Map<number, () => void>();
  const worker = defineWorker({
    name: 'Gated',
    run: (input: { n: number }, ctx) =>
      new Promise<ReturnType<typeof Result.success>>((resolve) => {
        entered.push(input.n);
        gates.set(input.n, () => resolve(Result.success({ n: input.n })));
        ctx.signal.addEventListener('abort', () => resolve(Result.success()));
      }),
  });
  return { worker, entered, release: (n: number) => gates.get(n)?.() };
}

describe('inline executor concurrency limit', () => {
  it('runs `maxConcurrency` attempts at once; the next one waits (RUNNING) for a slot', async () => {
    const limit = 2;
    const gated = createGatedWorker();
    const { workManager } = createTestWorkManager({
      workers: [gated.worker],
      executor: createInlineWorkExecutor({ maxConcurrency: limit }),
    });
    const requests = [1, 2, 3].map((n) => createOneTimeWorkRequest(gated.worker, { input: { n } }));
    const [first] = requests;
    await workManager.enqueue(requests);

    // All three are RUNNING (the scheduler started them), but only `limit` workers entered `run`.
    const states = await Promise.all(requests.map((r) => workManager.getWorkInfoById(r.id)));
    expect(states.map((i) => i?.state)).toEqual(['RUNNING', 'RUNNING', 'RUNNING']);
    expect(gated.entered).toEqual([1, 2]);

    gated.release(1);
    await workManager.settle();
    expect(gated.entered).toEqual([1, 2, 3]);
    expect((await workManager.getWorkInfoById(first?.id ?? ''))?.state).toBe('SUCCEEDED');

    gated.release(2);
    gated.release(3);
    await workManager.settle();
    const done = await Promise.all(requests.map((r) => workManager.getWorkInfoById(r.id)));
    expect(done.map((i) => i?.state)).toEqual(['SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED']);
    await workManager.close();
  });

  it('an attempt stopped while it waits for a slot never runs its worker', async () => {
    const gated = createGatedWorker();
    const { workManager } = createTestWorkManager({
      workers: [gated.worker],
      executor: createInlineWorkExecutor({ maxConcurrency: 1 }),
    });
    const first = createOneTimeWorkRequest(gated.worker, { input: { n: 1 } });
    const second = createOneTimeWorkRequest(gated.worker, { input: { n: 2 } });
    await workManager.enqueue([first, second]);
    expect(gated.entered).toEqual([1]);

    await workManager.cancelWorkById(second.id);
    expect(await workManager.getWorkInfoById(second.id)).toMatchObject({
      state: 'CANCELLED',
      stopReason: StopReason.CANCELLED_BY_APP,
    });
    gated.release(1);
    await workManager.settle();
    expect(gated.entered).toEqual([1]);
    expect((await workManager.getWorkInfoById(first.id))?.state).toBe('SUCCEEDED');
    await workManager.close();
  });

  it("defaults to WorkManager's executor size and refuses a limit below 1, naming the option", async () => {
    const gated = createGatedWorker();
    const { workManager } = createTestWorkManager({ workers: [gated.worker] });
    const size = defaultPoolSize();
    const requests = Array.from({ length: size + 1 }, (_, n) =>
      createOneTimeWorkRequest(gated.worker, { input: { n } }),
    );
    await workManager.enqueue(requests);
    expect(gated.entered).toHaveLength(size);
    await workManager.close();

    expect(() => createInlineWorkExecutor({ maxConcurrency: 0 })).toThrow(
      /maxConcurrency must be a whole number ≥ 1, got 0/,
    );
    expect(() => createInlineWorkExecutor({ stopGracePeriodMs: Number.NaN })).toThrow(
      /stopGracePeriodMs must be a number of milliseconds from 0 to 2147483647 \(about 24.8 days\), got NaN/,
    );
  });

  it('a stopped worker that never returns gives up its slot after the grace period', async () => {
    const entered: string[] = [];
    const Stubborn = defineWorker({
      name: 'Stubborn',
      // Ignores ctx.signal and never settles: an inline worker cannot be terminated.
      run: (_input: Record<string, never>, ctx) => {
        entered.push(ctx.id);
        return new Promise<never>(() => undefined);
      },
    });
    const Quick = defineWorker({
      name: 'Quick',
      run: (_input: Record<string, never>, ctx) => {
        entered.push(ctx.id);
        return ctx.success();
      },
    });
    const { workManager } = createTestWorkManager({
      workers: [Stubborn, Quick],
      executor: createInlineWorkExecutor({ maxConcurrency: 1, stopGracePeriodMs: 50 }),
    });
    const stubborn = createOneTimeWorkRequest(Stubborn);
    const quick = createOneTimeWorkRequest(Quick);
    await workManager.enqueue(stubborn);
    await workManager.enqueue(quick);
    expect(entered).toEqual([stubborn.id]);

    await workManager.cancelWorkById(stubborn.id);
    // Within the grace period the slot is still the stopped worker's.
    expect(entered).toEqual([stubborn.id]);
    await until(workManager.watchWorkInfoById(quick.id), (info) => info?.state === 'SUCCEEDED');
    expect(entered).toEqual([stubborn.id, quick.id]);
    expect((await workManager.getWorkInfoById(stubborn.id))?.state).toBe('CANCELLED');
    await workManager.close();
  });

  // WorkTask.onStop is optional: a task made by hand (a custom caller of execute) has only its signal.
  it.each([
    ['a hand-made task, through its signal', false],
    ["the WorkManager's task, through onStop", true],
  ])('the grace period starts at the stop of %s', async (_name, withOnStop) => {
    let entered = (): void => undefined;
    const running = new Promise<void>((resolve) => (entered = resolve));
    const Stubborn = defineWorker({
      name: 'Stubborn',
      run: () => {
        entered();
        return new Promise<never>(() => undefined);
      },
    });
    const stop = createWorkSignal();
    const unused = (): never => {
      throw new Error('Stubborn calls no host service');
    };
    const task: WorkTask = {
      worker: Stubborn,
      input: Data.EMPTY,
      params: {
        id: '00000000-0000-4000-8000-000000000044',
        tags: [],
        runAttemptCount: 0,
        generation: 0,
        triggeredContentUris: [],
        triggeredContentAuthorities: [],
      },
      signal: stop.signal,
      ...(withOnStop ? { onStop: (listener: () => void) => stop.onStop(listener) } : {}),
      host: {
        setProgress: unused,
        log: { debug: unused, info: unused, warn: unused, error: unused },
        fetch: unused,
        storage: { get: unused, set: unused, delete: unused, keys: unused },
      },
    };
    const attempt = createInlineWorkExecutor({ stopGracePeriodMs: 20 }).execute(task);
    await running;
    stop.stop(StopReason.CANCELLED_BY_APP);
    await expect(attempt).rejects.toThrow(
      `Worker 'Stubborn' (00000000-0000-4000-8000-000000000044) ignored its stop (reason ${StopReason.CANCELLED_BY_APP}) for 20 ms`,
    );
  });
});
