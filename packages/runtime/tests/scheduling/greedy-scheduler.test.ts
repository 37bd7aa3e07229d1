import { createOneTimeWorkRequest, createPeriodicWorkRequest, StopReason } from '@workscript/api';
import { describe, expect, it } from 'vitest';
import { createGreedyWorkManager } from '../helpers/greedy.js';
import { createCountingWorker, createSuspendingWorker, RetryWorker, TestWorker } from '../helpers/workers.js';

describe('GreedyScheduler with constraints and timing', () => {
  it('§5.3 delayed work runs when the clock reaches enqueue time + delay', async () => {
    const { worker, counter } = createCountingWorker();
    const { workManager, advance } = createGreedyWorkManager([worker]);
    const request = createOneTimeWorkRequest(worker, { initialDelayMs: 10_000 });
    await workManager.enqueue(request);
    await advance(9_999);
    expect(counter.count).toBe(0);
    await advance(1);
    expect((await workManager.getWorkInfoById(request.id))?.state).toBe('SUCCEEDED');
  });

  it('§3 retries back off exponentially from the end of the failed attempt', async () => {
    const { workManager, advance, clock } = createGreedyWorkManager([RetryWorker]);
    const request = createOneTimeWorkRequest(RetryWorker, { backoff: { delayMs: 10_000 } });
    const retries: number[] = [];
    workManager.on('work:retry-scheduled', (e) =>
      retries.push(e.nextScheduleTimeMillis - clock.currentTimeMillis()),
    );
    await workManager.enqueue(request);
    await workManager.settle();
    await advance(10_000);
    await advance(20_000);
    expect(retries).toEqual([10_000, 20_000, 40_000]);
    expect((await workManager.getWorkInfoById(request.id))?.runAttemptCount).toBe(3);
  });

  it('§6 constrained work starts when the device meets the constraint and stops with its reason when lost', async () => {
    const { worker, seen } = createSuspendingWorker();
    const { workManager, deviceState, advance } = createGreedyWorkManager([worker]);
    deviceState.setCharging(false);
    const request = createOneTimeWorkRequest(worker, {
      constraints: { requiresCharging: true, requiredNetworkType: 'UNMETERED' },
    });
    await workManager.enqueue(request);
    await workManager.settle();
    expect((await workManager.getWorkInfoById(request.id))?.state).toBe('ENQUEUED');
    deviceState.setCharging(true);
    await workManager.settle();
    expect(await workManager.getWorkInfoById(request.id)).toMatchObject({
      state: 'RUNNING',
      runAttemptCount: 1,
    });
    deviceState.setNetwork('METERED');
    await workManager.settle();
    expect(seen[0]?.stopReason).toBe(StopReason.CONSTRAINT_CONNECTIVITY);
    expect(await workManager.getWorkInfoById(request.id)).toMatchObject({
      state: 'ENQUEUED',
      stopReason: StopReason.CONSTRAINT_CONNECTIVITY,
    });
    deviceState.setNetwork('UNMETERED');
    await workManager.settle();
    // A stop keeps lastEnqueueTime but the work now counts as backed off: 30 s after its enqueue here.
    expect((await workManager.getWorkInfoById(request.id))?.state).toBe('ENQUEUED');
    await advance(30_000);
    expect(await workManager.getWorkInfoById(request.id)).toMatchObject({
      state: 'RUNNING',
      runAttemptCount: 2,
      stopReason: StopReason.NOT_STOPPED,
    });
    expect(seen[1]?.runAttemptCount).toBe(1);
  });

  it.each([
    [
      'charging',
      { requiresCharging: true },
      (d: { setCharging(v: boolean): void }) => d.setCharging(false),
      StopReason.CONSTRAINT_CHARGING,
    ],
    [
      'battery',
      { requiresBatteryNotLow: true },
      (d: { setBatteryNotLow(v: boolean): void }) => d.setBatteryNotLow(false),
      StopReason.CONSTRAINT_BATTERY_NOT_LOW,
    ],
    [
      'storage',
      { requiresStorageNotLow: true },
      (d: { setStorageNotLow(v: boolean): void }) => d.setStorageNotLow(false),
      StopReason.CONSTRAINT_STORAGE_NOT_LOW,
    ],
    [
      'network',
      { requiredNetworkType: 'CONNECTED' as const },
      (d: { setNetwork(v: 'NONE'): void }) => d.setNetwork('NONE'),
      StopReason.CONSTRAINT_CONNECTIVITY,
    ],
  ])('§6 losing %s stops running work with its stop reason', async (_name, constraints, lose, reason) => {
    const { worker } = createSuspendingWorker();
    const { workManager, deviceState } = createGreedyWorkManager([worker]);
    const request = createOneTimeWorkRequest(worker, { constraints });
    await workManager.enqueue(request);
    await workManager.settle();
    expect((await workManager.getWorkInfoById(request.id))?.state).toBe('RUNNING');
    lose(deviceState as never);
    await workManager.settle();
    expect(await workManager.getWorkInfoById(request.id)).toMatchObject({
      state: 'ENQUEUED',
      stopReason: reason,
    });
  });

  it('§6 device-idle work waits for the idle tracker (Node has no JobScheduler to leave it to)', async () => {
    const { worker, counter } = createCountingWorker();
    const { workManager, deviceState } = createGreedyWorkManager([worker]);
    await workManager.enqueue(
      createOneTimeWorkRequest(worker, { constraints: { requiresDeviceIdle: true } }),
    );
    await workManager.settle();
    expect(counter.count).toBe(0);
    deviceState.setIdle(true);
    await workManager.settle();
    expect(counter.count).toBe(1);
  });

  it('§4.3 periodic work re-runs one interval after each completion', async () => {
    const { worker, counter } = createCountingWorker();
    const { workManager, advance } = createGreedyWorkManager([worker]);
    const request = createPeriodicWorkRequest(worker, { intervalMs: 900_000 });
    await workManager.enqueue(request);
    await workManager.settle();
    expect(counter.count).toBe(1);
    await advance(899_999);
    expect(counter.count).toBe(1);
    await advance(1);
    expect(counter.count).toBe(2);
    // A long step fires each period at its own time, as a live process would.
    await advance(3 * 900_000);
    expect(counter.count).toBe(5);
    expect((await workManager.getWorkInfoById(request.id))?.periodicityInfo).not.toBeNull();
  });
});

