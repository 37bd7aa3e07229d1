import {
  createOneTimeWorkRequest,
  createPeriodicWorkRequest,
  defineWorker,
  LONG_MAX_VALUE,
  Result,
  StopReason,
} from '@workscript/api';
import { describe, expect, it } from 'vitest';
import { createTestWorkManager, TestClock } from '../../src/testing/index.js';
import { createGatedWorker, createSuspendingWorker, FailureWorker, TestWorker } from '../helpers/workers.js';

// Audit of spec §11 (observing work: WorkInfo fields, queries, progress, pruning, updateWork): rules no
// scenario test pinned before.

const DAY = 86_400_000;

describe('§11.1 WorkInfo fields', () => {
  it('outputData is set only by one-time success/failure: a periodic success returning data leaves it EMPTY', async () => {
    const reporting = defineWorker({ name: 'Reporting', run: () => Result.success({ n: 1 }) });
    const { workManager } = createTestWorkManager({ workers: [reporting] });
    const p = createPeriodicWorkRequest(reporting, { intervalMs: 900_000 });
    await workManager.enqueue(p);
    const info = await workManager.getWorkInfoById(p.id);
    expect(info).toMatchObject({ state: 'ENQUEUED', runAttemptCount: 0 });
    expect(info?.outputData.size).toBe(0);
  });

  it('nextScheduleTimeMillis is MAX for SUCCEEDED, FAILED and CANCELLED work', async () => {
    const { workManager } = createTestWorkManager({ workers: [TestWorker, FailureWorker] });
    const ok = createOneTimeWorkRequest(TestWorker);
    const failed = createOneTimeWorkRequest(FailureWorker);
    const cancelled = createOneTimeWorkRequest(TestWorker, { initialDelayMs: 10 * DAY });
    await workManager.enqueue([ok, failed, cancelled]);
    await workManager.cancelWorkById(cancelled.id);
    const infos = await workManager.getWorkInfos({ ids: [ok.id, failed.id, cancelled.id] });
    expect(infos.map((i) => [i.state, i.nextScheduleTimeMillis]).sort()).toEqual([
      ['CANCELLED', LONG_MAX_VALUE],
      ['FAILED', LONG_MAX_VALUE],
      ['SUCCEEDED', LONG_MAX_VALUE],
    ]);
  });

  it('T:WMIT example: periodic 15 min, delay 2 000, lastEnqueueTime 1 000, periodCount 3 → next 901 000', async () => {
    const clock = new TestClock(1_000);
    const { workManager, driver, database } = createTestWorkManager({ workers: [TestWorker], clock });
    const p = createPeriodicWorkRequest(TestWorker, { intervalMs: 900_000, initialDelayMs: 2_000 });
    await workManager.enqueue(p);
    expect((await workManager.getWorkInfoById(p.id))?.nextScheduleTimeMillis).toBe(3_000);
    await driver.setInitialDelayMet(p.id);
    await driver.setPeriodDelayMet(p.id);
    await driver.setPeriodDelayMet(p.id);
    expect(database.workSpecDao.get(p.id)).toMatchObject({ periodCount: 3, lastEnqueueTime: 1_000 });
    expect(await workManager.getWorkInfoById(p.id)).toMatchObject({
      state: 'ENQUEUED',
      nextScheduleTimeMillis: 901_000,
    });
  });
});

describe('§11.2 queries', () => {
  it('getWorkInfosForUniqueWork lists every member of the name; an unknown name gives an empty list', async () => {
    const { workManager } = createTestWorkManager({ workers: [TestWorker] });
    const [a, b] = [
      createOneTimeWorkRequest(TestWorker),
      createOneTimeWorkRequest(TestWorker, { initialDelayMs: 10 * DAY }),
    ];
    await workManager.beginUniqueWork('n', 'KEEP', a).then(b).enqueue();
    const infos = await workManager.getWorkInfosForUniqueWork('n');
    expect(infos.map((i) => [i.id, i.state]).sort()).toEqual(
      [
        [a.id, 'SUCCEEDED'],
        [b.id, 'ENQUEUED'],
      ].sort(),
    );
    expect(await workManager.getWorkInfosForUniqueWork('unknown')).toEqual([]);
  });
});

