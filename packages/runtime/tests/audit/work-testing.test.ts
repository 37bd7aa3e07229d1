// Audit of spec §14 (the work-testing artifact: test WorkManager, executors modes, TestScheduler/TestDriver)
// and §15.8 through the public API: rules that tests/testing/test-driver.test.ts (the §15.8 scenarios) did
// not pin down. androidx's TestScheduler is the reference for the gates: a work runs in driver mode iff
// isScheduled AND (no constraints OR constraintsMet) AND initial-delay gate AND period gate, and the flags
// are dropped when the work is launched.
// Not applicable on Node: androidx's SynchronousExecutor blocks the caller until a Worker's doWork returns;
// Node cannot block, so "synchronous" operations here wait until the database stops changing (README,
// "Tests"): a worker awaiting real I/O or its stop signal is still RUNNING when the operation resolves, as a
// suspending CoroutineWorker is in androidx (§15.8 #99).
import {
  createOneTimeWorkRequest,
  createPeriodicWorkRequest,
  defineWorker,
  LONG_MAX_VALUE,
  Result,
  StopReason,
  type WorkResult,
} from '@workscript/api';
import { describe, expect, it } from 'vitest';
import {
  InvalidStopReasonError,
  TestDriverModeError,
  WorkManagerClosedError,
  WorkNotPeriodicError,
  WorkNotRunningError,
} from '../../src/index.js';
import type { WorkSpec } from '../../src/model/work-spec.js';
import type { WorkDatabase } from '../../src/store/work-database.js';
import { createTestWorkManager, TestClock } from '../../src/testing/index.js';
import { createGatedWorker, createSuspendingWorker, TestWorker } from '../helpers/workers.js';

const MIN = 60_000;
const DAY = 86_400_000;

/** What the test workers return. */
type TestResult = WorkResult<Record<string, unknown>, Record<string, unknown>>;

/**
 * A worker that records, at each run, the clock, the runAttemptCount it was given and the stored spec as
 * the run sees it (after the TestScheduler's rewind), then returns `result(runIndex)`.
 */
function createProbeWorker(name: string, clock: TestClock, result: (run: number) => TestResult) {
  const db: { current?: WorkDatabase } = {};
  const runs: { at: number; runAttemptCount: number; spec: WorkSpec | null }[] = [];
  const worker = defineWorker({
    name,
    run: (_input: Record<string, unknown>, ctx) => {
      runs.push({
        at: clock.currentTimeMillis(),
        runAttemptCount: ctx.runAttemptCount,
        spec: db.current?.workSpecDao.get(ctx.id) ?? null,
      });
      return result(runs.length - 1);
    },
  });
  return { worker, runs, db };
}

describe('§14 test WorkManager: the TestScheduler is the only scheduler', () => {
  it('in driver mode the simulated device neither starts nor stops work; only the driver does', async () => {
    const { worker, seen } = createSuspendingWorker();
    const { workManager, driver, deviceState } = createTestWorkManager({ workers: [worker] });
    // The default device is on an unmetered network, yet CONNECTED work waits for the driver.
    const request = createOneTimeWorkRequest(worker, { constraints: { requiredNetworkType: 'CONNECTED' } });
    await workManager.enqueue(request);
    expect((await workManager.getWorkInfoById(request.id))?.state).toBe('ENQUEUED');
    await driver.setAllConstraintsMet(request.id);
    deviceState.setNetwork('NONE');
    await workManager.settle();
    expect(seen).toEqual([{ runAttemptCount: 0, generation: 0, tags: ['SuspendingWorker'] }]);
    expect(await workManager.getWorkInfoById(request.id)).toMatchObject({
      state: 'RUNNING',
      stopReason: StopReason.NOT_STOPPED,
    });
    await driver.stopRunningWorkWithReason(request.id, StopReason.CONSTRAINT_CONNECTIVITY);
    expect(seen[0]?.stopReason).toBe(StopReason.CONSTRAINT_CONNECTIVITY);
  });

  it('the database is in memory', () => {
    const { database } = createTestWorkManager({ workers: [TestWorker] });
    expect(database.filename).toBe(':memory:');
  });
});

