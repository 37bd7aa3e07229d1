import {
  createOneTimeWorkRequest,
  createPeriodicWorkRequest,
  defineWorker,
  Result,
  StopReason,
} from '@workscript/api';
import { describe, expect, it } from 'vitest';
import { UnsupportedWorkOperationError, UpdateResult, WorkNotEnqueuedError } from '../../src/index.js';
import { createTestWorkManager } from '../../src/testing/index.js';
import { createGatedWorker, createSuspendingWorker, TestWorker } from '../helpers/workers.js';

const DAY = 86_400_000;

describe('15.5 updateWork', () => {
  it('15.5 #70 removing an unmet constraint → APPLIED_IMMEDIATELY, then the work succeeds', async () => {
    const { workManager } = createTestWorkManager({ workers: [TestWorker] });
    const request = createOneTimeWorkRequest(TestWorker, { constraints: { requiresCharging: true } });
    await workManager.enqueue(request);
    expect((await workManager.getWorkInfoById(request.id))?.state).toBe('ENQUEUED');
    const result = await workManager.updateWork(createOneTimeWorkRequest(TestWorker, { id: request.id }));
    expect(result).toBe(UpdateResult.APPLIED_IMMEDIATELY);
    await workManager.settle();
    expect(await workManager.getWorkInfoById(request.id)).toMatchObject({
      state: 'SUCCEEDED',
      generation: 1,
    });
  });

  it('15.5 #71 update while running → APPLIED_FOR_NEXT_RUN; the run keeps old tags; new tags stored after', async () => {
    const gated = createGatedWorker('Gated');
    const { workManager } = createTestWorkManager({ workers: [gated.worker] });
    const request = createOneTimeWorkRequest(gated.worker, { tags: ['previous'] });
    await workManager.enqueue(request);
    expect((await workManager.getWorkInfoById(request.id))?.state).toBe('RUNNING');
    const result = await workManager.updateWork(
      createOneTimeWorkRequest(gated.worker, { id: request.id, tags: ['test'] }),
    );
    expect(result).toBe(UpdateResult.APPLIED_FOR_NEXT_RUN);
    expect(gated.runs[0]).toMatchObject({ stopped: false, tags: ['Gated', 'previous'] });
    gated.release();
    await workManager.settle();
    const info = await workManager.getWorkInfoById(request.id);
    expect(info?.state).toBe('SUCCEEDED');
    expect(info?.tags).toEqual(['Gated', 'test']);
  });

  it('15.5 #73 tags are replaced: "previous" → "test"', async () => {
    const { workManager } = createTestWorkManager({ workers: [TestWorker] });
    const request = createOneTimeWorkRequest(TestWorker, { tags: ['previous'], initialDelayMs: 10 * DAY });
    await workManager.enqueue(request);
    await workManager.updateWork(
      createOneTimeWorkRequest(TestWorker, { id: request.id, tags: ['test'], initialDelayMs: 10 * DAY }),
    );
    const tags = (await workManager.getWorkInfoById(request.id))?.tags;
    expect(tags).toContain('test');
    expect(tags).not.toContain('previous');
  });

  it('15.5 #75 a retried worker updated to a new worker sees runAttemptCount 1 and succeeds', async () => {
    const seen: number[] = [];
    const retrying = defineWorker({
      name: 'Retrying',
      run: (_i: Record<string, never>, ctx) => (seen.push(ctx.runAttemptCount), Result.retry()),
    });
    const succeeding = defineWorker({
      name: 'Succeeding',
      run: (_i: Record<string, never>, ctx) => (seen.push(ctx.runAttemptCount), Result.success()),
    });
    const { workManager, driver } = createTestWorkManager({ workers: [retrying, succeeding] });
    const request = createOneTimeWorkRequest(retrying, { backoff: { policy: 'LINEAR', delayMs: 10 * DAY } });
    await workManager.enqueue(request);
    expect(seen).toEqual([0]);
    expect((await workManager.getWorkInfoById(request.id))?.state).toBe('ENQUEUED');
    await workManager.updateWork(
      createOneTimeWorkRequest(succeeding, {
        id: request.id,
        backoff: { policy: 'LINEAR', delayMs: 10 * DAY },
      }),
    );
    await driver.setInitialDelayMet(request.id); // "rewinding time": releases the backed-off retry
    expect(seen).toEqual([0, 1]);
    expect((await workManager.getWorkInfoById(request.id))?.state).toBe('SUCCEEDED');
  });

  it('15.5 #76 one update → WorkInfo.generation 1 and the worker sees generation 1', async () => {
    const { worker, seen } = createSuspendingWorker();
    const { workManager, driver } = createTestWorkManager({ workers: [worker] });
    const request = createOneTimeWorkRequest(worker, { initialDelayMs: 10 * DAY });
    await workManager.enqueue(request);
    await workManager.updateWork(
      createOneTimeWorkRequest(worker, { id: request.id, initialDelayMs: 10 * DAY }),
    );
    expect((await workManager.getWorkInfoById(request.id))?.generation).toBe(1);
    await driver.setInitialDelayMet(request.id);
    expect(seen[0]?.generation).toBe(1);
  });

  it('15.5 #79 a stopped worker keeps its progress while ENQUEUED; an update clears it', async () => {
    const gated = createGatedWorker('Gated');
    const { workManager, driver } = createTestWorkManager({ workers: [gated.worker] });
    const request = createOneTimeWorkRequest(gated.worker, { constraints: { requiresCharging: true } });
    await workManager.enqueue(request);
    await driver.setAllConstraintsMet(request.id);
    await driver.stopRunningWorkWithReason(request.id, StopReason.CONSTRAINT_CHARGING);
    const stopped = await workManager.getWorkInfoById(request.id);
    expect(stopped).toMatchObject({ state: 'ENQUEUED', stopReason: 6 });
    expect(stopped?.progress.toObject()).toEqual({ step: 1 });
    await workManager.updateWork(
      createOneTimeWorkRequest(gated.worker, { id: request.id, constraints: { requiresCharging: true } }),
    );
    expect((await workManager.getWorkInfoById(request.id))?.progress.size).toBe(0);
  });

  it('§11.5 finished work → NOT_APPLIED; unknown id and kind changes are typed errors', async () => {
    const { workManager } = createTestWorkManager({ workers: [TestWorker] });
    const done = createOneTimeWorkRequest(TestWorker);
    await workManager.enqueue(done);
    expect(await workManager.updateWork(createOneTimeWorkRequest(TestWorker, { id: done.id }))).toBe(
      UpdateResult.NOT_APPLIED,
    );
    expect(Object.values(UpdateResult)).toEqual([
      'NOT_APPLIED',
      'APPLIED_IMMEDIATELY',
      'APPLIED_FOR_NEXT_RUN',
    ]);
    await expect(workManager.updateWork(createOneTimeWorkRequest(TestWorker))).rejects.toThrow(
      WorkNotEnqueuedError,
    );
    const pending = createOneTimeWorkRequest(TestWorker, { initialDelayMs: DAY });
    await workManager.enqueue(pending);
    await expect(
      workManager.updateWork(createPeriodicWorkRequest(TestWorker, { id: pending.id, intervalMs: 900_000 })),
    ).rejects.toThrow(UnsupportedWorkOperationError);
  });

  it('§5.1 an update keeps lastEnqueueTime: a new delay counts from the original enqueue', async () => {
    const { workManager, clock } = createTestWorkManager({ workers: [TestWorker] });
    const request = createOneTimeWorkRequest(TestWorker, { initialDelayMs: 10 * 60_000 });
    const enqueuedAt = clock.currentTimeMillis();
    await workManager.enqueue(request);
    await clock.advance(5 * 60_000);
    await workManager.updateWork(
      createOneTimeWorkRequest(TestWorker, { id: request.id, initialDelayMs: 20 * 60_000 }),
    );
    expect((await workManager.getWorkInfoById(request.id))?.nextScheduleTimeMillis).toBe(
      enqueuedAt + 20 * 60_000,
    );
  });
});

