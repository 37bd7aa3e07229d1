import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOneTimeWorkRequest, defineWorker, Result, type OutOfQuotaPolicy } from '@workscript/api';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createExpeditedQuota,
  createInlineWorkExecutor,
  createWorkManager,
  GreedyScheduler,
  silentLogger,
  type ExpeditedQuota,
  type WorkManagerOptions,
} from '../../src/index.js';
import { TestClock } from '../../src/testing/index.js';

/** Records the order in which attempts entered the worker. */
function createRecordingWorker() {
  const order: string[] = [];
  const worker = defineWorker({
    name: 'Recording',
    run: (input: { name: string }) => {
      order.push(input.name);
      return Result.success();
    },
  });
  return { worker, order };
}

/** A real WorkManager with a GreedyScheduler on a TestClock, one executor slot so start order is run order. */
function createExpeditedWorkManager(
  worker: ReturnType<typeof createRecordingWorker>['worker'],
  quota?: ExpeditedQuota,
  database: WorkManagerOptions['database'] = ':memory:',
) {
  const clock = new TestClock();
  const workManager = createWorkManager({
    database,
    workers: [worker],
    clock,
    timer: clock,
    logger: silentLogger,
    executor: createInlineWorkExecutor({ maxConcurrency: 1 }),
    schedulers: (deps) => [
      new GreedyScheduler({
        ...deps,
        workSpecDao: deps.database.workSpecDao,
        ...(quota ? { expeditedQuota: quota } : {}),
      }),
    ],
  });
  clock.settle = () => workManager.settle();
  return { workManager, clock };
}

const request = (
  worker: ReturnType<typeof createRecordingWorker>['worker'],
  name: string,
  expedited?: OutOfQuotaPolicy,
) => createOneTimeWorkRequest(worker, { input: { name }, ...(expedited ? { expedited } : {}) });

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('§5.2 expedited work', () => {
  it('starts ahead of regular work that is eligible at the same time', async () => {
    const { worker, order } = createRecordingWorker();
    const { workManager } = createExpeditedWorkManager(worker);
    await workManager.enqueue([
      request(worker, 'A'),
      request(worker, 'B'),
      request(worker, 'E', 'RUN_AS_NON_EXPEDITED_WORK_REQUEST'),
    ]);
    await workManager.settle();
    expect(order).toEqual(['E', 'A', 'B']);
    await workManager.close();
  });

  it('is seen by the scheduler even behind more than 200 older ENQUEUED specs', async () => {
    const { worker, order } = createRecordingWorker();
    const { workManager, clock } = createExpeditedWorkManager(worker);
    const delayed = Array.from({ length: 250 }, (_, i) =>
      createOneTimeWorkRequest(worker, { input: { name: `D${i}` }, initialDelayMs: 3_600_000 }),
    );
    await workManager.enqueue(delayed);
    await clock.advance(1); // the expedited work is younger than every delayed one
    const expedited = request(worker, 'E', 'DROP_WORK_REQUEST');
    await workManager.enqueue(expedited);
    await workManager.settle();
    expect(order).toEqual(['E']);
    expect((await workManager.getWorkInfoById(expedited.id))?.state).toBe('SUCCEEDED');
    await workManager.close();
  });

  it('out of quota, RUN_AS_NON_EXPEDITED_WORK_REQUEST runs as regular work, in enqueue order', async () => {
    const { worker, order } = createRecordingWorker();
    const quota = createExpeditedQuota({ maxStarts: 1, windowMs: 60_000 });
    const { workManager } = createExpeditedWorkManager(worker, quota);
    await workManager.enqueue([
      request(worker, 'A'),
      request(worker, 'E1', 'RUN_AS_NON_EXPEDITED_WORK_REQUEST'),
      request(worker, 'E2', 'RUN_AS_NON_EXPEDITED_WORK_REQUEST'),
      request(worker, 'B'),
    ]);
    await workManager.settle();
    // E1 used the only expedited start; E2 falls back to its place among the regular work.
    expect(order).toEqual(['E1', 'A', 'E2', 'B']);
    await workManager.close();
  });

  it('out of quota, DROP_WORK_REQUEST is not started and stays ENQUEUED until WorkManager restarts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'workscript-expedited-'));
    dirs.push(dir);
    const file = join(dir, 'work.db');
    const { worker, order } = createRecordingWorker();
    const noQuota = createExpeditedQuota({ maxStarts: 0, windowMs: 60_000 });
    const first = createExpeditedWorkManager(worker, noQuota, file);
    const dropped = request(worker, 'E', 'DROP_WORK_REQUEST');
    await first.workManager.enqueue([dropped, request(worker, 'A')]);
    await first.workManager.settle();
    await first.clock.advance(120_000);
    expect(order).toEqual(['A']);
    expect(await first.workManager.getWorkInfoById(dropped.id)).toMatchObject({
      state: 'ENQUEUED',
      runAttemptCount: 0,
    });
    await first.workManager.close();

    // A restart hands it to the scheduler again (as androidx reschedules at app start); with quota it runs.
    const second = createExpeditedWorkManager(worker, undefined, file);
    await second.workManager.settle();
    expect(order).toEqual(['A', 'E']);
    expect((await second.workManager.getWorkInfoById(dropped.id))?.state).toBe('SUCCEEDED');
    await second.workManager.close();
  });
});

describe('createExpeditedQuota', () => {
  it('allows maxStarts per rolling window', () => {
    const quota = createExpeditedQuota({ maxStarts: 2, windowMs: 1_000 });
    expect([0, 10, 20].map((t) => quota.tryAcquire(t))).toEqual([true, true, false]);
    expect(quota.tryAcquire(999)).toBe(false);
    expect(quota.tryAcquire(1_000)).toBe(true); // the start at 0 left the window
    expect(quota.tryAcquire(1_005)).toBe(false);
  });

  it('refuses invalid options, naming them', () => {
    expect(() => createExpeditedQuota({ maxStarts: -1, windowMs: 1 })).toThrow(
      /maxStarts must be a whole number ≥ 0, got -1/,
    );
    expect(() => createExpeditedQuota({ maxStarts: 1, windowMs: 0 })).toThrow(
      /windowMs must be a finite number of milliseconds > 0, got 0/,
    );
  });
});
