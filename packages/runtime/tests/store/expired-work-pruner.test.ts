import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOneTimeWorkRequest, createPeriodicWorkRequest } from '@workscript/api';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createWorkManager,
  DEFAULT_EXPIRED_WORK_PRUNE_INTERVAL_MS,
  silentLogger,
  WorkDatabase,
  type Logger,
  type WorkManager,
  type WorkManagerOptions,
} from '../../src/index.js';
import { createTestWorkManager, TestClock } from '../../src/testing/index.js';
import { TestWorker } from '../helpers/workers.js';

// A running WorkManager repeats the prune every start runs (spec §11.4: finished work whose lastEnqueueTime +
// keepResultsForAtLeast is more than a day old, without unfinished dependents). androidx prunes only at app
// start; a Node process may run for months. A deliberate difference, documented in the runtime's README.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const open: WorkManager[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const wm of open.splice(0)) await wm.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A WorkManager with the default GreedyScheduler whose time and timers are `clock`'s. */
function start(clock: TestClock, options: WorkManagerOptions = {}): WorkManager {
  const wm = createWorkManager({
    database: ':memory:',
    workers: [TestWorker],
    clock,
    timer: clock,
    logger: silentLogger,
    ...options,
  });
  open.push(wm);
  return wm;
}

const stateOf = async (wm: WorkManager, id: string) => (await wm.getWorkInfoById(id))?.state;