describe('§4.4 / §8.2 overrides and UPDATE of running periodic work', () => {
  it('an update that sets an override bumps its generation; one that does not keeps the stored override', async () => {
    const { workManager, database } = createTestWorkManager({ workers: [TestWorker] });
    const periodic = createPeriodicWorkRequest(TestWorker, { intervalMs: 900_000, initialDelayMs: DAY });
    await workManager.enqueue(periodic);
    await workManager.updateWork(
      createPeriodicWorkRequest(TestWorker, {
        id: periodic.id,
        intervalMs: 900_000,
        nextScheduleTimeOverride: 1_900_000_000_000,
      }),
    );
    expect(database.workSpecDao.get(periodic.id)).toMatchObject({
      nextScheduleTimeOverride: 1_900_000_000_000,
      nextScheduleTimeOverrideGeneration: 1,
    });
    await workManager.updateWork(
      createPeriodicWorkRequest(TestWorker, { id: periodic.id, intervalMs: 1_800_000 }),
    );
    expect(database.workSpecDao.get(periodic.id)).toMatchObject({
      nextScheduleTimeOverride: 1_900_000_000_000,
      nextScheduleTimeOverrideGeneration: 1,
      intervalDuration: 1_800_000,
      generation: 2,
    });
    expect((await workManager.getWorkInfoById(periodic.id))?.nextScheduleTimeMillis).toBe(1_900_000_000_000);
  });

  it('UPDATE does not interrupt a running periodic instance; the new spec applies from the next run', async () => {
    const { worker, seen } = createSuspendingWorker('PeriodicRunner');
    const { workManager, database } = createTestWorkManager({ workers: [worker] });
    const original = createPeriodicWorkRequest(worker, { intervalMs: 900_000 });
    await workManager.enqueueUniquePeriodicWork('p', 'KEEP', original);
    expect(database.workSpecDao.getState(original.id)).toBe('RUNNING');
    await workManager.enqueueUniquePeriodicWork(
      'p',
      'UPDATE',
      createPeriodicWorkRequest(worker, { intervalMs: 1_800_000 }),
    );
    expect(seen[0]?.stopReason).toBeUndefined();
    expect(database.workSpecDao.get(original.id)).toMatchObject({
      state: 'RUNNING',
      intervalDuration: 1_800_000,
      generation: 1,
    });
  });
});
