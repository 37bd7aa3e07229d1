import { createOneTimeWorkRequest, createPeriodicWorkRequest, StopReason } from '@workscript/api';
import { describe, expect, it } from 'vitest';
import {
  InvalidStopReasonError,
  TestDriverModeError,
  WorkNotEnqueuedError,
  WorkNotPeriodicError,
  WorkNotRunningError,
} from '../../src/index.js';
import { createTestWorkManager } from '../../src/testing/index.js';
import { createCountingWorker, createSuspendingWorker, TestWorker } from '../helpers/workers.js';

const DAY = 86_400_000;

describe('15.8 TestDriver (driver mode, synchronous operations)', () => {
  it('15.8 #88 unconstrained work is finished when enqueue resolves; so is a chain A→B', async () => {
    const { workManager } = createTestWorkManager({ workers: [TestWorker] });
    const single = createOneTimeWorkRequest(TestWorker);
    await workManager.enqueue(single);
    expect((await workManager.getWorkInfoById(single.id))?.state).toBe('SUCCEEDED');
    const [a, b] = [createOneTimeWorkRequest(TestWorker), createOneTimeWorkRequest(TestWorker)];
    await workManager.beginWith(a).then(b).enqueue();
    expect((await workManager.getWorkInfoById(a.id))?.state).toBe('SUCCEEDED');
    expect((await workManager.getWorkInfoById(b.id))?.state).toBe('SUCCEEDED');
  });

  it('15.8 #89 network-constrained work waits for setAllConstraintsMet', async () => {
    const { workManager, driver } = createTestWorkManager({ workers: [TestWorker] });
    const request = createOneTimeWorkRequest(TestWorker, {
      constraints: { requiredNetworkType: 'CONNECTED' },
    });
    await workManager.enqueue(request);
    expect((await workManager.getWorkInfoById(request.id))?.state).toBe('ENQUEUED');
    await driver.setAllConstraintsMet(request.id);
    expect((await workManager.getWorkInfoById(request.id))?.state).toBe('SUCCEEDED');
  });

  it('15.8 #90 a 10-day initial delay waits for setInitialDelayMet', async () => {
    const { workManager, driver } = createTestWorkManager({ workers: [TestWorker] });
    const request = createOneTimeWorkRequest(TestWorker, { initialDelayMs: 10 * DAY });
    await workManager.enqueue(request);
    expect((await workManager.getWorkInfoById(request.id))?.state).toBe('ENQUEUED');
    await driver.setInitialDelayMet(request.id);
    expect((await workManager.getWorkInfoById(request.id))?.state).toBe('SUCCEEDED');
  });

  it('15.8 #92 periodic with a 10-day delay: 0 runs; setInitialDelayMet → 1; setPeriodDelayMet → 2', async () => {
    const { worker, counter } = createCountingWorker();
    const { workManager, driver } = createTestWorkManager({ workers: [worker] });
    const request = createPeriodicWorkRequest(worker, { intervalMs: 10 * DAY, initialDelayMs: 10 * DAY });
    await workManager.enqueue(request);
    expect(counter.count).toBe(0);
    await driver.setInitialDelayMet(request.id);
    expect(counter.count).toBe(1);
    await driver.setPeriodDelayMet(request.id);
    expect(counter.count).toBe(2);
    expect(await workManager.getWorkInfoById(request.id)).toMatchObject({
      state: 'ENQUEUED',
      runAttemptCount: 0,
    });
  });

  it('15.8 #94 periodic 10 days with a 5-hour flex runs on enqueue', async () => {
    const { worker, counter } = createCountingWorker();
    const { workManager } = createTestWorkManager({ workers: [worker] });
    await workManager.enqueue(
      createPeriodicWorkRequest(worker, { intervalMs: 10 * DAY, flexMs: 5 * 3_600_000 }),
    );
    expect(counter.count).toBe(1);
  });

  it('15.8 #95 periodic enqueued then cancelled: setPeriodDelayMet is fine and the work stays CANCELLED', async () => {
    const { worker, counter } = createCountingWorker();
    const { workManager, driver } = createTestWorkManager({ workers: [worker] });
    const request = createPeriodicWorkRequest(worker, { intervalMs: 10 * DAY, initialDelayMs: 10 * DAY });
    await workManager.enqueue(request);
    await workManager.cancelWorkById(request.id);
    await driver.setPeriodDelayMet(request.id);
    expect((await workManager.getWorkInfoById(request.id))?.state).toBe('CANCELLED');
    expect(counter.count).toBe(0);
  });

  it('15.8 #96 after one-time work succeeded: constraints/delay setters are fine; setPeriodDelayMet throws', async () => {
    const { workManager, driver } = createTestWorkManager({ workers: [TestWorker] });
    const request = createOneTimeWorkRequest(TestWorker);
    await workManager.enqueue(request);
    await driver.setAllConstraintsMet(request.id);
    await driver.setInitialDelayMet(request.id);
    await expect(driver.setPeriodDelayMet(request.id)).rejects.toThrow(WorkNotPeriodicError);
    expect((await workManager.getWorkInfoById(request.id))?.runAttemptCount).toBe(1);
  });

  it('15.8 #99 a charging-constrained suspending worker: RUNNING after setAllConstraintsMet; stop(6) → ENQUEUED, 6', async () => {
    const { worker, seen } = createSuspendingWorker();
    const { workManager, driver } = createTestWorkManager({ workers: [worker] });
    const request = createOneTimeWorkRequest(worker, { constraints: { requiresCharging: true } });
    await workManager.enqueue(request);
    await driver.setAllConstraintsMet(request.id);
    expect(await workManager.getWorkInfoById(request.id)).toMatchObject({
      state: 'RUNNING',
      runAttemptCount: 1,
    });
    await driver.stopRunningWorkWithReason(request.id, StopReason.CONSTRAINT_CHARGING);
    expect(await workManager.getWorkInfoById(request.id)).toMatchObject({ state: 'ENQUEUED', stopReason: 6 });
    expect(seen[0]?.stopReason).toBe(6);
  });

  it('§14 misuse errors: unknown id, NOT_STOPPED, not running, delay setters in time-based mode', async () => {
    const { workManager, driver } = createTestWorkManager({ workers: [TestWorker] });
    const unknown = '00000000-0000-4000-8000-000000000000';
    await expect(driver.setAllConstraintsMet(unknown)).rejects.toThrow(WorkNotEnqueuedError);
    await expect(driver.setInitialDelayMet(unknown)).rejects.toThrow(
      `Work with id ${unknown} is not enqueued!`,
    );
    await expect(driver.setPeriodDelayMet(unknown)).rejects.toThrow(WorkNotEnqueuedError);
    const request = createOneTimeWorkRequest(TestWorker, { initialDelayMs: DAY });
    await workManager.enqueue(request);
    await expect(driver.stopRunningWorkWithReason(request.id, StopReason.NOT_STOPPED)).rejects.toThrow(
      InvalidStopReasonError,
    );
    await expect(
      driver.stopRunningWorkWithReason(request.id, StopReason.CONSTRAINT_CHARGING),
    ).rejects.toThrow(WorkNotRunningError);
    const timed = createTestWorkManager({ workers: [TestWorker], scheduling: 'time-based' });
    await expect(timed.driver.setInitialDelayMet(request.id)).rejects.toThrow(TestDriverModeError);
  });

  it.each(['driver', 'time-based', 'device'] as const)(
    '%s mode: an id that is not a string is a TypeError naming the method, not a SQLite error',
    async (scheduling) => {
      const { driver } = createTestWorkManager({ workers: [TestWorker], scheduling });
      for (const method of ['setAllConstraintsMet', 'setInitialDelayMet', 'setPeriodDelayMet'] as const) {
        await expect(driver[method]({} as never)).rejects.toThrow(
          new TypeError(`TestDriver.${method}: id must be a string (a WorkRequest's id), got an object`),
        );
      }
      await expect(driver.stopRunningWorkWithReason(42 as never, StopReason.PREEMPT)).rejects.toThrow(
        new TypeError(
          "TestDriver.stopRunningWorkWithReason: id must be a string (a WorkRequest's id), got 42",
        ),
      );
    },
  );

  it('stop reasons outside Kotlin Int range are refused and the work keeps running', async () => {
    const { worker, seen } = createSuspendingWorker();
    const { workManager, driver } = createTestWorkManager({ workers: [worker] });
    const request = createOneTimeWorkRequest(worker);
    await workManager.enqueue(request);
    for (const reason of [2 ** 40, 2 ** 31, -(2 ** 31) - 1]) {
      await expect(driver.stopRunningWorkWithReason(request.id, reason as StopReason)).rejects.toThrow(
        InvalidStopReasonError,
      );
    }
    expect((await workManager.getWorkInfoById(request.id))?.state).toBe('RUNNING');
    expect(seen[0]?.stopReason).toBeUndefined();
    await driver.stopRunningWorkWithReason(request.id, (2 ** 31 - 1) as StopReason); // Int.MAX_VALUE is fine
    expect(await workManager.getWorkInfoById(request.id)).toMatchObject({
      state: 'ENQUEUED',
      stopReason: 2 ** 31 - 1,
    });
  });

  it('§3 retries wait for a driver call in driver mode; the retry sees runAttemptCount 1', async () => {
    const seen: number[] = [];
    let attempts = 0;
    const flaky = {
      ...TestWorker,
      name: 'Flaky',
      run: (_i: unknown, ctx: { runAttemptCount: number }) => (
        seen.push(ctx.runAttemptCount),
        ++attempts < 2 ? { status: 'retry' as const } : { status: 'success' as const, output: {} }
      ),
    } as unknown as typeof TestWorker;
    const { workManager, driver } = createTestWorkManager({ workers: [flaky] });
    const request = createOneTimeWorkRequest({ name: 'Flaky' });
    await workManager.enqueue(request);
    expect(await workManager.getWorkInfoById(request.id)).toMatchObject({
      state: 'ENQUEUED',
      runAttemptCount: 1,
    });
    await driver.setInitialDelayMet(request.id);
    expect(seen).toEqual([0, 1]);
    expect(await workManager.getWorkInfoById(request.id)).toMatchObject({
      state: 'SUCCEEDED',
      runAttemptCount: 2,
    });
  });

  it('time-based mode: delays and backoff follow the TestClock', async () => {
    const { worker, counter } = createCountingWorker();
    const { workManager, clock } = createTestWorkManager({ workers: [worker], scheduling: 'time-based' });
    const request = createOneTimeWorkRequest(worker, { initialDelayMs: 60_000 });
    await workManager.enqueue(request);
    await clock.advance(59_999);
    await workManager.settle();
    expect(counter.count).toBe(0);
    await clock.advance(1);
    await workManager.settle();
    expect(counter.count).toBe(1);
    expect((await workManager.getWorkInfoById(request.id))?.state).toBe('SUCCEEDED');
  });

  it('§12 limited slots: the TestScheduler holds at most maxSchedulerLimit (20) unfinished specs at once', async () => {
    const { worker, counter } = createCountingWorker();
    const { workManager, driver, database } = createTestWorkManager({ workers: [worker] });
    const requests = Array.from({ length: 21 }, () =>
      createOneTimeWorkRequest(worker, { initialDelayMs: DAY }),
    );
    await workManager.enqueue(requests);
    const last = requests[20]?.id as string;
    expect(database.workSpecDao.get(last)?.scheduleRequestedAt).toBe(-1);
    await driver.setInitialDelayMet(last); // not handed to the scheduler yet: nothing runs
    expect(counter.count).toBe(0);
    await driver.setInitialDelayMet(requests[0]?.id as string); // frees a slot; the 21st is scheduled
    expect(counter.count).toBe(2);
    expect(database.workSpecDao.getState(last)).toBe('SUCCEEDED');
  });

  it("'device' mode: the GreedyScheduler follows deviceState and the TestClock; delay setters throw", async () => {
    const { worker, seen } = createSuspendingWorker();
    const { workManager, driver, deviceState, clock } = createTestWorkManager({
      workers: [worker],
      scheduling: 'device',
    });
    deviceState.setNetwork('NONE');
    const request = createOneTimeWorkRequest(worker, {
      constraints: { requiredNetworkType: 'CONNECTED' },
      initialDelayMs: 1_000,
    });
    await workManager.enqueue(request);
    await expect(driver.setInitialDelayMet(request.id)).rejects.toThrow(TestDriverModeError);
    await expect(driver.setAllConstraintsMet(request.id)).rejects.toThrow(TestDriverModeError);
    await clock.advance(1_000);
    expect((await workManager.getWorkInfoById(request.id))?.state).toBe('ENQUEUED');
    deviceState.setNetwork('METERED');
    await workManager.settle();
    expect((await workManager.getWorkInfoById(request.id))?.state).toBe('RUNNING');
    deviceState.setNetwork('NONE');
    await workManager.settle();
    expect(seen[0]?.stopReason).toBe(StopReason.CONSTRAINT_CONNECTIVITY);
    expect(await workManager.getWorkInfoById(request.id)).toMatchObject({
      state: 'ENQUEUED',
      stopReason: StopReason.CONSTRAINT_CONNECTIVITY,
    });
  });
});