describe('15.6 stop reasons and timeout', () => {
  it('15.6 #81 cancelling running work → CANCELLED; worker and WorkInfo see stop reason 1', async () => {
    const { worker, seen } = createSuspendingWorker();
    const { workManager } = createGreedyWorkManager([worker]);
    const request = createOneTimeWorkRequest(worker);
    await workManager.enqueue(request);
    await workManager.settle();
    expect((await workManager.getWorkInfoById(request.id))?.state).toBe('RUNNING');
    await workManager.cancelWorkById(request.id);
    await workManager.settle();
    expect(await workManager.getWorkInfoById(request.id)).toMatchObject({
      state: 'CANCELLED',
      stopReason: StopReason.CANCELLED_BY_APP,
    });
    expect(seen[0]?.stopReason).toBe(StopReason.CANCELLED_BY_APP);
  });

  it('15.6 #82 cancelling 10-day-delayed work before it runs → CANCELLED with −256', async () => {
    const { workManager } = createGreedyWorkManager([TestWorker]);
    const request = createOneTimeWorkRequest(TestWorker, { initialDelayMs: 10 * 86_400_000 });
    await workManager.enqueue(request);
    await workManager.cancelWorkById(request.id);
    expect(await workManager.getWorkInfoById(request.id)).toMatchObject({
      state: 'CANCELLED',
      stopReason: StopReason.NOT_STOPPED,
    });
  });

  it('§12 a run past the execution limit is stopped with TIMEOUT (3), back to ENQUEUED, and runs again', async () => {
    const { worker, seen } = createSuspendingWorker();
    const { workManager, advance } = createGreedyWorkManager([worker], { executionTimeLimitMs: 600_000 });
    const request = createOneTimeWorkRequest(worker);
    await workManager.enqueue(request);
    await workManager.settle();
    await advance(600_000);
    expect(seen[0]?.stopReason).toBe(StopReason.TIMEOUT);
    // The stop keeps lastEnqueueTime, so the backoff (30 s from enqueue) is already over: it runs again.
    expect(await workManager.getWorkInfoById(request.id)).toMatchObject({
      state: 'RUNNING',
      runAttemptCount: 2,
    });
    expect(seen).toHaveLength(2);
  });

  it('§3 backoffOnSystemInterruptions: a constraint stop counts as a retry measured from the stop', async () => {
    const { worker } = createSuspendingWorker();
    const { workManager, deviceState, advance, clock } = createGreedyWorkManager([worker]);
    const request = createOneTimeWorkRequest(worker, {
      constraints: { requiresCharging: true },
      backoffOnSystemInterruptions: true,
    });
    await workManager.enqueue(request);
    await workManager.settle();
    await advance(60_000);
    deviceState.setCharging(false);
    await workManager.settle();
    const info = await workManager.getWorkInfoById(request.id);
    expect(info).toMatchObject({ state: 'ENQUEUED', stopReason: StopReason.CONSTRAINT_CHARGING });
    expect(info?.nextScheduleTimeMillis).toBe(clock.currentTimeMillis() + 30_000);
  });
});
