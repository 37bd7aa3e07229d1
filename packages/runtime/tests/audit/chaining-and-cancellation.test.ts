import { createOneTimeWorkRequest, defineWorker, Result, StopReason } from '@workscript/api';
import { describe, expect, it } from 'vitest';
import { createTestWorkManager } from '../../src/testing/index.js';
import { createGatedWorker, TestWorker } from '../helpers/workers.js';

// Audit of spec §9 (chaining) and §10 (cancellation and stopping): rules no scenario test pinned before.

const DAY = 86_400_000;
const delayed = () => createOneTimeWorkRequest(TestWorker, { initialDelayMs: 10 * DAY });

/** Runs until stopped, then (after `finish()`) returns success with an output, as a worker ignoring its stop would. */
function createStubbornWorker(name: string) {
  let finish: (() => void) | undefined;
  const stops: number[] = [];
  const worker = defineWorker({
    name,
    run: async (_input: Record<string, unknown>, ctx) => {
      await new Promise<void>((resolve) => {
        ctx.signal.addEventListener('abort', () => {
          stops.push(ctx.signal.reason as number);
          finish = resolve;
        });
      });
      return Result.success({ ignored: true });
    },
  });
  return { worker, stops, finish: () => finish?.() };
}

describe('§9 chaining', () => {
  it('§9 a BLOCKED dependent waits for every prerequisite: one SUCCEEDED and one ENQUEUED keep it BLOCKED', async () => {
    const { workManager, driver } = createTestWorkManager({ workers: [TestWorker] });
    const [a, b, child] = [delayed(), delayed(), delayed()];
    await workManager.beginWith([a, b]).then(child).enqueue();
    await driver.setInitialDelayMet(a.id);
    expect((await workManager.getWorkInfoById(a.id))?.state).toBe('SUCCEEDED');
    expect((await workManager.getWorkInfoById(child.id))?.state).toBe('BLOCKED');
    await driver.setInitialDelayMet(b.id);
    expect((await workManager.getWorkInfoById(child.id))?.state).toBe('ENQUEUED');
  });

  it('§9 combine() builds an unnamed continuation: the combiner is linked to no unique name', async () => {
    const { workManager } = createTestWorkManager({ workers: [TestWorker] });
    const [a, b, after] = [delayed(), delayed(), delayed()];
    const left = workManager.beginUniqueWork('left', 'KEEP', a);
    const right = workManager.beginUniqueWork('right', 'KEEP', b);
    const combined = workManager.combine([left, right]);
    await combined.then(after).enqueue();
    const named = [
      ...(await workManager.getWorkInfosForUniqueWork('left')),
      ...(await workManager.getWorkInfosForUniqueWork('right')),
    ].map((i) => i.id);
    expect(named.sort()).toEqual([a.id, b.id].sort());
    // getWorkInfos() of the continuation: its work and every ancestor's (a, b, the combiner, `after`).
    const all = await combined.then([]).getWorkInfos();
    expect(all).toHaveLength(3);
    const combinerInfo = all.find((i) => i.id !== a.id && i.id !== b.id);
    expect(combinerInfo?.tags).toEqual(['CombineContinuationsWorker']);
    expect(combinerInfo?.state).toBe('BLOCKED');
  });
});

describe('§9 deleted prerequisites', () => {
  it('§9 a prerequisite deleted meanwhile (APPEND_OR_REPLACE drops it) no longer blocks: the success of the other one unblocks', async () => {
    const { workManager, database, driver } = createTestWorkManager({ workers: [TestWorker] });
    const [a, b, x] = [delayed(), delayed(), delayed()];
    const after = createOneTimeWorkRequest(TestWorker);
    await workManager.enqueueUniqueWork('n', 'KEEP', b);
    const cb = workManager.beginWith(b);
    cb.markEnqueued(); // `b` is stored under the name; chain onto it with `a` through a combiner
    const combined = workManager.combine([workManager.beginWith(a), cb]);
    await combined.then(after).enqueue();
    // `x` joins the name with no prerequisite (`b` has a dependent, so it is not a leaf) and fails.
    await workManager.enqueueUniqueWork('n', 'APPEND', x);
    database.runInTransaction(() => database.workSpecDao.setState(x.id, 'FAILED'));
    await workManager.enqueueUniqueWork('n', 'APPEND_OR_REPLACE', delayed());
    expect(await workManager.getWorkInfoById(b.id)).toBeNull();
    const combiner = (await combined.getWorkInfos()).find((i) => i.id !== a.id);
    expect(combiner?.state).toBe('BLOCKED');
    await driver.setInitialDelayMet(a.id);
    expect((await workManager.getWorkInfoById(combiner?.id as string))?.state).toBe('SUCCEEDED');
    expect((await workManager.getWorkInfoById(after.id))?.state).toBe('SUCCEEDED');
  });
});

