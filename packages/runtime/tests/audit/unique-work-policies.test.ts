import {
  createOneTimeWorkRequest,
  createPeriodicWorkRequest,
  defineWorker,
  InvalidWorkRequestError,
  Result,
  StopReason,
} from '@workscript/api';
import { describe, expect, it } from 'vitest';
import { UnsupportedWorkOperationError } from '../../src/index.js';
import { createTestWorkManager } from '../../src/testing/index.js';
import { createSuspendingWorker, TestWorker } from '../helpers/workers.js';

// Audit of spec §8 (unique work): the rules no scenario test pinned before.

const DAY = 86_400_000;
/** Waits for a driver call (10-day delay), so its state stays observable. */
const delayed = () => createOneTimeWorkRequest(TestWorker, { initialDelayMs: 10 * DAY });
const periodic = (intervalMs = 900_000) =>
  createPeriodicWorkRequest(TestWorker, { intervalMs, initialDelayMs: 10 * DAY });

describe('§8 unique work: names and ExistingWorkPolicy', () => {
  it('§8 every member of a unique continuation, including work added with then(), is linked to the name', async () => {
    const { workManager } = createTestWorkManager({ workers: [TestWorker] });
    const [a, b, c] = [delayed(), delayed(), delayed()];
    await workManager.beginUniqueWork('chain', 'KEEP', a).then(b).then(c).enqueue();
    const ids = (await workManager.getWorkInfosForUniqueWork('chain')).map((i) => i.id).sort();
    expect(ids).toEqual([a.id, b.id, c.id].sort());
  });

  it('§9 an empty list for beginUniqueWork / enqueueUniqueWork throws synchronously and writes nothing', async () => {
    const { workManager } = createTestWorkManager({ workers: [TestWorker] });
    expect(() => workManager.beginUniqueWork('n', 'KEEP', [])).toThrow(InvalidWorkRequestError);
    expect(() => workManager.enqueueUniqueWork('n', 'REPLACE', [])).toThrow(/at least one work request/);
    expect(await workManager.getWorkInfosForUniqueWork('n')).toEqual([]);
  });

  it('§8.1 KEEP with a RUNNING member is a no-op: nothing is inserted and the run is not stopped', async () => {
    const { worker, seen } = createSuspendingWorker('Runner');
    const { workManager, database } = createTestWorkManager({ workers: [TestWorker, worker] });
    const running = createOneTimeWorkRequest(worker);
    await workManager.enqueueUniqueWork('name', 'KEEP', running);
    expect(database.workSpecDao.getState(running.id)).toBe('RUNNING');
    const ignored = delayed();
    await workManager.enqueueUniqueWork('name', 'KEEP', ignored);
    expect(await workManager.getWorkInfoById(ignored.id)).toBeNull();
    expect((await workManager.getWorkInfosForUniqueWork('name')).map((i) => [i.id, i.state])).toEqual([
      [running.id, 'RUNNING'],
    ]);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.stopReason).toBeUndefined();
  });

  it('§8.1 REPLACE deletes every member, finished ones too, and cancels dependents outside the name (not deleted)', async () => {
    const { workManager } = createTestWorkManager({ workers: [TestWorker] });
    const done = createOneTimeWorkRequest(TestWorker);
    await workManager.enqueueUniqueWork('name', 'APPEND', done);
    const pending = delayed();
    await workManager.enqueueUniqueWork('name', 'APPEND', pending);
    const outsider = delayed();
    const memberC = workManager.beginWith(pending);
    memberC.markEnqueued(); // `pending` is already stored: chain the outsider (no name) onto it
    await memberC.then(outsider).enqueue();
    expect((await workManager.getWorkInfoById(outsider.id))?.state).toBe('BLOCKED');
    const fresh = delayed();
    await workManager.enqueueUniqueWork('name', 'REPLACE', fresh);
    expect(await workManager.getWorkInfoById(done.id)).toBeNull();
    expect(await workManager.getWorkInfoById(pending.id)).toBeNull();
    expect(await workManager.getWorkInfoById(outsider.id)).toMatchObject({
      state: 'CANCELLED',
      stopReason: StopReason.NOT_STOPPED,
    });
    expect((await workManager.getWorkInfosForUniqueWork('name')).map((i) => [i.id, i.state])).toEqual([
      [fresh.id, 'ENQUEUED'],
    ]);
  });

  it('§8.1 APPEND onto a cancelled chain → CANCELLED; later items of the same continuation follow (CANCELLED)', async () => {
    const { workManager } = createTestWorkManager({ workers: [TestWorker] });
    const original = delayed();
    await workManager.enqueueUniqueWork('name', 'KEEP', original);
    await workManager.cancelWorkById(original.id);
    const [root, next] = [delayed(), delayed()];
    await workManager.beginUniqueWork('name', 'APPEND', root).then(next).enqueue();
    expect((await workManager.getWorkInfoById(root.id))?.state).toBe('CANCELLED');
    expect((await workManager.getWorkInfoById(next.id))?.state).toBe('CANCELLED');
    // Nothing is deleted by APPEND.
    expect((await workManager.getWorkInfoById(original.id))?.state).toBe('CANCELLED');
  });

  it('§8.1 APPEND onto a failed chain: the root and the later items of the continuation are FAILED', async () => {
    const { workManager, database } = createTestWorkManager({ workers: [TestWorker] });
    const original = delayed();
    await workManager.enqueueUniqueWork('name', 'KEEP', original);
    database.runInTransaction(() => database.workSpecDao.setState(original.id, 'FAILED'));
    const [root, next] = [delayed(), delayed()];
    await workManager.beginUniqueWork('name', 'APPEND', root).then(next).enqueue();
    expect((await workManager.getWorkInfoById(root.id))?.state).toBe('FAILED');
    expect((await workManager.getWorkInfoById(next.id))?.state).toBe('FAILED');
  });

  it('§8.1 APPEND onto leaves that all SUCCEEDED → the new root is ENQUEUED and depends on them', async () => {
    const { workManager, database } = createTestWorkManager({ workers: [TestWorker] });
    const [a, b] = [createOneTimeWorkRequest(TestWorker), createOneTimeWorkRequest(TestWorker)];
    await workManager.enqueueUniqueWork('name', 'APPEND', [a, b]);
    expect((await workManager.getWorkInfosForUniqueWork('name')).map((i) => i.state)).toEqual([
      'SUCCEEDED',
      'SUCCEEDED',
    ]);
    const appended = delayed();
    await workManager.enqueueUniqueWork('name', 'APPEND', appended);
    expect((await workManager.getWorkInfoById(appended.id))?.state).toBe('ENQUEUED');
    expect(database.dependencyDao.getPrerequisites(appended.id).sort()).toEqual([a.id, b.id].sort());
  });

  it('§8.1 APPEND_OR_REPLACE over a CANCELLED leaf deletes every member (no cancel) and starts afresh, ENQUEUED', async () => {
    const { workManager, database } = createTestWorkManager({ workers: [TestWorker] });
    const [first, second] = [delayed(), delayed()];
    await workManager.beginUniqueWork('name', 'KEEP', first).then(second).enqueue();
    await workManager.cancelWorkById(second.id);
    expect((await workManager.getWorkInfoById(first.id))?.state).toBe('ENQUEUED');
    const cancelled: string[] = [];
    workManager.on('work:cancelled', (e) => cancelled.push(e.id));
    const fresh = delayed();
    await workManager.enqueueUniqueWork('name', 'APPEND_OR_REPLACE', fresh);
    expect(cancelled).toEqual([]);
    expect(await workManager.getWorkInfoById(first.id)).toBeNull();
    expect(await workManager.getWorkInfoById(second.id)).toBeNull();
    expect((await workManager.getWorkInfoById(fresh.id))?.state).toBe('ENQUEUED');
    expect(database.dependencyDao.getPrerequisites(fresh.id)).toEqual([]);
  });

  it('§8.1 APPEND after a unique periodic work yields work that stays BLOCKED across periods', async () => {
    const { workManager, driver } = createTestWorkManager({ workers: [TestWorker] });
    const p = createPeriodicWorkRequest(TestWorker, { intervalMs: 900_000 });
    await workManager.enqueueUniquePeriodicWork('name', 'KEEP', p);
    const appended = createOneTimeWorkRequest(TestWorker);
    await workManager.enqueueUniqueWork('name', 'APPEND', appended);
    await driver.setPeriodDelayMet(p.id);
    await driver.setPeriodDelayMet(p.id);
    expect((await workManager.getWorkInfoById(p.id))?.state).toBe('ENQUEUED');
    expect(await workManager.getWorkInfoById(appended.id)).toMatchObject({
      state: 'BLOCKED',
      runAttemptCount: 0,
    });
  });
});

