// Audit of spec §5 (initial delay, expedited work, delay vs constraints) and §6 (constraints) through the
// public API: rules the scenario tests did not pin down. Times are asserted to the millisecond.
import { createOneTimeWorkRequest, defineWorker, LONG_MAX_VALUE, Result, StopReason } from '@workscript/api';
import { describe, expect, it } from 'vitest';
import { TestClock } from '../../src/testing/index.js';
import { createGatedWorker, createSuspendingWorker, RetryWorker } from '../helpers/workers.js';
import { createDeviceWorkManager } from './device.js';

/** Records the clock time of each run; succeeds. */
function createTimedWorker(name: string, clock: TestClock) {
  const runs: number[] = [];
  const worker = defineWorker({
    name,
    run: () => {
      runs.push(clock.currentTimeMillis());
      return Result.success();
    },
  });
  return { worker, runs };
}

describe('§5.1 initial delay', () => {
  it("a dependent's delay counts from the time it was unblocked, not from the enqueue", async () => {
    const clock = new TestClock();
    const gated = createGatedWorker('Prerequisite');
    const { worker, runs } = createTimedWorker('Dependent', clock);
    const { workManager, advance, database } = createDeviceWorkManager([gated.worker, worker], clock);
    const t0 = clock.currentTimeMillis();
    const a = createOneTimeWorkRequest(gated.worker);
    const b = createOneTimeWorkRequest(worker, { initialDelayMs: 10_000 });
    await workManager.beginWith(a).then(b).enqueue();
    expect(database.workSpecDao.get(b.id)).toMatchObject({ state: 'BLOCKED', lastEnqueueTime: -1 });
    expect((await workManager.getWorkInfoById(b.id))?.nextScheduleTimeMillis).toBe(LONG_MAX_VALUE);
    await advance(60_000);
    gated.release();
    await workManager.settle();
    expect(database.workSpecDao.get(b.id)).toMatchObject({ state: 'ENQUEUED', lastEnqueueTime: t0 + 60_000 });
    expect((await workManager.getWorkInfoById(b.id))?.nextScheduleTimeMillis).toBe(t0 + 70_000);
    await advance(9_999);
    expect(runs).toEqual([]);
    await advance(1);
    expect(runs).toEqual([t0 + 70_000]);
  });
});

describe('§5.2 expedited work', () => {
  it('has the same state machine and backoff as regular work: a retry waits 30 s from the end of the attempt', async () => {
    const { workManager, clock, advance } = createDeviceWorkManager([RetryWorker]);
    const t0 = clock.currentTimeMillis();
    const request = createOneTimeWorkRequest(RetryWorker, { expedited: 'RUN_AS_NON_EXPEDITED_WORK_REQUEST' });
    await workManager.enqueue(request);
    expect(await workManager.getWorkInfoById(request.id)).toMatchObject({
      state: 'ENQUEUED',
      runAttemptCount: 1,
      stopReason: StopReason.NOT_STOPPED,
      nextScheduleTimeMillis: t0 + 30_000,
    });
    await advance(30_000);
    expect(await workManager.getWorkInfoById(request.id)).toMatchObject({
      state: 'ENQUEUED',
      runAttemptCount: 2,
      nextScheduleTimeMillis: t0 + 30_000 + 60_000,
    });
  });
});

describe('§5.3 delay and constraints are independent gates', () => {
  it('a delay that passes with the constraint unmet waits for the constraint; nextScheduleTimeMillis shows only the delay', async () => {
    const clock = new TestClock();
    const { worker, runs } = createTimedWorker('Charger', clock);
    const { workManager, advance, deviceState } = createDeviceWorkManager([worker], clock);
    deviceState.setCharging(false);
    const t0 = clock.currentTimeMillis();
    const request = createOneTimeWorkRequest(worker, {
      initialDelayMs: 10_000,
      constraints: { requiresCharging: true },
    });
    await workManager.enqueue(request);
    await advance(20_000);
    expect(runs).toEqual([]);
    expect(await workManager.getWorkInfoById(request.id)).toMatchObject({
      state: 'ENQUEUED',
      nextScheduleTimeMillis: t0 + 10_000,
    });
    deviceState.setCharging(true);
    await workManager.settle();
    expect(runs).toEqual([t0 + 20_000]);
  });

  it('a constraint met before the delay passes does not start the work early', async () => {
    const clock = new TestClock();
    const { worker, runs } = createTimedWorker('EarlyCharger', clock);
    const { workManager, advance, deviceState } = createDeviceWorkManager([worker], clock);
    deviceState.setCharging(false);
    const t0 = clock.currentTimeMillis();
    await workManager.enqueue(
      createOneTimeWorkRequest(worker, { initialDelayMs: 10_000, constraints: { requiresCharging: true } }),
    );
    await advance(3_000);
    deviceState.setCharging(true);
    await workManager.settle();
    await advance(6_999);
    expect(runs).toEqual([]);
    await advance(1);
    expect(runs).toEqual([t0 + 10_000]);
  });
});

describe('§6 constraints', () => {
  it('device idle lost while running → stopped with CONSTRAINT_DEVICE_IDLE (8), back to ENQUEUED', async () => {
    const { worker, seen } = createSuspendingWorker('IdleWorker');
    const { workManager, deviceState } = createDeviceWorkManager([worker]);
    deviceState.setIdle(true);
    const request = createOneTimeWorkRequest(worker, { constraints: { requiresDeviceIdle: true } });
    await workManager.enqueue(request);
    expect((await workManager.getWorkInfoById(request.id))?.state).toBe('RUNNING');
    deviceState.setIdle(false);
    await workManager.settle();
    expect(seen[0]?.stopReason).toBe(StopReason.CONSTRAINT_DEVICE_IDLE);
    expect(await workManager.getWorkInfoById(request.id)).toMatchObject({
      state: 'ENQUEUED',
      stopReason: 8,
      runAttemptCount: 1,
    });
  });
});
