// Audit of spec §4 (periodic work: interval and flex, next run time, results, overrides) through the
// public API: rules the scenario tests did not pin down. Times are asserted to the millisecond.
import {
  createOneTimeWorkRequest,
  createPeriodicWorkRequest,
  defineWorker,
  InvalidWorkRequestError,
  LONG_MAX_VALUE,
  Result,
  type OneTimeWorkRequest,
  type WorkResult,
} from '@workscript/api';
import { describe, expect, it } from 'vitest';
import { createTestWorkManager, TestClock } from '../../src/testing/index.js';
import { createDeviceWorkManager } from './device.js';

const MIN = 60_000;
const HOUR = 60 * MIN;

/** What the test workers return: a failure may carry a reason. */
type TestResult = WorkResult<Record<string, unknown>, Record<string, unknown>>;

/** A worker that records the clock time of each run and returns `result(runIndex)`. */
function createTimedWorker(
  name: string,
  clock: TestClock,
  result: (run: number) => TestResult = () => Result.success(),
) {
  const runs: number[] = [];
  const worker = defineWorker({
    name,
    run: () => {
      runs.push(clock.currentTimeMillis());
      return result(runs.length - 1);
    },
  });
  return { worker, runs };
}

describe('§4.1 periodic work cannot be chained', () => {
  it('beginWith, then and enqueueUniqueWork throw InvalidWorkRequestError synchronously; nothing is written', () => {
    const { worker } = createTimedWorker('P', new TestClock());
    const { workManager, database } = createTestWorkManager({ workers: [worker] });
    const periodic = createPeriodicWorkRequest(worker, {
      intervalMs: 15 * MIN,
    }) as unknown as OneTimeWorkRequest;
    const oneTime = createOneTimeWorkRequest(worker);
    expect(() => workManager.beginWith(periodic)).toThrow(InvalidWorkRequestError);
    expect(() => workManager.beginWith(oneTime).then(periodic)).toThrow(/periodic work cannot be chained/);
    expect(() => workManager.enqueueUniqueWork('u', 'REPLACE', periodic)).toThrow(InvalidWorkRequestError);
    expect(database.workSpecDao.get(periodic.id)).toBeNull();
    expect(database.workSpecDao.get(oneTime.id)).toBeNull();
  });
});