describe('§14 executors modes', () => {
  it('synchronous: false (PRESERVE_EXECUTORS) resolves enqueue at commit; the default (LEGACY) after the run', async () => {
    // Finishes on its own, one event-loop turn after it started: only the default mode waits for that.
    const slow = defineWorker({
      name: 'OneTurn',
      run: async () => {
        await new Promise<void>((resolve) => setImmediate(resolve));
        return Result.success();
      },
    });
    const preserving = createTestWorkManager({ workers: [slow], synchronous: false }).workManager;
    const request = createOneTimeWorkRequest(slow);
    await preserving.enqueue(request);
    expect((await preserving.getWorkInfoById(request.id))?.state).toBe('RUNNING'); // launched, not awaited
    await preserving.settle();
    expect((await preserving.getWorkInfoById(request.id))?.state).toBe('SUCCEEDED');
    const legacy = createTestWorkManager({ workers: [slow] }).workManager;
    const other = createOneTimeWorkRequest(slow);
    await legacy.enqueue(other);
    expect((await legacy.getWorkInfoById(other.id))?.state).toBe('SUCCEEDED');
  });

  it('LEGACY: every operation waits for the work it released — updateWork dropping a constraint, a cancel freeing a slot', async () => {
    const { workManager } = createTestWorkManager({ workers: [TestWorker] });
    const request = createOneTimeWorkRequest(TestWorker, { constraints: { requiresCharging: true } });
    await workManager.enqueue(request);
    expect(await workManager.updateWork(createOneTimeWorkRequest(TestWorker, { id: request.id }))).toBe(
      'APPLIED_IMMEDIATELY',
    );
    expect((await workManager.getWorkInfoById(request.id))?.state).toBe('SUCCEEDED');
    // 20 constrained requests fill the TestScheduler's 20 slots; the 21st, unconstrained, waits for one.
    const requests = Array.from({ length: 21 }, (_, i) =>
      createOneTimeWorkRequest(TestWorker, i < 20 ? { constraints: { requiresCharging: true } } : {}),
    );
    await workManager.enqueue(requests);
    const last = requests[20]?.id as string;
    expect((await workManager.getWorkInfoById(last))?.state).toBe('ENQUEUED');
    await workManager.cancelWorkById(requests[0]?.id as string);
    expect((await workManager.getWorkInfoById(last))?.state).toBe('SUCCEEDED');
  });

  it('time-based: setPeriodDelayMet throws TestDriverModeError (IllegalStateException), checked before the id', async () => {
    const { workManager, driver } = createTestWorkManager({
      workers: [TestWorker],
      scheduling: 'time-based',
    });
    const periodic = createPeriodicWorkRequest(TestWorker, { intervalMs: 15 * MIN, initialDelayMs: DAY });
    await workManager.enqueue(periodic);
    await expect(driver.setPeriodDelayMet(periodic.id)).rejects.toThrow(TestDriverModeError);
    await expect(driver.setPeriodDelayMet('00000000-0000-4000-8000-000000000000')).rejects.toThrow(
      TestDriverModeError,
    );
  });

  it('time-based: a retry runs when the clock reaches its backoff (30 s, then 60 s, from the end of each attempt)', async () => {
    const clock = new TestClock();
    const { worker, runs } = createProbeWorker('Retrying', clock, (run) =>
      run < 2 ? Result.retry() : Result.success(),
    );
    const { workManager } = createTestWorkManager({ workers: [worker], clock, scheduling: 'time-based' });
    const t0 = clock.currentTimeMillis();
    const request = createOneTimeWorkRequest(worker);
    await workManager.enqueue(request);
    expect(runs.map((r) => r.at)).toEqual([t0]);
    await clock.advance(30_000 - 1);
    expect(runs).toHaveLength(1);
    await clock.advance(1);
    await clock.advance(60_000 - 1);
    expect(runs.map((r) => r.at)).toEqual([t0, t0 + 30_000]);
    await clock.advance(1);
    expect(runs.map((r) => [r.at, r.runAttemptCount])).toEqual([
      [t0, 0],
      [t0 + 30_000, 1],
      [t0 + 90_000, 2],
    ]);
    expect(await workManager.getWorkInfoById(request.id)).toMatchObject({
      state: 'SUCCEEDED',
      runAttemptCount: 3,
    });
  });

  it('time-based: periodic work runs at enqueue, then exactly one interval (15 min) after each run', async () => {
    const clock = new TestClock();
    const { worker, runs, db } = createProbeWorker('Ticking', clock, () => Result.success());
    const { workManager, database } = createTestWorkManager({
      workers: [worker],
      clock,
      scheduling: 'time-based',
    });
    db.current = database;
    const t0 = clock.currentTimeMillis();
    await workManager.enqueue(createPeriodicWorkRequest(worker, { intervalMs: 15 * MIN }));
    await clock.advance(15 * MIN - 1);
    expect(runs.map((r) => r.at)).toEqual([t0]);
    await clock.advance(1);
    await clock.advance(15 * MIN);
    expect(runs.map((r) => r.at)).toEqual([t0, t0 + 15 * MIN, t0 + 30 * MIN]);
    expect(runs.map((r) => r.spec?.periodCount)).toEqual([0, 1, 2]);
  });

  it('time-based: constraints still need setAllConstraintsMet (the device is ignored); met early, the work waits for its delay', async () => {
    const clock = new TestClock();
    const { worker, runs } = createProbeWorker('Constrained', clock, () => Result.success());
    const { workManager, driver, deviceState } = createTestWorkManager({
      workers: [worker],
      clock,
      scheduling: 'time-based',
    });
    const t0 = clock.currentTimeMillis();
    const request = createOneTimeWorkRequest(worker, {
      constraints: { requiresCharging: true },
      initialDelayMs: 10 * MIN,
    });
    await workManager.enqueue(request);
    deviceState.setCharging(true);
    await clock.advance(20 * MIN);
    expect(runs).toEqual([]);
    await driver.setAllConstraintsMet(request.id); // delay long over: runs now
    expect(runs.map((r) => r.at)).toEqual([t0 + 20 * MIN]);

    const second = createOneTimeWorkRequest(worker, {
      constraints: { requiresCharging: true },
      initialDelayMs: 10 * MIN,
    });
    const t1 = clock.currentTimeMillis();
    await workManager.enqueue(second);
    await driver.setAllConstraintsMet(second.id); // before the delay: waits for the clock
    await clock.advance(10 * MIN - 1);
    expect(runs).toHaveLength(1);
    await clock.advance(1);
    expect(runs.map((r) => r.at)).toEqual([t0 + 20 * MIN, t1 + 10 * MIN]);
  });
});