describe('§8.2 ExistingPeriodicWorkPolicy', () => {
  it('CANCEL_AND_REENQUEUE cancels the running instance (stop reason 1), inserts the new id with periodCount 0 and lastEnqueueTime = now', async () => {
    const { worker, seen } = createSuspendingWorker('PeriodicRunner');
    const { workManager, database, clock } = createTestWorkManager({ workers: [worker] });
    const old = createPeriodicWorkRequest(worker, { intervalMs: 900_000 });
    await workManager.enqueueUniquePeriodicWork('p', 'KEEP', old);
    expect(database.workSpecDao.getState(old.id)).toBe('RUNNING');
    await clock.advance(60_000);
    const replacement = createPeriodicWorkRequest(worker, {
      intervalMs: 1_800_000,
      initialDelayMs: 10 * DAY,
    });
    await workManager.enqueueUniquePeriodicWork('p', 'CANCEL_AND_REENQUEUE', replacement);
    expect(seen[0]?.stopReason).toBe(StopReason.CANCELLED_BY_APP);
    expect(await workManager.getWorkInfoById(old.id)).toBeNull();
    expect(database.workSpecDao.get(replacement.id)).toMatchObject({
      state: 'ENQUEUED',
      periodCount: 0,
      lastEnqueueTime: clock.currentTimeMillis(),
      intervalDuration: 1_800_000,
    });
  });

  it('UPDATE over a name holding a chain (more than one member) fails and changes nothing', async () => {
    const { workManager, database } = createTestWorkManager({ workers: [TestWorker] });
    const [a, b] = [delayed(), delayed()];
    await workManager.beginUniqueWork('p', 'KEEP', a).then(b).enqueue();
    const p = periodic();
    await expect(workManager.enqueueUniquePeriodicWork('p', 'UPDATE', p)).rejects.toThrow(
      UnsupportedWorkOperationError,
    );
    await expect(workManager.enqueueUniquePeriodicWork('p', 'UPDATE', periodic())).rejects.toThrow(
      /chains of work/,
    );
    expect(database.workSpecDao.get(p.id)).toBeNull();
    expect(database.workSpecDao.get(a.id)).toMatchObject({ generation: 0, state: 'ENQUEUED' });
  });

  it('UPDATE over a FAILED member is NOT_APPLIED but the operation succeeds; nothing is inserted', async () => {
    const { workManager, database } = createTestWorkManager({ workers: [TestWorker] });
    const original = periodic();
    await workManager.enqueueUniquePeriodicWork('p', 'KEEP', original);
    database.runInTransaction(() => database.workSpecDao.setState(original.id, 'FAILED'));
    const update = periodic(1_800_000);
    await expect(workManager.enqueueUniquePeriodicWork('p', 'UPDATE', update)).resolves.toBeUndefined();
    expect(database.workSpecDao.get(original.id)).toMatchObject({
      state: 'FAILED',
      generation: 0,
      intervalDuration: 900_000,
    });
    expect(database.workSpecDao.get(update.id)).toBeNull();
  });

  it('UPDATE keeps the id, state, runAttemptCount, periodCount and lastEnqueueTime of a backed-off periodic work', async () => {
    let runs = 0;
    const flaky = defineWorker({
      name: 'Flaky',
      run: () => (++runs === 1 ? Result.success() : Result.retry()),
    });
    const { workManager, database, driver, clock } = createTestWorkManager({ workers: [flaky] });
    const original = createPeriodicWorkRequest(flaky, { intervalMs: 900_000 });
    await workManager.enqueueUniquePeriodicWork('p', 'KEEP', original); // run 1: success → periodCount 1
    await clock.advance(60_000);
    await driver.setPeriodDelayMet(original.id); // run 2: retry → runAttemptCount 1
    const before = database.workSpecDao.get(original.id);
    expect(before).toMatchObject({ state: 'ENQUEUED', runAttemptCount: 1, periodCount: 1 });
    await clock.advance(60_000);
    await workManager.enqueueUniquePeriodicWork(
      'p',
      'UPDATE',
      createPeriodicWorkRequest(flaky, { intervalMs: 1_800_000 }),
    );
    expect(runs).toBe(2);
    expect((await workManager.getWorkInfosForUniqueWork('p')).map((i) => i.id)).toEqual([original.id]);
    expect(database.workSpecDao.get(original.id)).toMatchObject({
      state: 'ENQUEUED',
      runAttemptCount: 1,
      periodCount: 1,
      lastEnqueueTime: before?.lastEnqueueTime,
      intervalDuration: 1_800_000,
      generation: 1,
    });
  });
});