describe('§11.3 progress', () => {
  it('setProgress while the work is not RUNNING (stopped, back in ENQUEUED) is ignored without an error', async () => {
    const outcome: { late?: 'resolved' | 'rejected' } = {};
    let lateWrite: (() => void) | undefined;
    const worker = defineWorker({
      name: 'LateProgress',
      run: async (_input: Record<string, unknown>, ctx) => {
        await ctx.setProgress({ step: 1 });
        await new Promise<void>((resolve) => ctx.signal.addEventListener('abort', () => resolve()));
        await new Promise<void>((resolve) => (lateWrite = resolve));
        await ctx.setProgress({ step: 2 }).then(
          () => (outcome.late = 'resolved'),
          () => (outcome.late = 'rejected'),
        );
        return Result.success();
      },
    });
    const { workManager, driver } = createTestWorkManager({ workers: [worker] });
    const request = createOneTimeWorkRequest(worker, { constraints: { requiresCharging: true } });
    await workManager.enqueue(request);
    await driver.setAllConstraintsMet(request.id);
    await driver.stopRunningWorkWithReason(request.id, StopReason.CONSTRAINT_CHARGING);
    expect((await workManager.getWorkInfoById(request.id))?.state).toBe('ENQUEUED');
    lateWrite?.();
    await workManager.settle();
    expect(outcome.late).toBe('resolved');
    const info = await workManager.getWorkInfoById(request.id);
    expect(info?.progress.toObject()).toEqual({ step: 1 });
  });

  it.each([
    ['retry', Result.retry(), 'ENQUEUED'],
    ['failure', Result.failure(), 'FAILED'],
  ] as const)('progress is deleted when a %s is applied', async (_name, result, state) => {
    const worker = defineWorker({
      name: 'Reporter',
      run: async (_input: Record<string, unknown>, ctx) => {
        await ctx.setProgress({ step: 1 });
        return result;
      },
    });
    const { workManager } = createTestWorkManager({ workers: [worker] });
    const request = createOneTimeWorkRequest(worker);
    await workManager.enqueue(request);
    const info = await workManager.getWorkInfoById(request.id);
    expect(info?.state).toBe(state);
    expect(info?.progress.size).toBe(0);
  });

  it('setProgress after the work was deleted (REPLACE) rejects', async () => {
    const outcome: { late?: string } = {};
    let lateWrite: (() => void) | undefined;
    const worker = defineWorker({
      name: 'Replaced',
      run: async (_input: Record<string, unknown>, ctx) => {
        await new Promise<void>((resolve) => ctx.signal.addEventListener('abort', () => resolve()));
        await new Promise<void>((resolve) => (lateWrite = resolve));
        await ctx.setProgress({ step: 2 }).then(
          () => (outcome.late = 'resolved'),
          (e: unknown) => (outcome.late = (e as Error).message),
        );
        return Result.success();
      },
    });
    const { workManager } = createTestWorkManager({ workers: [worker, TestWorker] });
    const request = createOneTimeWorkRequest(worker);
    await workManager.enqueueUniqueWork('n', 'KEEP', request);
    await workManager.enqueueUniqueWork(
      'n',
      'REPLACE',
      createOneTimeWorkRequest(TestWorker, { initialDelayMs: 10 * DAY }),
    );
    expect(await workManager.getWorkInfoById(request.id)).toBeNull();
    lateWrite?.();
    await workManager.settle();
    expect(outcome.late).toMatch(new RegExp(`work ${request.id} exists`));
  });
});

