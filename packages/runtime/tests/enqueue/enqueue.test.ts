import {
  createOneTimeWorkRequest,
  createPeriodicWorkRequest,
  LONG_MAX_VALUE,
  StopReason,
  WorkscriptError,
} from '@workscript/api';
import { describe, expect, it } from 'vitest';
import {
  CyclicWorkContinuationError,
  DuplicateWorkIdError,
  InvalidWorkQueryError,
  UnsupportedWorkOperationError,
} from '../../src/index.js';
import { createTestWorkManager } from '../../src/testing/index.js';
import { createSuspendingWorker, TestWorker } from '../helpers/workers.js';

const infinite = createSuspendingWorker('InfiniteTestWorker').worker;
const setup = () => createTestWorkManager({ workers: [TestWorker, infinite] });
/** A one-time request that waits for a driver call (10-day delay), so its state stays observable. */
const delayed = (options: Parameters<typeof createOneTimeWorkRequest>[1] = {}) =>
  createOneTimeWorkRequest(TestWorker, { initialDelayMs: 864_000_000, ...options });

describe('15.4 enqueue and chains', () => {
  it('15.4 #43 beginWith(A).then(B).then(C) stores 3 specs; A has no prerequisites, B and C have', async () => {
    const { workManager, database } = setup();
    const [a, b, c] = [delayed(), delayed(), delayed()];
    await workManager.beginWith(a).then(b).then(c).enqueue();
    expect(database.dependencyDao.getPrerequisites(a.id)).toEqual([]);
    expect(database.dependencyDao.getPrerequisites(b.id)).toEqual([a.id]);
    expect(database.dependencyDao.getPrerequisites(c.id)).toEqual([b.id]);
    expect((await workManager.getWorkInfoById(b.id))?.state).toBe('BLOCKED');
  });

  it('15.4 #44 beginWith([1a,1b]).then(2).then([3a,3b]) links each level to all of the previous one', async () => {
    const { workManager, database } = setup();
    const [a1, b1, two, a3, b3] = [delayed(), delayed(), delayed(), delayed(), delayed()];
    await workManager.beginWith([a1, b1]).then(two).then([a3, b3]).enqueue();
    expect(new Set(database.dependencyDao.getPrerequisites(two.id))).toEqual(new Set([a1.id, b1.id]));
    expect(database.dependencyDao.getPrerequisites(a3.id)).toEqual([two.id]);
    expect(database.dependencyDao.getPrerequisites(b3.id)).toEqual([two.id]);
  });

  it('15.4 #46 per-request delay and backoff are stored; defaults are EXPONENTIAL / 30 000', async () => {
    const { workManager, database } = setup();
    const w0 = createOneTimeWorkRequest(TestWorker, {
      initialDelayMs: 5_000,
      backoff: { policy: 'LINEAR', delayMs: 50_000 },
    });
    const w1 = delayed({ initialDelayMs: 0, constraints: { requiresCharging: true } });
    await workManager.beginWith(w0).then(w1).enqueue();
    expect(database.workSpecDao.get(w0.id)).toMatchObject({
      initialDelay: 5_000,
      backoffPolicy: 'LINEAR',
      backoffDelayDuration: 50_000,
    });
    expect(database.workSpecDao.get(w1.id)).toMatchObject({
      initialDelay: 0,
      backoffPolicy: 'EXPONENTIAL',
      backoffDelayDuration: 30_000,
    });
  });

  it('15.4 #47 tags: "first" → {W0,W1}, "second" → {W0}, "third" → {}; the worker name is an implicit tag', async () => {
    const { workManager } = setup();
    const w0 = delayed({ tags: ['first', 'second'] });
    const w1 = delayed({ tags: ['first'] });
    const w2 = delayed();
    await workManager.enqueue([w0, w1, w2]);
    const ids = async (tag: string) => (await workManager.getWorkInfosByTag(tag)).map((i) => i.id).sort();
    expect(await ids('first')).toEqual([w0.id, w1.id].sort());
    expect(await ids('second')).toEqual([w0.id]);
    expect(await ids('third')).toEqual([]);
    expect((await workManager.getWorkInfoById(w2.id))?.tags).toEqual(['TestWorker']);
  });

  it('15.4 #48 lastEnqueueTime is −1 before enqueue and the enqueue time after (one-time and periodic)', async () => {
    // androidx reads −1 from a built request's WorkSpec; here a request carries no WorkSpec (it has no
    // lastEnqueueTime at all) and none is stored before the enqueue, so the "before" half is that absence.
    const { workManager, database, clock } = setup();
    const oneTime = delayed();
    const periodic = createPeriodicWorkRequest(TestWorker, {
      intervalMs: 900_000,
      initialDelayMs: 864_000_000,
    });
    expect(oneTime).not.toHaveProperty('lastEnqueueTime');
    expect(database.workSpecDao.get(oneTime.id)).toBeNull();
    expect(database.workSpecDao.get(periodic.id)).toBeNull();
    await clock.advance(12_345);
    const enqueuedAt = clock.currentTimeMillis();
    await workManager.enqueue([oneTime, periodic]);
    await clock.advance(1_000);
    expect(database.workSpecDao.get(oneTime.id)?.lastEnqueueTime).toBe(enqueuedAt);
    expect(database.workSpecDao.get(periodic.id)?.lastEnqueueTime).toBe(enqueuedAt);
  });

  it('§1.1 children of finished prerequisites start ENQUEUED / FAILED / CANCELLED (FAILED wins)', async () => {
    const { workManager, database } = setup();
    const [ok, failed, cancelled] = [delayed(), delayed(), delayed()];
    await workManager.enqueue([ok, failed, cancelled]);
    database.runInTransaction(() => {
      database.workSpecDao.setState(ok.id, 'SUCCEEDED');
      database.workSpecDao.setState(failed.id, 'FAILED');
      database.workSpecDao.setState(cancelled.id, 'CANCELLED');
    });
    const a = delayed();
    const b = delayed();
    const c = delayed();
    const d = delayed();
    // Re-using finished work as parents: build continuations whose parents are already enqueued.
    const okC = workManager.beginWith(ok);
    const failedC = workManager.beginWith(failed);
    const cancelledC = workManager.beginWith(cancelled);
    [okC, failedC, cancelledC].forEach((c0) => c0.markEnqueued());
    await okC.then(a).enqueue();
    await failedC.then(b).enqueue();
    await cancelledC.then(c).enqueue();
    await workManager.combine([failedC, cancelledC]).then(d).enqueue();
    expect(database.workSpecDao.get(a.id)).toMatchObject({ state: 'ENQUEUED' });
    expect(database.workSpecDao.get(b.id)?.state).toBe('FAILED');
    expect(database.workSpecDao.get(c.id)?.state).toBe('CANCELLED');
    expect(database.workSpecDao.get(d.id)?.state).toBe('FAILED');
  });

  it('§9 cycles are rejected before anything is written; diamonds are fine', async () => {
    const { workManager, database } = setup();
    const a = delayed();
    await expect(workManager.beginWith(a).then(a).enqueue()).rejects.toThrow(CyclicWorkContinuationError);
    expect(database.workSpecDao.get(a.id)).toBeNull();
    const [root, left, right, join] = [delayed(), delayed(), delayed(), delayed()];
    const start = workManager.beginWith(root);
    await workManager
      .combine([start.then(left), start.then(right)])
      .then(join)
      .enqueue();
    expect(database.workSpecDao.get(join.id)?.state).toBe('BLOCKED');
  });

  it('§9 a continuation with a missing prerequisite inserts nothing at that level', async () => {
    const { workManager, database } = setup();
    const ghost = delayed();
    const parent = workManager.beginWith(ghost);
    parent.markEnqueued(); // pretend it was enqueued and then pruned
    const child = delayed();
    await parent.then(child).enqueue();
    expect(database.workSpecDao.get(child.id)).toBeNull();
  });

  it('enqueueing an id twice is a typed error that changes nothing; empty lists throw synchronously', async () => {
    const { workManager, database } = setup();
    const a = delayed();
    await workManager.enqueue(a);
    const b = delayed();
    await expect(workManager.enqueue([b, a])).rejects.toThrow(DuplicateWorkIdError);
    expect(database.workSpecDao.get(b.id)).toBeNull();
    expect(() => workManager.enqueue([])).toThrow(WorkscriptError);
    expect(() => workManager.beginWith([])).toThrow(WorkscriptError);
  });
});