describe('§12 execution limit under the test WorkManager', () => {
  // androidx's time limit is GreedyScheduler's TimeLimiter; its test WorkManager schedules through
  // TestScheduler and has none, so virtual time passing does not stop a run there.
  it('driver mode: a run outlives ten minutes of TestClock time unless executionTimeLimitMs is given', async () => {
    const { worker, seen } = createSuspendingWorker();
    const { workManager, clock } = createTestWorkManager({ workers: [worker], synchronous: false });
    const request = createOneTimeWorkRequest(worker);
    await workManager.enqueue(request);
    await workManager.settle();
    await clock.advance(3 * 600_000);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.stopReason).toBeUndefined();
    expect((await workManager.getWorkInfoById(request.id))?.state).toBe('RUNNING');
    await workManager.cancelWorkById(request.id);
  });

  it('an explicit executionTimeLimitMs still stops the run with TIMEOUT (3); the device mode keeps the default', async () => {
    for (const options of [{ executionTimeLimitMs: 600_000 }, { scheduling: 'device' as const }]) {
      const { worker, seen } = createSuspendingWorker();
      const { workManager, clock } = createTestWorkManager({
        workers: [worker],
        synchronous: false,
        ...options,
      });
      const request = createOneTimeWorkRequest(worker);
      await workManager.enqueue(request);
      await workManager.settle();
      await clock.advance(600_000);
      expect(seen[0]?.stopReason).toBe(StopReason.TIMEOUT);
      await workManager.cancelWorkById(request.id);
    }
  });
});
