import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOneTimeWorkRequest, defineWorker, Result, StopReason } from '@workscript/api';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createWorkManager,
  GreedyScheduler,
  silentLogger,
  WorkDatabase,
  type WorkManager,
} from '../../src/index.js';
import { createTestWorkManager, TestClock } from '../../src/testing/index.js';
import { createGatedWorker, createSuspendingWorker, RetryWorker, TestWorker } from '../helpers/workers.js';

// Audit of spec §12 (guaranteed execution, process death, limits) and §11.4's automatic prune.

const DAY = 86_400_000;
const dirs: string[] = [];
const open: WorkManager[] = [];
const tmpDb = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'workscript-audit-'));
  dirs.push(dir);
  return join(dir, 'work.db');
};

afterEach(async () => {
  for (const wm of open.splice(0)) await wm.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A process on `file` with a GreedyScheduler driven by `clock`. */
function startProcess(file: string, clock: TestClock, workers: Parameters<typeof createWorkManager>[0]) {
  const wm = createWorkManager({ database: file, clock, timer: clock, logger: silentLogger, ...workers });
  clock.settle = () => wm.settle();
  open.push(wm);
  return wm;
}

describe('§12 restart recovery', () => {
  it('work left RUNNING counts as backed off after a restart: next run at lastEnqueueTime + 30 s; it runs again with runAttemptCount 1', async () => {
    const file = tmpDb();
    const clock = new TestClock();
    const { worker } = createSuspendingWorker('Interrupted');
    const database = WorkDatabase.open({ filename: file });
    const first = createWorkManager({
      database,
      clock,
      timer: clock,
      logger: silentLogger,
      workers: [worker],
    });
    clock.settle = () => first.settle();
    const request = createOneTimeWorkRequest(worker);
    const enqueuedAt = clock.currentTimeMillis();
    await first.enqueue(request);
    await first.settle();
    expect((await first.getWorkInfoById(request.id))?.state).toBe('RUNNING');
    await clock.advance(5_000);
    // The first process "dies": its connection (and the file's lock) goes away while the work is RUNNING,
    // and nothing is recorded (closing the WorkManager would record the stop). A second one starts.
    const seen: number[] = [];
    const again = defineWorker({
      name: 'Interrupted',
      run: (_i: Record<string, unknown>, ctx) => (seen.push(ctx.runAttemptCount), Result.success()),
    });
    database.close();
    const second = startProcess(file, clock, { workers: [again] });
    expect(await second.getWorkInfoById(request.id)).toMatchObject({
      state: 'ENQUEUED',
      stopReason: StopReason.UNKNOWN,
      runAttemptCount: 1,
      nextScheduleTimeMillis: enqueuedAt + 30_000,
    });
    await clock.advance(24_999);
    expect(seen).toEqual([]);
    await clock.advance(1);
    expect(seen).toEqual([1]);
    expect((await second.getWorkInfoById(request.id))?.state).toBe('SUCCEEDED');
  });

  it.each([false, true])(
    'close() records running work as a death would (backoffOnSystemInterruptions %s): ENQUEUED, UNKNOWN, next run at lastEnqueueTime + 30 s',
    async (backoffOnSystemInterruptions) => {
      const file = tmpDb();
      const clock = new TestClock();
      const { worker } = createSuspendingWorker('Closed');
      const first = startProcess(file, clock, { workers: [worker] });
      const request = createOneTimeWorkRequest(worker, { backoffOnSystemInterruptions });
      const enqueuedAt = clock.currentTimeMillis();
      await first.enqueue(request);
      await first.settle();
      await clock.advance(60_000); // less than the 10 min execution limit
      await first.close();
      // A system stop with the flag is backed off from the stop (§3); a close is not a stop the app lives
      // through, so it must leave what the next start's recovery leaves after a death (§12 step 2).
      const second = startProcess(file, clock, { workers: [] });
      expect(await second.getWorkInfoById(request.id)).toMatchObject({
        state: 'ENQUEUED',
        stopReason: StopReason.UNKNOWN,
        runAttemptCount: 1,
        nextScheduleTimeMillis: enqueuedAt + 30_000,
      });
    },
  );

  it('§11.4 the automatic prune keys on lastEnqueueTime, not on completion: work that finished a minute ago is pruned', async () => {
    const file = tmpDb();
    const clock = new TestClock();
    // Only the start-up prune here: the running one (expired-work-pruner.test.ts) would prune `late` too.
    const first = startProcess(file, clock, { workers: [TestWorker], expiredWorkPruneIntervalMs: Infinity });
    const late = createOneTimeWorkRequest(TestWorker, { initialDelayMs: 2 * DAY });
    const recent = createOneTimeWorkRequest(TestWorker);
    await first.enqueue(late);
    await clock.advance(2 * DAY);
    await first.enqueue(recent);
    expect((await first.getWorkInfoById(late.id))?.state).toBe('SUCCEEDED');
    await clock.advance(60_000);
    await first.close();
    const second = startProcess(file, clock, { workers: [TestWorker] });
    expect(await second.getWorkInfoById(late.id)).toBeNull();
    expect((await second.getWorkInfoById(recent.id))?.state).toBe('SUCCEEDED');
  });
});

describe('§10.4 STOP_REASON_UNKNOWN (−512)', () => {
  // In one process only a write outside the runtime's operations can move RUNNING work back to ENQUEUED
  // while its attempt runs (androidx: ForceStopRunnable in another process); the runtime assumes it is the
  // only writer of its database file, so the row is changed through the test's database handle.
  it('a result that arrives while the work is ENQUEUED is not applied: ENQUEUED, −512, no output, lastEnqueueTime = now', async () => {
    const gated = createGatedWorker('Gated');
    const { workManager, database, clock } = createTestWorkManager({ workers: [gated.worker] });
    const request = createOneTimeWorkRequest(gated.worker);
    await workManager.enqueue(request);
    expect((await workManager.getWorkInfoById(request.id))?.state).toBe('RUNNING');
    database.runInTransaction(() => database.workSpecDao.setState(request.id, 'ENQUEUED'));
    await clock.advance(1_000);
    gated.release(); // the worker now returns success({ done: true })
    await workManager.settle();
    const info = await workManager.getWorkInfoById(request.id);
    expect(info).toMatchObject({ state: 'ENQUEUED', stopReason: StopReason.UNKNOWN, runAttemptCount: 1 });
    expect(info?.outputData.size).toBe(0);
    expect(database.workSpecDao.get(request.id)?.lastEnqueueTime).toBe(clock.currentTimeMillis());
  });
});

describe('§12 limits', () => {
  it('there is no maximum retry count: 30 retries in a row, each rescheduled, the backoff capped at 5 h', async () => {
    const { workManager, clock } = createTestWorkManager({
      workers: [RetryWorker],
      scheduling: 'time-based',
    });
    const request = createOneTimeWorkRequest(RetryWorker);
    await workManager.enqueue(request);
    for (let i = 1; i < 30; i++) {
      const info = await workManager.getWorkInfoById(request.id);
      await clock.advance((info?.nextScheduleTimeMillis ?? 0) - clock.currentTimeMillis());
    }
    const info = await workManager.getWorkInfoById(request.id);
    expect(info).toMatchObject({ state: 'ENQUEUED', runAttemptCount: 30 });
    expect((info?.nextScheduleTimeMillis ?? 0) - clock.currentTimeMillis()).toBe(18_000_000);
  });

  it('a spec handed to two schedulers at once runs once (the Processor refuses a duplicate start)', async () => {
    // androidx hands each spec to GreedyScheduler and the system scheduler alike; here two GreedySchedulers.
    const gated = createGatedWorker('Gated');
    const clock = new TestClock();
    const workManager = createWorkManager({
      database: ':memory:',
      workers: [gated.worker],
      clock,
      timer: clock,
      logger: silentLogger,
      schedulers: (deps) => [
        new GreedyScheduler({ ...deps, workSpecDao: deps.database.workSpecDao }),
        new GreedyScheduler({ ...deps, workSpecDao: deps.database.workSpecDao }),
      ],
    });
    open.push(workManager);
    const request = createOneTimeWorkRequest(gated.worker);
    await workManager.enqueue(request);
    await workManager.settle();
    expect(gated.runs).toHaveLength(1);
    expect(await workManager.getWorkInfoById(request.id)).toMatchObject({
      state: 'RUNNING',
      runAttemptCount: 1,
    });
    gated.release();
    await workManager.settle();
    expect((await workManager.getWorkInfoById(request.id))?.state).toBe('SUCCEEDED');
    expect(gated.runs).toHaveLength(1);
  });
});