describe('15.4 unique work', () => {
  it('15.4 #49 unique REPLACE deletes the old work; the name links the new work only', async () => {
    const { workManager, database } = setup();
    const original = delayed();
    await workManager.enqueueUniqueWork('name', 'KEEP', original);
    const [n1, n2] = [delayed(), delayed()];
    await workManager.enqueueUniqueWork('name', 'REPLACE', [n1, n2]);
    expect(database.workSpecDao.get(original.id)).toBeNull();
    expect(database.workNameDao.getWorkSpecIdsWithName('name').sort()).toEqual([n1.id, n2.id].sort());
  });

  it('15.4 #49 REPLACE cancels a running member with stop reason 1 before deleting it', async () => {
    const { worker, seen } = createSuspendingWorker('Replaced');
    const { workManager, database } = createTestWorkManager({ workers: [TestWorker, worker] });
    const running = createOneTimeWorkRequest(worker);
    await workManager.enqueueUniqueWork('name', 'KEEP', running);
    expect(database.workSpecDao.getState(running.id)).toBe('RUNNING');
    const cancelled: string[] = [];
    workManager.on('work:cancelled', (e) => cancelled.push(e.id));
    await workManager.enqueueUniqueWork('name', 'REPLACE', delayed());
    expect(cancelled).toEqual([running.id]);
    expect(seen[0]?.stopReason).toBe(StopReason.CANCELLED_BY_APP);
    expect(database.workSpecDao.get(running.id)).toBeNull();
  });

  it('15.4 #50 unique periodic REPLACE (15 min → 30 min) deletes the old work', async () => {
    const { workManager, database } = setup();
    const old = createPeriodicWorkRequest(TestWorker, { intervalMs: 900_000, initialDelayMs: 864_000_000 });
    await workManager.enqueueUniquePeriodicWork('p', 'KEEP', old);
    const replacement = createPeriodicWorkRequest(TestWorker, {
      intervalMs: 1_800_000,
      initialDelayMs: 864_000_000,
    });
    await workManager.enqueueUniquePeriodicWork('p', 'REPLACE', replacement);
    expect(database.workSpecDao.get(old.id)).toBeNull();
    expect(database.workNameDao.getWorkSpecIdsWithName('p')).toEqual([replacement.id]);
    const spec = database.workSpecDao.get(replacement.id);
    expect(spec).toMatchObject({ intervalDuration: 1_800_000, periodCount: 0, state: 'ENQUEUED' });
  });

  it('15.4 #51 unique KEEP with an ENQUEUED member keeps it; periodic KEEP too', async () => {
    const { workManager, database } = setup();
    const original = delayed();
    await workManager.enqueueUniqueWork('name', 'KEEP', original);
    const ignored = delayed();
    await workManager.enqueueUniqueWork('name', 'KEEP', ignored);
    expect(database.workNameDao.getWorkSpecIdsWithName('name')).toEqual([original.id]);
    expect(database.workSpecDao.get(ignored.id)).toBeNull();
    const p1 = createPeriodicWorkRequest(TestWorker, { intervalMs: 900_000, initialDelayMs: 864_000_000 });
    const p2 = createPeriodicWorkRequest(TestWorker, { intervalMs: 900_000, initialDelayMs: 864_000_000 });
    await workManager.enqueueUniquePeriodicWork('p', 'KEEP', p1);
    await workManager.enqueueUniquePeriodicWork('p', 'KEEP', p2);
    expect(database.workNameDao.getWorkSpecIdsWithName('p')).toEqual([p1.id]);
    expect(database.workSpecDao.get(p2.id)).toBeNull();
  });

  it('§8.1 KEEP over finished members behaves like REPLACE', async () => {
    const { workManager, database } = setup();
    const done = createOneTimeWorkRequest(TestWorker);
    await workManager.enqueueUniqueWork('name', 'KEEP', done);
    expect(database.workSpecDao.getState(done.id)).toBe('SUCCEEDED');
    const next = delayed();
    await workManager.enqueueUniqueWork('name', 'KEEP', next);
    expect(database.workSpecDao.get(done.id)).toBeNull();
    expect(database.workNameDao.getWorkSpecIdsWithName('name')).toEqual([next.id]);
  });

  it('15.4 #53 periodic UPDATE keeps the id and lastEnqueueTime and applies the new interval', async () => {
    const { workManager, database, clock } = setup();
    const original = createPeriodicWorkRequest(TestWorker, {
      intervalMs: 900_000,
      initialDelayMs: 864_000_000,
    });
    await workManager.enqueueUniquePeriodicWork('p', 'KEEP', original);
    const t = database.workSpecDao.get(original.id)?.lastEnqueueTime;
    await clock.advance(60_000);
    const update = createPeriodicWorkRequest(TestWorker, {
      intervalMs: 1_800_000,
      initialDelayMs: 864_000_000,
    });
    await workManager.enqueueUniquePeriodicWork('p', 'UPDATE', update);
    expect(database.workNameDao.getWorkSpecIdsWithName('p')).toEqual([original.id]);
    expect(database.workSpecDao.get(original.id)).toMatchObject({
      lastEnqueueTime: t,
      intervalDuration: 1_800_000,
      generation: 1,
    });
    expect(database.workSpecDao.get(update.id)).toBeNull();
  });

  it('15.4 #54 UPDATE over CANCELLED enqueues the new id; with nothing enqueues it; over one-time fails', async () => {
    const { workManager, database } = setup();
    const original = createPeriodicWorkRequest(TestWorker, {
      intervalMs: 900_000,
      initialDelayMs: 864_000_000,
    });
    await workManager.enqueueUniquePeriodicWork('p', 'KEEP', original);
    await workManager.cancelWorkById(original.id);
    const next = createPeriodicWorkRequest(TestWorker, { intervalMs: 900_000, initialDelayMs: 864_000_000 });
    await workManager.enqueueUniquePeriodicWork('p', 'UPDATE', next);
    expect(database.workSpecDao.getState(next.id)).toBe('ENQUEUED');
    expect(database.workSpecDao.get(original.id)).toBeNull();

    const fresh = createPeriodicWorkRequest(TestWorker, { intervalMs: 900_000, initialDelayMs: 864_000_000 });
    await workManager.enqueueUniquePeriodicWork('fresh', 'UPDATE', fresh);
    expect(database.workSpecDao.getState(fresh.id)).toBe('ENQUEUED');

    await workManager.enqueueUniqueWork('one', 'KEEP', delayed());
    const p = createPeriodicWorkRequest(TestWorker, { intervalMs: 900_000 });
    await expect(workManager.enqueueUniquePeriodicWork('one', 'UPDATE', p)).rejects.toThrow(
      UnsupportedWorkOperationError,
    );
    expect(database.workSpecDao.get(p.id)).toBeNull();
  });

  it('15.4 #55 an override with CANCEL_AND_REENQUEUE or REPLACE throws; with UPDATE or KEEP it succeeds', async () => {
    const { workManager, database } = setup();
    const withOverride = () =>
      createPeriodicWorkRequest(TestWorker, {
        intervalMs: 900_000,
        nextScheduleTimeOverride: 1_800_000_000_000,
      });
    expect(() => workManager.enqueueUniquePeriodicWork('p', 'CANCEL_AND_REENQUEUE', withOverride())).toThrow(
      WorkscriptError,
    );
    expect(() => workManager.enqueueUniquePeriodicWork('p', 'REPLACE', withOverride())).toThrow(
      WorkscriptError,
    );
    const keep = withOverride();
    await workManager.enqueueUniquePeriodicWork('p', 'KEEP', keep);
    await workManager.enqueueUniquePeriodicWork('q', 'UPDATE', withOverride());
    expect(database.workSpecDao.getState(keep.id)).toBe('ENQUEUED');
    expect(database.workNameDao.getWorkSpecIdsWithName('q')).toHaveLength(1);
  });

  it('15.4 #57 APPEND onto an infinite work: new work BLOCKED and depends on the original', async () => {
    const { workManager, database } = setup();
    const original = createOneTimeWorkRequest(infinite);
    await workManager.enqueueUniqueWork('name', 'KEEP', original);
    const [n1, n2] = [delayed(), delayed()];
    await workManager.beginUniqueWork('name', 'APPEND', n1).then(n2).enqueue();
    expect(database.workSpecDao.getState(n1.id)).toBe('BLOCKED');
    expect(database.workSpecDao.getState(n2.id)).toBe('BLOCKED');
    expect(database.dependencyDao.getDependentWorkIds(original.id)).toEqual([n1.id]);
    const [a1, a2] = [delayed(), delayed()];
    await workManager.enqueueUniqueWork('other', 'KEEP', delayed({ tags: ['x'] }));
    const other = database.workNameDao.getWorkSpecIdsWithName('other')[0] as string;
    await workManager.enqueueUniqueWork('other', 'APPEND', [a1, a2]);
    expect(database.dependencyDao.getPrerequisites(a1.id)).toEqual([other]);
    expect(database.dependencyDao.getPrerequisites(a2.id)).toEqual([other]);
    expect(database.workSpecDao.getState(a1.id)).toBe('BLOCKED');
    expect(database.workSpecDao.getState(a2.id)).toBe('BLOCKED');
  });

  it('§8.1 APPEND chains onto leaves only; onto a failed chain → FAILED; APPEND_OR_REPLACE starts afresh', async () => {
    const { workManager, database } = setup();
    const [root, leaf] = [delayed(), delayed()];
    await workManager.beginUniqueWork('n', 'KEEP', root).then(leaf).enqueue();
    const appended = delayed();
    await workManager.enqueueUniqueWork('n', 'APPEND', appended);
    expect(database.dependencyDao.getPrerequisites(appended.id)).toEqual([leaf.id]);

    const failed = delayed();
    await workManager.enqueueUniqueWork('f', 'KEEP', failed);
    database.runInTransaction(() => database.workSpecDao.setState(failed.id, 'FAILED'));
    const onFailed = delayed();
    await workManager.enqueueUniqueWork('f', 'APPEND', onFailed);
    expect(database.workSpecDao.getState(onFailed.id)).toBe('FAILED');
    const fresh = delayed();
    await workManager.enqueueUniqueWork('f', 'APPEND_OR_REPLACE', fresh);
    expect(database.workSpecDao.get(failed.id)).toBeNull();
    expect(database.workSpecDao.getState(fresh.id)).toBe('ENQUEUED');
    expect(database.dependencyDao.getPrerequisites(fresh.id)).toEqual([]);
  });

  it('§8.1 APPEND_OR_REPLACE over a healthy chain appends; KEEP over only BLOCKED members replaces', async () => {
    const { workManager, database } = setup();
    const running = createOneTimeWorkRequest(infinite);
    await workManager.enqueueUniqueWork('n', 'KEEP', running);
    const appended = delayed();
    await workManager.enqueueUniqueWork('n', 'APPEND_OR_REPLACE', appended);
    expect(database.workSpecDao.getState(appended.id)).toBe('BLOCKED');
    expect(database.dependencyDao.getPrerequisites(appended.id)).toEqual([running.id]);

    const blocker = delayed();
    const blocked = delayed();
    await workManager.beginWith(blocker).then(blocked).enqueue();
    database.runInTransaction(() => database.workNameDao.insert('b', blocked.id));
    const replacement = delayed();
    await workManager.enqueueUniqueWork('b', 'KEEP', replacement);
    expect(database.workSpecDao.get(blocked.id)).toBeNull();
    expect(database.workNameDao.getWorkSpecIdsWithName('b')).toEqual([replacement.id]);
  });

  it('15.4 #60 APPEND with nothing under the name links both new specs to the name', async () => {
    const { workManager, database } = setup();
    const [a, b] = [delayed(), delayed()];
    await workManager.enqueueUniqueWork('name', 'APPEND', [a, b]);
    expect(database.workNameDao.getWorkSpecIdsWithName('name').sort()).toEqual([a.id, b.id].sort());
    expect(database.workSpecDao.getState(a.id)).toBe('ENQUEUED');
  });
});