describe('§4.2 / §4.3 next run time of periodic work', () => {
  it('flex shapes the first period only: 15 min with 5 min flex → first run at +10 min, then one interval after each', async () => {
    const clock = new TestClock();
    const { worker, runs } = createTimedWorker('Flexed', clock);
    const { workManager, advance } = createDeviceWorkManager([worker], clock);
    const t0 = clock.currentTimeMillis();
    const request = createPeriodicWorkRequest(worker, { intervalMs: 15 * MIN, flexMs: 5 * MIN });
    await workManager.enqueue(request);
    expect((await workManager.getWorkInfoById(request.id))?.nextScheduleTimeMillis).toBe(t0 + 10 * MIN);
    await advance(10 * MIN - 1);
    expect(runs).toEqual([]);
    await advance(1);
    expect(await workManager.getWorkInfoById(request.id)).toMatchObject({
      state: 'ENQUEUED',
      runAttemptCount: 0,
      nextScheduleTimeMillis: t0 + 25 * MIN,
    });
    await advance(30 * MIN);
    expect(runs).toEqual([t0 + 10 * MIN, t0 + 25 * MIN, t0 + 40 * MIN]);
  });

  it('the initial delay applies to the first period only (added to the flex offset)', async () => {
    const clock = new TestClock();
    const { worker, runs } = createTimedWorker('DelayedPeriodic', clock);
    const { workManager, advance } = createDeviceWorkManager([worker], clock);
    const t0 = clock.currentTimeMillis();
    await workManager.enqueue(
      createPeriodicWorkRequest(worker, { intervalMs: 15 * MIN, flexMs: 5 * MIN, initialDelayMs: MIN }),
    );
    await advance(60 * MIN);
    expect(runs).toEqual([t0 + 11 * MIN, t0 + 26 * MIN, t0 + 41 * MIN, t0 + 56 * MIN]);
  });

  it('periods are measured from the end of the previous run: a 2-minute run moves the next one by 2 minutes', async () => {
    const clock = new TestClock();
    let release: (() => void) | undefined;
    const runs: number[] = [];
    const slow = defineWorker({
      name: 'SlowPeriodic',
      run: async () => {
        runs.push(clock.currentTimeMillis());
        if (runs.length === 1) await new Promise<void>((resolve) => (release = resolve));
        return Result.success();
      },
    });
    const { workManager, advance } = createDeviceWorkManager([slow], clock);
    const t0 = clock.currentTimeMillis();
    const request = createPeriodicWorkRequest(slow, { intervalMs: 15 * MIN });
    await workManager.enqueue(request);
    expect(runs).toEqual([t0]);
    await advance(2 * MIN);
    release?.();
    await workManager.settle();
    expect(await workManager.getWorkInfoById(request.id)).toMatchObject({
      state: 'ENQUEUED',
      nextScheduleTimeMillis: t0 + 17 * MIN,
    });
    await advance(15 * MIN - 1);
    expect(runs).toEqual([t0]);
    await advance(1);
    expect(runs).toEqual([t0, t0 + 17 * MIN]);
  });

  it('periodic retry: next = end + backoff (30 s), periodCount unchanged; the success after it resets the count', async () => {
    const clock = new TestClock();
    const { worker, runs } = createTimedWorker('RetryingPeriodic', clock, (run) =>
      run === 0 ? Result.retry() : Result.success(),
    );
    const { workManager, advance, database } = createDeviceWorkManager([worker], clock);
    const t0 = clock.currentTimeMillis();
    const request = createPeriodicWorkRequest(worker, { intervalMs: 15 * MIN });
    await workManager.enqueue(request);
    expect(await workManager.getWorkInfoById(request.id)).toMatchObject({
      state: 'ENQUEUED',
      runAttemptCount: 1,
      nextScheduleTimeMillis: t0 + 30_000,
    });
    expect(database.workSpecDao.get(request.id)?.periodCount).toBe(0);
    await advance(30_000);
    expect(runs).toEqual([t0, t0 + 30_000]);
    expect(await workManager.getWorkInfoById(request.id)).toMatchObject({
      state: 'ENQUEUED',
      runAttemptCount: 0,
      nextScheduleTimeMillis: t0 + 30_000 + 15 * MIN,
    });
    expect(database.workSpecDao.get(request.id)?.periodCount).toBe(1);
  });

  it.each([
    [
      'throws',
      (): TestResult => {
        throw new Error('boom');
      },
    ],
    ['returns null', (): TestResult => null as unknown as TestResult],
    ['fails', (): TestResult => Result.failure({ reason: 'x' })],
  ])(
    'a periodic worker that %s goes back to ENQUEUED for its next period, output not stored',
    async (_n, result) => {
      const clock = new TestClock();
      const { worker, runs } = createTimedWorker('BadPeriodic', clock, result);
      const { workManager, advance, database } = createDeviceWorkManager([worker], clock);
      const t0 = clock.currentTimeMillis();
      const request = createPeriodicWorkRequest(worker, { intervalMs: 15 * MIN });
      await workManager.enqueue(request);
      const info = await workManager.getWorkInfoById(request.id);
      expect(info).toMatchObject({
        state: 'ENQUEUED',
        runAttemptCount: 0,
        nextScheduleTimeMillis: t0 + 15 * MIN,
      });
      expect(info?.outputData.size).toBe(0);
      expect(database.workSpecDao.get(request.id)).toMatchObject({ periodCount: 1, lastEnqueueTime: t0 });
      await advance(15 * MIN);
      expect(runs).toEqual([t0, t0 + 15 * MIN]);
    },
  );
});