describe('§9 enqueue order', () => {
  it('§9 enqueue() of a child enqueues its not-yet-enqueued parents first, parent before child', async () => {
    const { workManager } = createTestWorkManager({ workers: [TestWorker] });
    const [a, b, c] = [delayed(), delayed(), delayed()];
    const order: string[] = [];
    workManager.on('work:enqueued', (e) => order.push(e.id));
    const parent = workManager.beginWith(a);
    await parent.then(b).then(c).enqueue();
    expect(order).toEqual([a.id, b.id, c.id]);
    expect(parent.isEnqueued).toBe(true);
  });
});

describe('§10 cancellation and stopping', () => {
  it('§10.1 cancelWorkById cancels unfinished work only: a SUCCEEDED target stays, its ENQUEUED dependent is cancelled', async () => {
    const { workManager } = createTestWorkManager({ workers: [TestWorker] });
    const parent = createOneTimeWorkRequest(TestWorker);
    const child = delayed();
    await workManager.beginWith(parent).then(child).enqueue();
    expect((await workManager.getWorkInfoById(child.id))?.state).toBe('ENQUEUED');
    await workManager.cancelWorkById(parent.id);
    expect((await workManager.getWorkInfoById(parent.id))?.state).toBe('SUCCEEDED');
    expect(await workManager.getWorkInfoById(child.id)).toMatchObject({
      state: 'CANCELLED',
      stopReason: StopReason.NOT_STOPPED,
    });
  });

  it('§10.1 cancelling running work sets no output, even when the worker returns success(data) after the stop', async () => {
    const stubborn = createStubbornWorker('Stubborn');
    const { workManager } = createTestWorkManager({ workers: [stubborn.worker] });
    const request = createOneTimeWorkRequest(stubborn.worker);
    await workManager.enqueue(request);
    await workManager.cancelWorkById(request.id);
    stubborn.finish();
    await workManager.settle();
    const info = await workManager.getWorkInfoById(request.id);
    expect(stubborn.stops).toEqual([StopReason.CANCELLED_BY_APP]);
    expect(info).toMatchObject({ state: 'CANCELLED', stopReason: StopReason.CANCELLED_BY_APP });
    expect(info?.outputData.size).toBe(0);
  });

  it('§10.2 a stopped run: its late result is ignored; ENQUEUED with the reason, runAttemptCount and lastEnqueueTime unchanged', async () => {
    const stubborn = createStubbornWorker('Stubborn');
    const { workManager, driver, database, clock } = createTestWorkManager({ workers: [stubborn.worker] });
    const request = createOneTimeWorkRequest(stubborn.worker, { constraints: { requiresCharging: true } });
    await workManager.enqueue(request);
    const enqueuedAt = database.workSpecDao.get(request.id)?.lastEnqueueTime;
    await clock.advance(60_000);
    await driver.setAllConstraintsMet(request.id);
    expect((await workManager.getWorkInfoById(request.id))?.runAttemptCount).toBe(1);
    await clock.advance(60_000);
    await driver.stopRunningWorkWithReason(request.id, StopReason.CONSTRAINT_CHARGING);
    stubborn.finish();
    await workManager.settle();
    const info = await workManager.getWorkInfoById(request.id);
    expect(info).toMatchObject({ state: 'ENQUEUED', stopReason: 6, runAttemptCount: 1 });
    expect(info?.outputData.size).toBe(0);
    // scheduleRequestedAt was reset to −1 by the stop, and the rescheduling that follows every attempt
    // (§12) handed the work to the TestScheduler again at once.
    expect(database.workSpecDao.get(request.id)).toMatchObject({
      lastEnqueueTime: enqueuedAt,
      scheduleRequestedAt: clock.currentTimeMillis(),
    });
  });

  it('§10.4 the stop reason is the previous stop\u2019s: NOT_STOPPED (−256) again while the next run is RUNNING and after a retry', async () => {
    let attempt = 0;
    const gate: { release?: () => void } = {};
    const worker = defineWorker({
      name: 'StopThenRetry',
      run: (_input: Record<string, unknown>, ctx) =>
        ++attempt === 1
          ? new Promise<ReturnType<typeof Result.retry>>((resolve) =>
              ctx.signal.addEventListener('abort', () => resolve(Result.retry())),
            )
          : new Promise<ReturnType<typeof Result.retry>>((resolve) => {
              gate.release = () => resolve(Result.retry());
            }),
    });
    const { workManager, driver } = createTestWorkManager({ workers: [worker] });
    const request = createOneTimeWorkRequest(worker, { constraints: { requiresCharging: true } });
    await workManager.enqueue(request);
    await driver.setAllConstraintsMet(request.id);
    await driver.stopRunningWorkWithReason(request.id, StopReason.CONSTRAINT_CHARGING);
    expect(await workManager.getWorkInfoById(request.id)).toMatchObject({ state: 'ENQUEUED', stopReason: 6 });
    await driver.setAllConstraintsMet(request.id);
    expect(await workManager.getWorkInfoById(request.id)).toMatchObject({
      state: 'RUNNING',
      runAttemptCount: 2,
      stopReason: StopReason.NOT_STOPPED,
    });
    gate.release?.();
    await workManager.settle();
    expect(await workManager.getWorkInfoById(request.id)).toMatchObject({
      state: 'ENQUEUED',
      runAttemptCount: 2,
      stopReason: StopReason.NOT_STOPPED,
    });
  });

  it('§10.1 cancelAllWork records the clock\u2019s now, stops running work with reason 1 and leaves finished work as it was', async () => {
    const gated = createGatedWorker('Gated');
    const { workManager, clock } = createTestWorkManager({ workers: [TestWorker, gated.worker] });
    const done = createOneTimeWorkRequest(TestWorker);
    const running = createOneTimeWorkRequest(gated.worker);
    await workManager.enqueue([done, running]);
    await clock.advance(5_000);
    await workManager.cancelAllWork();
    expect(await workManager.getLastCancelAllTimeMillis()).toBe(clock.currentTimeMillis());
    expect(gated.runs[0]?.stopped).toBe(true);
    expect(await workManager.getWorkInfoById(running.id)).toMatchObject({
      state: 'CANCELLED',
      stopReason: StopReason.CANCELLED_BY_APP,
    });
    expect(await workManager.getWorkInfoById(done.id)).toMatchObject({
      state: 'SUCCEEDED',
      stopReason: StopReason.NOT_STOPPED,
    });
  });

  it('§10.2 the first stop wins: a cancel after a constraint stop does not change the reason the worker sees', async () => {
    const stubborn = createStubbornWorker('Stubborn');
    const { workManager, driver } = createTestWorkManager({ workers: [stubborn.worker] });
    const request = createOneTimeWorkRequest(stubborn.worker, { constraints: { requiresCharging: true } });
    await workManager.enqueue(request);
    await driver.setAllConstraintsMet(request.id);
    const stopped = driver.stopRunningWorkWithReason(request.id, StopReason.CONSTRAINT_CHARGING);
    const cancelled = workManager.cancelWorkById(request.id);
    await Promise.all([stopped, cancelled]);
    stubborn.finish();
    await workManager.settle();
    expect(stubborn.stops).toEqual([StopReason.CONSTRAINT_CHARGING]);
    // The stored reason depends on whether the stop's result was recorded before the cancel (−256) or
    // after it (1); the state is CANCELLED either way.
    expect((await workManager.getWorkInfoById(request.id))?.state).toBe('CANCELLED');
  });

  it('§10.1 after a cancel the remaining work is rescheduled: the freed slot goes to waiting work', async () => {
    const { workManager, database, clock } = createTestWorkManager({ workers: [TestWorker] });
    const requests = Array.from({ length: 21 }, () => delayed());
    await workManager.enqueue(requests);
    const waiting = requests[20]?.id as string;
    expect(database.workSpecDao.get(waiting)?.scheduleRequestedAt).toBe(-1);
    await clock.advance(1_000);
    await workManager.cancelWorkById(requests[0]?.id as string);
    // Handed to the TestScheduler (maxSchedulerLimit 20) by the scheduling pass that follows the cancel.
    expect(database.workSpecDao.get(waiting)?.scheduleRequestedAt).toBe(clock.currentTimeMillis());
  });

  it('§10.1 cancelling work that is already CANCELLED changes nothing: it keeps stop reason 1', async () => {
    // The spec's rule ("that work (if unfinished)"); androidx's CancelWorkRunnable would write CANCELLED
    // again and reset the reason to −256, as its query only skips SUCCEEDED and FAILED.
    const stubborn = createStubbornWorker('Stubborn');
    const { workManager } = createTestWorkManager({ workers: [stubborn.worker] });
    const request = createOneTimeWorkRequest(stubborn.worker);
    await workManager.enqueue(request);
    await workManager.cancelWorkById(request.id);
    stubborn.finish();
    await workManager.settle();
    await workManager.cancelWorkById(request.id);
    await workManager.cancelAllWorkByTag('Stubborn');
    expect(await workManager.getWorkInfoById(request.id)).toMatchObject({
      state: 'CANCELLED',
      stopReason: StopReason.CANCELLED_BY_APP,
    });
  });
});