describe('§11.5 updateWork', () => {
  it('the updated spec takes the request\u2019s stop reason: a stopped work\u2019s WorkInfo.stopReason goes back to NOT_STOPPED (−256)', async () => {
    const { worker } = createSuspendingWorker('Stoppable');
    const { workManager, driver } = createTestWorkManager({ workers: [worker] });
    const request = createOneTimeWorkRequest(worker, { constraints: { requiresCharging: true } });
    await workManager.enqueue(request);
    await driver.setAllConstraintsMet(request.id);
    await driver.stopRunningWorkWithReason(request.id, StopReason.CONSTRAINT_CHARGING);
    expect((await workManager.getWorkInfoById(request.id))?.stopReason).toBe(6);
    const result = await workManager.updateWork(
      createOneTimeWorkRequest(worker, { id: request.id, constraints: { requiresCharging: true } }),
    );
    expect(result).toBe('APPLIED_IMMEDIATELY');
    expect(await workManager.getWorkInfoById(request.id)).toMatchObject({
      state: 'ENQUEUED',
      runAttemptCount: 1,
      generation: 1,
      stopReason: StopReason.NOT_STOPPED,
    });
  });

  it('T:WUT continuationLeafUpdate: updating a BLOCKED leaf keeps it BLOCKED; it runs after its prerequisite', async () => {
    const { workManager, driver } = createTestWorkManager({ workers: [TestWorker] });
    const first = createOneTimeWorkRequest(TestWorker, { initialDelayMs: 10 * DAY });
    const leaf = createOneTimeWorkRequest(TestWorker, { tags: ['old'] });
    await workManager.beginWith(first).then(leaf).enqueue();
    const result = await workManager.updateWork(
      createOneTimeWorkRequest(TestWorker, { id: leaf.id, tags: ['new'] }),
    );
    expect(result).toBe('APPLIED_IMMEDIATELY');
    expect(await workManager.getWorkInfoById(leaf.id)).toMatchObject({
      state: 'BLOCKED',
      generation: 1,
      tags: ['TestWorker', 'new'],
    });
    await driver.setInitialDelayMet(first.id);
    expect((await workManager.getWorkInfoById(leaf.id))?.state).toBe('SUCCEEDED');
  });

  it('T:WUT updatePeriodicWorkAfterFirstPeriod: periodCount stays 1 and the next run counts from the last one', async () => {
    const { workManager, database, clock } = createTestWorkManager({ workers: [TestWorker] });
    const p = createPeriodicWorkRequest(TestWorker, { intervalMs: 900_000 });
    await workManager.enqueue(p);
    const ranAt = clock.currentTimeMillis();
    expect(database.workSpecDao.get(p.id)).toMatchObject({ periodCount: 1, lastEnqueueTime: ranAt });
    await clock.advance(60_000);
    await workManager.updateWork(createPeriodicWorkRequest(TestWorker, { id: p.id, intervalMs: 1_800_000 }));
    expect(database.workSpecDao.get(p.id)).toMatchObject({ periodCount: 1, generation: 1 });
    expect((await workManager.getWorkInfoById(p.id))?.nextScheduleTimeMillis).toBe(ranAt + 1_800_000);
  });

  it('an update while running is APPLIED_FOR_NEXT_RUN: the run keeps its old (absent) constraints while the stored spec has the new ones', async () => {
    const gated = createGatedWorker('Gated');
    const { workManager, deviceState } = createTestWorkManager({
      workers: [gated.worker],
      scheduling: 'device',
    });
    deviceState.setCharging(false);
    const request = createOneTimeWorkRequest(gated.worker);
    await workManager.enqueue(request);
    expect((await workManager.getWorkInfoById(request.id))?.state).toBe('RUNNING');
    const result = await workManager.updateWork(
      createOneTimeWorkRequest(gated.worker, { id: request.id, constraints: { requiresCharging: true } }),
    );
    expect(result).toBe('APPLIED_FOR_NEXT_RUN');
    deviceState.setNetwork('NONE'); // any device change: constraints are judged again
    await workManager.settle();
    expect(gated.runs[0]?.stopped).toBe(false);
    expect(await workManager.getWorkInfoById(request.id)).toMatchObject({
      state: 'RUNNING',
      constraints: { requiresCharging: true },
    });
    gated.release();
    await workManager.settle();
    expect((await workManager.getWorkInfoById(request.id))?.state).toBe('SUCCEEDED');
  });

  it('an update while running keeps scheduleRequestedAt (the spec; androidx HEAD resets it to −1 as for idle work)', async () => {
    const gated = createGatedWorker('Gated');
    const clock = new TestClock();
    const { workManager, database } = createTestWorkManager({ workers: [gated.worker], clock });
    const request = createOneTimeWorkRequest(gated.worker);
    await workManager.enqueue(request);
    const stamped = database.workSpecDao.get(request.id)?.scheduleRequestedAt;
    expect(stamped).toBe(clock.currentTimeMillis()); // the TestScheduler has limited slots: it stamps
    await clock.advance(60_000);
    const result = await workManager.updateWork(
      createOneTimeWorkRequest(gated.worker, { id: request.id, tags: ['new'] }),
    );
    expect(result).toBe('APPLIED_FOR_NEXT_RUN');
    expect(database.workSpecDao.get(request.id)).toMatchObject({
      state: 'RUNNING',
      scheduleRequestedAt: stamped,
    });
    gated.release();
    await workManager.settle();
    expect((await workManager.getWorkInfoById(request.id))?.state).toBe('SUCCEEDED');
  });
});