describe('§4.4 next-schedule-time override', () => {
  it('an override given at enqueue applies as is (before the interval and flex), runs then, and is cleared by the run', async () => {
    const clock = new TestClock();
    const { worker, runs } = createTimedWorker('Overridden', clock);
    const { workManager, advance, database } = createDeviceWorkManager([worker], clock);
    const t0 = clock.currentTimeMillis();
    const request = createPeriodicWorkRequest(worker, {
      intervalMs: HOUR,
      nextScheduleTimeOverride: t0 + 2 * HOUR,
    });
    await workManager.enqueue(request);
    expect(runs).toEqual([]); // without the override the first period would run at once
    expect((await workManager.getWorkInfoById(request.id))?.nextScheduleTimeMillis).toBe(t0 + 2 * HOUR);
    await advance(2 * HOUR - 1);
    expect(runs).toEqual([]);
    await advance(1);
    expect(runs).toEqual([t0 + 2 * HOUR]);
    expect(database.workSpecDao.get(request.id)).toMatchObject({
      nextScheduleTimeOverride: LONG_MAX_VALUE,
      periodCount: 1,
    });
    expect((await workManager.getWorkInfoById(request.id))?.nextScheduleTimeMillis).toBe(t0 + 3 * HOUR);
  });

  it('an override in the past, first period: the work is due at once', async () => {
    const clock = new TestClock();
    const { worker, runs } = createTimedWorker('PastOverride', clock);
    const { workManager } = createDeviceWorkManager([worker], clock);
    const t0 = clock.currentTimeMillis();
    await workManager.enqueue(
      createPeriodicWorkRequest(worker, {
        intervalMs: HOUR,
        flexMs: 15 * MIN,
        nextScheduleTimeOverride: t0 - HOUR,
      }),
    );
    expect(runs).toEqual([t0]);
  });

  it('after the first period an override is at least lastEnqueueTime + 15 min', async () => {
    const clock = new TestClock();
    const { worker, runs } = createTimedWorker('LaterOverride', clock);
    const { workManager, advance } = createDeviceWorkManager([worker], clock);
    const t0 = clock.currentTimeMillis();
    const request = createPeriodicWorkRequest(worker, { intervalMs: HOUR });
    await workManager.enqueue(request);
    expect(runs).toEqual([t0]);
    await workManager.updateWork(
      createPeriodicWorkRequest(worker, {
        id: request.id,
        intervalMs: HOUR,
        nextScheduleTimeOverride: t0 + MIN,
      }),
    );
    expect((await workManager.getWorkInfoById(request.id))?.nextScheduleTimeMillis).toBe(t0 + 15 * MIN);
    await workManager.updateWork(
      createPeriodicWorkRequest(worker, {
        id: request.id,
        intervalMs: HOUR,
        nextScheduleTimeOverride: t0 + 40 * MIN,
      }),
    );
    expect((await workManager.getWorkInfoById(request.id))?.nextScheduleTimeMillis).toBe(t0 + 40 * MIN);
    await advance(40 * MIN);
    expect(runs).toEqual([t0, t0 + 40 * MIN]);
  });

  it('clearNextScheduleTimeOverride in an update removes the stored override and bumps its generation', async () => {
    const clock = new TestClock();
    const { worker, runs } = createTimedWorker('ClearedOverride', clock);
    const { workManager, database } = createDeviceWorkManager([worker], clock);
    const t0 = clock.currentTimeMillis();
    const request = createPeriodicWorkRequest(worker, {
      intervalMs: HOUR,
      flexMs: 15 * MIN,
      nextScheduleTimeOverride: t0 + 3 * HOUR,
    });
    await workManager.enqueue(request);
    expect(database.workSpecDao.get(request.id)).toMatchObject({
      nextScheduleTimeOverride: t0 + 3 * HOUR,
      nextScheduleTimeOverrideGeneration: 1,
    });
    await workManager.updateWork(
      createPeriodicWorkRequest(worker, {
        id: request.id,
        intervalMs: HOUR,
        flexMs: 15 * MIN,
        clearNextScheduleTimeOverride: true,
      }),
    );
    expect(database.workSpecDao.get(request.id)).toMatchObject({
      nextScheduleTimeOverride: LONG_MAX_VALUE,
      nextScheduleTimeOverrideGeneration: 2,
    });
    // Back to the flex rule for the first period: enqueue + (interval − flex).
    expect((await workManager.getWorkInfoById(request.id))?.nextScheduleTimeMillis).toBe(t0 + 45 * MIN);
    expect(runs).toEqual([]);
  });

  it('a retry of the run at the override clears the override: the next run is the backoff, 30 s after the retry', async () => {
    const clock = new TestClock();
    const { worker, runs } = createTimedWorker('RetryAtOverride', clock, (run) =>
      run === 0 ? Result.retry() : Result.success(),
    );
    const { workManager, advance, database } = createDeviceWorkManager([worker], clock);
    const t0 = clock.currentTimeMillis();
    const request = createPeriodicWorkRequest(worker, {
      intervalMs: HOUR,
      nextScheduleTimeOverride: t0 + HOUR,
    });
    await workManager.enqueue(request);
    await advance(HOUR);
    expect(runs).toEqual([t0 + HOUR]);
    expect(database.workSpecDao.get(request.id)).toMatchObject({
      nextScheduleTimeOverride: LONG_MAX_VALUE,
      periodCount: 0,
      runAttemptCount: 1,
    });
    expect((await workManager.getWorkInfoById(request.id))?.nextScheduleTimeMillis).toBe(t0 + HOUR + 30_000);
    await advance(30_000);
    expect(runs).toEqual([t0 + HOUR, t0 + HOUR + 30_000]);
  });
});