describe('§14 TestScheduler gates in driver mode', () => {
  it('flags add up until the work is launched: a delayed, constrained work needs both calls, in any order', async () => {
    const { worker, runs } = createProbeWorker('Gated', new TestClock(), () => Result.success());
    const { workManager, driver } = createTestWorkManager({ workers: [worker] });
    const request = createOneTimeWorkRequest(worker, {
      constraints: { requiresCharging: true },
      initialDelayMs: DAY,
    });
    await workManager.enqueue(request);
    await driver.setInitialDelayMet(request.id);
    expect(runs).toHaveLength(0);
    await driver.setAllConstraintsMet(request.id);
    expect(runs).toHaveLength(1);
    expect((await workManager.getWorkInfoById(request.id))?.state).toBe('SUCCEEDED');
  });

  it('a flag set while the work is BLOCKED is kept: the constrained dependent runs as soon as it is unblocked', async () => {
    const { worker, runs } = createProbeWorker('Dependent', new TestClock(), () => Result.success());
    const { workManager, driver } = createTestWorkManager({ workers: [TestWorker, worker] });
    const first = createOneTimeWorkRequest(TestWorker, { initialDelayMs: DAY });
    const dependent = createOneTimeWorkRequest(worker, { constraints: { requiresCharging: true } });
    await workManager.beginWith(first).then(dependent).enqueue();
    await driver.setAllConstraintsMet(dependent.id);
    expect((await workManager.getWorkInfoById(dependent.id))?.state).toBe('BLOCKED');
    await driver.setInitialDelayMet(first.id); // first runs, unblocks and schedules the dependent
    expect(runs).toHaveLength(1);
    expect((await workManager.getWorkInfoById(dependent.id))?.state).toBe('SUCCEEDED');
  });

  it('flags are dropped when the work is launched: the next period of constrained periodic work needs setAllConstraintsMet again', async () => {
    const { worker, runs, db } = createProbeWorker('Periodic', new TestClock(), () => Result.success());
    const { workManager, driver, database } = createTestWorkManager({ workers: [worker] });
    db.current = database;
    const request = createPeriodicWorkRequest(worker, {
      intervalMs: DAY,
      constraints: { requiresCharging: true },
    });
    await workManager.enqueue(request);
    expect(runs).toHaveLength(0);
    await driver.setAllConstraintsMet(request.id);
    expect(runs).toHaveLength(1);
    await driver.setPeriodDelayMet(request.id);
    expect(runs).toHaveLength(1); // constraintsMet was dropped at the launch
    await driver.setAllConstraintsMet(request.id);
    expect(runs).toHaveLength(2);
    expect(runs.map((r) => r.spec?.periodCount)).toEqual([0, 1]);
  });

  it('a backed-off one-time work is released by any driver call (it was marked scheduled when schedule() skipped it)', async () => {
    const { worker, runs } = createProbeWorker('RetryOnce', new TestClock(), (run) =>
      run === 0 ? Result.retry() : Result.success(),
    );
    const { workManager, driver } = createTestWorkManager({ workers: [worker] });
    const request = createOneTimeWorkRequest(worker);
    await workManager.enqueue(request);
    expect(await workManager.getWorkInfoById(request.id)).toMatchObject({
      state: 'ENQUEUED',
      runAttemptCount: 1,
    });
    await driver.setAllConstraintsMet(request.id); // no constraints, no delay: only the backoff held it
    expect(runs.map((r) => r.runAttemptCount)).toEqual([0, 1]);
    expect((await workManager.getWorkInfoById(request.id))?.state).toBe('SUCCEEDED');
  });

  it('a periodic retry is not a first run: setInitialDelayMet does not release it, setPeriodDelayMet does', async () => {
    const { worker, runs } = createProbeWorker('PeriodicRetry', new TestClock(), (run) =>
      run === 0 ? Result.retry() : Result.success(),
    );
    const { workManager, driver, database } = createTestWorkManager({ workers: [worker] });
    const request = createPeriodicWorkRequest(worker, { intervalMs: DAY });
    await workManager.enqueue(request);
    expect(runs.map((r) => r.runAttemptCount)).toEqual([0]);
    await driver.setInitialDelayMet(request.id);
    expect(runs).toHaveLength(1);
    await driver.setPeriodDelayMet(request.id);
    expect(runs.map((r) => r.runAttemptCount)).toEqual([0, 1]);
    expect(database.workSpecDao.get(request.id)).toMatchObject({
      state: 'ENQUEUED',
      runAttemptCount: 0,
      periodCount: 1,
    });
  });

  it('the launch rewinds lastEnqueueTime so the work is due now: a 10-day delay moves it back by exactly 10 days', async () => {
    const clock = new TestClock();
    const { worker, runs, db } = createProbeWorker('Delayed', clock, () => Result.success());
    const { workManager, driver, database } = createTestWorkManager({ workers: [worker], clock });
    db.current = database;
    const t0 = clock.currentTimeMillis();
    const request = createOneTimeWorkRequest(worker, { initialDelayMs: 10 * DAY });
    await workManager.enqueue(request);
    expect(database.workSpecDao.get(request.id)?.lastEnqueueTime).toBe(t0);
    await clock.advance(MIN); // the driver ignores the clock; the rewind counts from now
    await driver.setInitialDelayMet(request.id);
    expect(runs).toHaveLength(1);
    expect(runs[0]?.spec).toMatchObject({ state: 'RUNNING', lastEnqueueTime: t0 + MIN - 10 * DAY });
  });

  it('an override makes the first period a later one: it waits for setPeriodDelayMet, whose launch moves the override to now', async () => {
    const clock = new TestClock();
    const { worker, runs, db } = createProbeWorker('Overridden', clock, () => Result.success());
    const { workManager, driver, database } = createTestWorkManager({ workers: [worker], clock });
    db.current = database;
    const t0 = clock.currentTimeMillis();
    const request = createPeriodicWorkRequest(worker, {
      intervalMs: DAY,
      nextScheduleTimeOverride: t0 + 2 * DAY,
    });
    await workManager.enqueue(request);
    await driver.setInitialDelayMet(request.id);
    expect(runs).toHaveLength(0);
    await driver.setPeriodDelayMet(request.id);
    expect(runs).toHaveLength(1);
    expect(runs[0]?.spec).toMatchObject({
      lastEnqueueTime: t0,
      nextScheduleTimeOverride: t0,
      periodCount: 0,
    });
    expect(database.workSpecDao.get(request.id)).toMatchObject({
      nextScheduleTimeOverride: LONG_MAX_VALUE,
      periodCount: 1,
    });
  });

  it('an override set after the first period: setPeriodDelayMet still runs it (deliberate difference: androidx leaves it stuck)', async () => {
    const clock = new TestClock();
    const { worker, runs, db } = createProbeWorker('LateOverride', clock, () => Result.success());
    const { workManager, driver, database } = createTestWorkManager({ workers: [worker], clock });
    db.current = database;
    const request = createPeriodicWorkRequest(worker, { intervalMs: DAY });
    await workManager.enqueue(request);
    await driver.setPeriodDelayMet(request.id);
    expect(runs).toHaveLength(2);
    const t1 = clock.currentTimeMillis();
    await workManager.updateWork(
      createPeriodicWorkRequest(worker, {
        id: request.id,
        intervalMs: DAY,
        nextScheduleTimeOverride: t1 + 5 * DAY,
      }),
    );
    // periodCount is 2, so the next run time is max(override, lastEnqueueTime + 15 min) (§4.2): moving only
    // the override to now (androidx's TestScheduler) leaves it 15 min ahead, and the wrapper would skip it.
    await driver.setPeriodDelayMet(request.id);
    expect(runs).toHaveLength(3);
    expect(runs[2]?.spec).toMatchObject({ nextScheduleTimeOverride: t1, lastEnqueueTime: t1 - 15 * MIN });
    await driver.setPeriodDelayMet(request.id);
    expect(runs).toHaveLength(4);
    expect(database.workSpecDao.get(request.id)).toMatchObject({ state: 'ENQUEUED', periodCount: 4 });
  });

  it.each([Number.NaN, 2.5, 'x', undefined])(
    'stopRunningWorkWithReason(%s) is refused and the work keeps running',
    async (reason) => {
      const { worker } = createSuspendingWorker('Stoppable');
      const { workManager, driver } = createTestWorkManager({ workers: [worker] });
      const request = createOneTimeWorkRequest(worker);
      await workManager.enqueue(request);
      await expect(driver.stopRunningWorkWithReason(request.id, reason as StopReason)).rejects.toThrow(
        InvalidStopReasonError,
      );
      expect((await workManager.getWorkInfoById(request.id))?.state).toBe('RUNNING');
      await driver.stopRunningWorkWithReason(request.id, StopReason.PREEMPT);
      expect(await workManager.getWorkInfoById(request.id)).toMatchObject({
        state: 'ENQUEUED',
        stopReason: StopReason.PREEMPT,
      });
    },
  );

  it('driver calls after close() reject with WorkManagerClosedError', async () => {
    const { workManager, driver } = createTestWorkManager({ workers: [TestWorker] });
    await workManager.close();
    for (const call of [
      () => driver.setAllConstraintsMet('x'),
      () => driver.setInitialDelayMet('x'),
      () => driver.setPeriodDelayMet('x'),
      () => driver.stopRunningWorkWithReason('x', StopReason.PREEMPT),
    ])
      await expect(call()).rejects.toThrow(WorkManagerClosedError);
  });

  it('a stopped work is backed off: it stays ENQUEUED until a driver call, then runs with runAttemptCount 1', async () => {
    const gated = createGatedWorker('Stoppable');
    const { workManager, driver } = createTestWorkManager({ workers: [gated.worker] });
    const request = createOneTimeWorkRequest(gated.worker);
    await workManager.enqueue(request);
    await driver.stopRunningWorkWithReason(request.id, StopReason.PREEMPT);
    expect(await workManager.getWorkInfoById(request.id)).toMatchObject({
      state: 'ENQUEUED',
      stopReason: StopReason.PREEMPT,
      runAttemptCount: 1,
    });
    await expect(driver.stopRunningWorkWithReason(request.id, StopReason.PREEMPT)).rejects.toThrow(
      WorkNotRunningError,
    );
    expect(gated.runs.map((r) => [r.runAttemptCount, r.stopped])).toEqual([[0, true]]);
    await driver.setInitialDelayMet(request.id);
    expect(gated.runs.map((r) => r.runAttemptCount)).toEqual([0, 1]);
    gated.release();
    await workManager.settle();
    expect((await workManager.getWorkInfoById(request.id))?.state).toBe('SUCCEEDED');
  });

  it('setPeriodDelayMet on ENQUEUED one-time work throws "Work with id … isn\'t periodic!"', async () => {
    const { workManager, driver } = createTestWorkManager({ workers: [TestWorker] });
    const request = createOneTimeWorkRequest(TestWorker, { initialDelayMs: DAY });
    await workManager.enqueue(request);
    await expect(driver.setPeriodDelayMet(request.id)).rejects.toThrow(WorkNotPeriodicError);
    await expect(driver.setPeriodDelayMet(request.id)).rejects.toThrow(
      `Work with id ${request.id} isn't periodic!`,
    );
    expect((await workManager.getWorkInfoById(request.id))?.state).toBe('ENQUEUED');
  });
});