describe('15.4 queries, cancel, prune', () => {
  it('15.4 #61 WorkInfo: unknown id → null; constraints; delay; periodicityInfo', async () => {
    const { workManager } = setup();
    expect(await workManager.getWorkInfoById('00000000-0000-4000-8000-000000000000')).toBeNull();
    const constrained = createOneTimeWorkRequest(TestWorker, {
      constraints: { requiresCharging: true, requiredNetworkType: 'CONNECTED' },
    });
    const withDelay = createOneTimeWorkRequest(TestWorker, { initialDelayMs: 1_234 });
    const periodic = createPeriodicWorkRequest(TestWorker, {
      intervalMs: 3_600_000,
      flexMs: 1_800_000,
      constraints: { requiresCharging: true },
    });
    await workManager.enqueue([constrained, withDelay, periodic]);
    expect((await workManager.getWorkInfoById(constrained.id))?.constraints).toEqual({
      requiredNetworkType: 'CONNECTED',
      requiresCharging: true,
      requiresBatteryNotLow: false,
      requiresStorageNotLow: false,
      requiresDeviceIdle: false,
      contentUriTriggers: [],
      contentTriggerUpdateDelayMillis: -1,
      contentTriggerMaxDelayMillis: -1,
    });
    expect(await workManager.getWorkInfoById(withDelay.id)).toMatchObject({
      initialDelayMillis: 1_234,
      periodicityInfo: null,
    });
    expect((await workManager.getWorkInfoById(periodic.id))?.periodicityInfo).toEqual({
      repeatIntervalMillis: 3_600_000,
      flexIntervalMillis: 1_800_000,
    });
  });

  it('§11.1 nextScheduleTimeMillis: enqueue time + delay while ENQUEUED; MAX when RUNNING or BLOCKED', async () => {
    const { workManager, clock } = setup();
    const now = clock.currentTimeMillis();
    const a = createOneTimeWorkRequest(TestWorker, { initialDelayMs: 2_000 });
    const b = delayed();
    const running = createOneTimeWorkRequest(infinite);
    await workManager.beginWith(a).then(b).enqueue();
    await workManager.enqueue(running);
    expect((await workManager.getWorkInfoById(a.id))?.nextScheduleTimeMillis).toBe(now + 2_000);
    expect((await workManager.getWorkInfoById(b.id))?.nextScheduleTimeMillis).toBe(LONG_MAX_VALUE);
    expect(await workManager.getWorkInfoById(running.id)).toMatchObject({
      state: 'RUNNING',
      nextScheduleTimeMillis: LONG_MAX_VALUE,
      runAttemptCount: 1,
    });
  });

  it('15.4 #62 getWorkInfosByTag across RUNNING, BLOCKED and SUCCEEDED work', async () => {
    const { workManager } = setup();
    const w0 = createOneTimeWorkRequest(infinite, { tags: ['first', 'second'] });
    const w1 = delayed({ tags: ['first'] });
    const w2 = createOneTimeWorkRequest(TestWorker, { tags: ['second'] });
    await workManager.beginWith(w0).then(w1).enqueue();
    await workManager.enqueue(w2);
    const byTag = async (tag: string) =>
      (await workManager.getWorkInfosByTag(tag)).map((i) => [i.id, i.state]).sort();
    expect(await byTag('first')).toEqual(
      [
        [w0.id, 'RUNNING'],
        [w1.id, 'BLOCKED'],
      ].sort(),
    );
    expect(await byTag('second')).toEqual(
      [
        [w0.id, 'RUNNING'],
        [w2.id, 'SUCCEEDED'],
      ].sort(),
    );
    expect(await byTag('unknown')).toEqual([]);
  });

  it('§11.2 WorkQuery: OR inside a list, AND across lists; all-empty is an error', async () => {
    const { workManager } = setup();
    const a = delayed({ tags: ['a'] });
    const b = delayed({ tags: ['b'] });
    const done = createOneTimeWorkRequest(TestWorker, { tags: ['a'] });
    await workManager.enqueueUniqueWork('u', 'KEEP', a);
    await workManager.enqueue([b, done]);
    const ids = async (q: Parameters<typeof workManager.getWorkInfos>[0]) =>
      (await workManager.getWorkInfos(q)).map((i) => i.id).sort();
    expect(await ids({ tags: ['a', 'b'] })).toEqual([a.id, b.id, done.id].sort());
    expect(await ids({ tags: ['a'], states: ['ENQUEUED'] })).toEqual([a.id]);
    expect(await ids({ uniqueWorkNames: ['u'], tags: ['b'] })).toEqual([]);
    expect(await ids({ ids: [b.id, done.id], states: ['SUCCEEDED', 'ENQUEUED'] })).toEqual(
      [b.id, done.id].sort(),
    );
    expect(() => workManager.getWorkInfos({ tags: [] })).toThrow(InvalidWorkQueryError);
  });

  it('§11.2 WorkQuery lists of any length (past the 32,766 parameters of a SQLite statement)', async () => {
    const { workManager } = setup();
    const a = delayed({ tags: ['a'] });
    const b = delayed();
    await workManager.enqueueUniqueWork('u', 'KEEP', a);
    await workManager.enqueue(b);
    const unknown = Array.from(
      { length: 40_000 },
      (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    );
    const ids = async (q: Parameters<typeof workManager.getWorkInfos>[0]) =>
      (await workManager.getWorkInfos(q)).map((i) => i.id).sort();
    expect(await ids({ ids: [...unknown, b.id, a.id] })).toEqual([a.id, b.id].sort());
    expect(await ids({ tags: [...unknown, 'a'], uniqueWorkNames: [...unknown, 'u'] })).toEqual([a.id]);
    expect(await ids({ ids: unknown })).toEqual([]);
  });

  it('15.4 #65 cancelUniqueWork keeps SUCCEEDED members and cancels the others', async () => {
    const { workManager, database } = setup();
    const done = createOneTimeWorkRequest(TestWorker);
    const pending = delayed();
    await workManager.enqueueUniqueWork('name', 'APPEND', done);
    await workManager.enqueueUniqueWork('name', 'APPEND', pending);
    expect(database.workSpecDao.getState(pending.id)).toBe('ENQUEUED');
    await workManager.cancelUniqueWork('name');
    expect(database.workSpecDao.getState(done.id)).toBe('SUCCEEDED');
    expect(database.workSpecDao.getState(pending.id)).toBe('CANCELLED');
  });

  it('15.4 #66 cancelAllWork cancels unfinished work and records lastCancelAllTime', async () => {
    const { workManager, database } = setup();
    expect(await workManager.getLastCancelAllTimeMillis()).toBe(0);
    const [a, b] = [delayed(), delayed()];
    const c = createOneTimeWorkRequest(TestWorker);
    await workManager.enqueue([a, b, c]);
    await workManager.cancelAllWork();
    expect([a, b, c].map((r) => database.workSpecDao.getState(r.id))).toEqual([
      'CANCELLED',
      'CANCELLED',
      'SUCCEEDED',
    ]);
    expect(await workManager.getLastCancelAllTimeMillis()).toBeGreaterThan(0);
  });

  it('§10.1/§10.3 cancel by tag cancels transitive dependents, not finished or unrelated work', async () => {
    const { workManager, database } = setup();
    // Graph 0→{1,4}, {1,3}→2; cancel tag on 0 → 0,1,2,4 CANCELLED, 3 not.
    const [w0, w1, w2, w3, w4] = [delayed({ tags: ['t'] }), delayed(), delayed(), delayed(), delayed()];
    const c0 = workManager.beginWith(w0);
    const c3 = workManager.beginWith(w3);
    await workManager
      .combine([c0.then(w1), c3])
      .then(w2)
      .enqueue();
    await c0.then(w4).enqueue();
    await workManager.cancelAllWorkByTag('t');
    expect([w0, w1, w2, w4].map((r) => database.workSpecDao.getState(r.id))).toEqual([
      'CANCELLED',
      'CANCELLED',
      'CANCELLED',
      'CANCELLED',
    ]);
    expect(database.workSpecDao.getState(w3.id)).toBe('ENQUEUED');
    expect(database.workSpecDao.get(w0.id)?.stopReason).toBe(StopReason.NOT_STOPPED);
  });

  it('§11.4 pruneWork deletes finished work without unfinished dependents, ignoring retention', async () => {
    const { workManager, database } = setup();
    const enqueued = delayed();
    const done = createOneTimeWorkRequest(TestWorker);
    const retained = createOneTimeWorkRequest(TestWorker, { keepResultsForAtLeastMs: 999 * 86_400_000 });
    const parent = createOneTimeWorkRequest(TestWorker);
    const child = delayed();
    await workManager.enqueue([enqueued, done, retained]);
    await workManager.beginWith(parent).then(child).enqueue();
    expect(database.workSpecDao.getState(child.id)).toBe('ENQUEUED');
    await workManager.pruneWork();
    expect(database.workSpecDao.get(enqueued.id)).not.toBeNull();
    expect(database.workSpecDao.get(done.id)).toBeNull();
    expect(database.workSpecDao.get(retained.id)).toBeNull();
    expect(database.workSpecDao.get(parent.id)).not.toBeNull();
  });
});

describe('15.9 continuations', () => {
  it('15.9 #100 then([]) returns the same continuation; then(second) depends on first', async () => {
    const { workManager, database } = setup();
    const [first, second] = [delayed(), delayed()];
    const begun = workManager.beginWith(first);
    expect(begun.then([])).toBe(begun);
    await begun.then([]).then(second).enqueue();
    expect(database.dependencyDao.getPrerequisites(second.id)).toEqual([first.id]);
  });

  it('15.9 #101 enqueueing a chain twice inserts nothing more', async () => {
    const { workManager, database } = setup();
    const [a, b] = [delayed(), delayed()];
    const chain = workManager.beginWith(a).then(b);
    await chain.enqueue();
    let inserts = 0;
    workManager.on('work:enqueued', () => inserts++);
    await chain.enqueue();
    expect(inserts).toBe(0);
    expect(database.workSpecDao.getUnfinishedIds().sort()).toEqual([a.id, b.id].sort());
    expect((await chain.getWorkInfos()).map((i) => i.id).sort()).toEqual([a.id, b.id].sort());
  });
});