describe('the running prune of finished work past its retention', () => {
  it('runs every hour by default: work enqueued at t is pruned at the first run after t + 1 day, with its tag and name', async () => {
    expect(DEFAULT_EXPIRED_WORK_PRUNE_INTERVAL_MS).toBe(HOUR);
    const clock = new TestClock();
    const wm = start(clock);
    const request = createOneTimeWorkRequest(TestWorker, { tags: ['nightly'] });
    await wm.enqueueUniqueWork('report', 'KEEP', request);
    await clock.advance(1);
    expect(await stateOf(wm, request.id)).toBe('SUCCEEDED');
    // The prune at 24 h compares with exactly t: not yet past.
    await clock.advance(25 * HOUR - 2);
    expect(await stateOf(wm, request.id)).toBe('SUCCEEDED');
    await clock.advance(1);
    expect(await wm.getWorkInfoById(request.id)).toBeNull();
    expect(await wm.getWorkInfosByTag('nightly')).toEqual([]);
    expect(await wm.getWorkInfosForUniqueWork('report')).toEqual([]);
  });

  it('tells watchers: a watcher of the pruned work yields null, a watcher of its tag an empty list', async () => {
    const clock = new TestClock();
    const wm = start(clock);
    // No explicit tag: the prune then deletes one row and nothing by cascade, so only its own report of
    // "many works" can wake the watchers (a cascade would wake them anyway, see changed-work.ts).
    const request = createOneTimeWorkRequest(TestWorker);
    await wm.enqueue(request);
    await clock.advance(1);
    const byId = wm.watchWorkInfoById(request.id);
    const byTag = wm.watchWorkInfos({ tags: ['TestWorker'] });
    expect((await byId.next()).value).toMatchObject({ state: 'SUCCEEDED' });
    expect((await byTag.next()).value).toHaveLength(1);
    const [nextById, nextByTag] = [byId.next(), byTag.next()];
    await clock.advance(25 * HOUR);
    expect((await nextById).value).toBeNull();
    expect((await nextByTag).value).toEqual([]);
    await byId.return?.();
    await byTag.return?.();
  });

  it('keeps work for keepResultsForAtLeast on top of the day', async () => {
    const clock = new TestClock();
    const wm = start(clock);
    const request = createOneTimeWorkRequest(TestWorker, { keepResultsForAtLeastMs: 3 * DAY });
    await wm.enqueue(request);
    await clock.advance(4 * DAY);
    expect(await stateOf(wm, request.id)).toBe('SUCCEEDED');
    await clock.advance(HOUR);
    expect(await wm.getWorkInfoById(request.id)).toBeNull();
  });

  it('never prunes unfinished work, nor finished work that unfinished work depends on', async () => {
    const clock = new TestClock();
    const wm = start(clock);
    wm.deviceState.setCharging(false);
    const first = createOneTimeWorkRequest(TestWorker);
    const waiting = createOneTimeWorkRequest(TestWorker, { constraints: { requiresCharging: true } });
    const later = createOneTimeWorkRequest(TestWorker, { initialDelayMs: 5 * DAY });
    const periodic = createPeriodicWorkRequest(TestWorker, { intervalMs: DAY });
    await wm.beginWith(first).then(waiting).enqueue();
    await wm.enqueue([later, periodic]);
    await clock.advance(3 * DAY);
    expect(await stateOf(wm, first.id)).toBe('SUCCEEDED');
    expect(await stateOf(wm, waiting.id)).toBe('ENQUEUED');
    expect(await stateOf(wm, later.id)).toBe('ENQUEUED');
    expect(await stateOf(wm, periodic.id)).toBe('ENQUEUED');
    // Once the dependent finished, the chain goes at the first prune (both were enqueued 3 days ago).
    wm.deviceState.setCharging(true);
    await clock.advance(1);
    expect(await stateOf(wm, waiting.id)).toBe('SUCCEEDED');
    await clock.advance(HOUR);
    expect(await wm.getWorkInfoById(first.id)).toBeNull();
    expect(await wm.getWorkInfoById(waiting.id)).toBeNull();
    expect(await stateOf(wm, later.id)).toBe('ENQUEUED');
  });

  it('follows expiredWorkPruneIntervalMs; Infinity prunes only at start, and so does createTestWorkManager by default', async () => {
    const clock = new TestClock();
    const daily = start(clock, { expiredWorkPruneIntervalMs: DAY });
    const never = start(clock, { expiredWorkPruneIntervalMs: Infinity });
    const [a, b] = [createOneTimeWorkRequest(TestWorker), createOneTimeWorkRequest(TestWorker)];
    await daily.enqueue(a);
    await never.enqueue(b);
    await clock.advance(2 * DAY - 1);
    expect(await stateOf(daily, a.id)).toBe('SUCCEEDED');
    await clock.advance(1);
    expect(await daily.getWorkInfoById(a.id)).toBeNull();
    await clock.advance(30 * DAY);
    expect(await stateOf(never, b.id)).toBe('SUCCEEDED');

    const test = createTestWorkManager({ workers: [TestWorker] });
    open.push(test.workManager);
    const c = createOneTimeWorkRequest(TestWorker);
    await test.workManager.enqueue(c);
    await test.clock.advance(30 * DAY);
    expect(await stateOf(test.workManager, c.id)).toBe('SUCCEEDED');
    expect(test.clock.pendingTimers).toBe(0);
  });

  it('leaves no timer behind after close(), and sets none for Infinity', async () => {
    const clock = new TestClock();
    const wm = start(clock);
    expect(clock.pendingTimers).toBe(1);
    await wm.close();
    expect(clock.pendingTimers).toBe(0);
    start(clock, { expiredWorkPruneIntervalMs: Infinity });
    expect(clock.pendingTimers).toBe(0);
  });

  it.each([3600, 59_999, 0, -HOUR, Number.NaN, '1h', null])(
    'refuses expiredWorkPruneIntervalMs %s, naming the option, before the file is created',
    (value) => {
      const dir = mkdtempSync(join(tmpdir(), 'ws-prune-'));
      dirs.push(dir);
      const file = join(dir, 'work.db');
      const create = () => createWorkManager({ database: file, expiredWorkPruneIntervalMs: value as number });
      expect(create).toThrow(RangeError);
      expect(create).toThrow(
        /^expiredWorkPruneIntervalMs must be a number of milliseconds ≥ 60000 \(3_600_000 is an hour\), or Infinity to prune only at start, got /,
      );
      expect(existsSync(file)).toBe(false);
    },
  );

  it('logs a prune the database refuses, and the next one prunes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ws-prune-'));
    dirs.push(dir);
    const file = join(dir, 'work.db');
    const lines: string[] = [];
    const logger: Logger = { log: (level, _tag, message) => void lines.push(`${level} ${message}`) };
    const clock = new TestClock();
    const wm = start(clock, { database: WorkDatabase.open({ filename: file, busyTimeoutMs: 10 }), logger });
    const request = createOneTimeWorkRequest(TestWorker);
    await wm.enqueue(request);
    await clock.advance(DAY);
    const other = new BetterSqlite3(file);
    try {
      other.exec('BEGIN IMMEDIATE');
      await clock.advance(HOUR);
      other.exec('ROLLBACK');
    } finally {
      other.close();
    }
    expect(lines.filter((l) => l.includes('prune'))).toEqual([
      `warn Could not prune finished work past its retention (database is locked); trying again in ${HOUR} ms`,
    ]);
    expect(await stateOf(wm, request.id)).toBe('SUCCEEDED');
    await clock.advance(HOUR);
    expect(await wm.getWorkInfoById(request.id)).toBeNull();
  });
});
