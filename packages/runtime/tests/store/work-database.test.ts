import { mkdtempSync, readFileSync, writeFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createOneTimeWorkRequest,
  createPeriodicWorkRequest,
  Data,
  LONG_MAX_VALUE,
  StopReason,
} from '@workscript/api';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  createWorkManager,
  NotAWorkscriptDatabaseError,
  WorkDatabase,
  DatabaseVersionError,
} from '../../src/index.js';
import { createWorkSpec } from '../../src/model/work-spec.js';
import { TestClock } from '../../src/testing/index.js';
import { createSuspendingWorker, TestWorker } from '../helpers/workers.js';

const GOLDEN = join(dirname(fileURLToPath(import.meta.url)), '../__golden__/schema.sql');
const tmp = (): string => mkdtempSync(join(tmpdir(), 'workscript-db-'));

describe('WorkDatabase', () => {
  it('matches the schema golden (UPDATE_GOLDENS=1 npx vitest run tests/store to rewrite)', () => {
    const db = WorkDatabase.open({ filename: ':memory:' });
    const schema = db.dumpSchema();
    db.close();
    if (process.env['UPDATE_GOLDENS'] === '1' || !existsSync(GOLDEN)) {
      mkdirSync(dirname(GOLDEN), { recursive: true });
      writeFileSync(GOLDEN, schema);
    }
    expect(
      schema,
      'Schema changed. Run `UPDATE_GOLDENS=1 npx vitest run tests/store` in packages/runtime and review the diff.',
    ).toBe(readFileSync(GOLDEN, 'utf8'));
  });

  it('records the migration version and marks the file as a Workscript database', () => {
    const file = join(tmp(), 'wm.db');
    WorkDatabase.open({ filename: file }).close();
    const raw = new BetterSqlite3(file);
    expect(raw.pragma('user_version', { simple: true })).toBe(8);
    expect(raw.pragma('application_id', { simple: true })).toBe(0x57534352);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
    const again = WorkDatabase.open({ filename: file });
    expect(again.schemaVersion).toBe(8);
    again.close();
  });

  it('refuses a foreign SQLite file, naming it, and leaves it untouched', () => {
    const file = join(tmp(), 'other.db');
    const raw = new BetterSqlite3(file);
    raw.exec("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('keep me')");
    raw.close();
    expect(() => WorkDatabase.open({ filename: file })).toThrow(NotAWorkscriptDatabaseError);
    expect(() => WorkDatabase.open({ filename: file })).toThrow(file);
    const check = new BetterSqlite3(file);
    expect(check.prepare('SELECT body FROM notes').pluck().get()).toBe('keep me');
    check.close();
  });

  it('refuses a corrupt (non-SQLite) file without resetting it', () => {
    const file = join(tmp(), 'corrupt.db');
    writeFileSync(file, 'this is not a database, just text that is long enough to have a header'.repeat(20));
    expect(() => WorkDatabase.open({ filename: file })).toThrow(NotAWorkscriptDatabaseError);
    expect(readFileSync(file, 'utf8').startsWith('this is not a database')).toBe(true);
  });

  it('refuses a database written by a newer runtime', () => {
    const file = join(tmp(), 'newer.db');
    WorkDatabase.open({ filename: file }).close();
    const raw = new BetterSqlite3(file);
    raw.pragma('user_version = 99');
    raw.close();
    expect(() => WorkDatabase.open({ filename: file })).toThrow(DatabaseVersionError);
  });

  it('persists every WorkSpec field, with input/output as Data bytes', () => {
    const db = WorkDatabase.open({ filename: ':memory:' });
    const input = Data.builder().putInt('n', 7).putString('s', 'x').putLongArray('l', [1, 2]).build();
    const request = createPeriodicWorkRequest(TestWorker, {
      input,
      intervalMs: 3_600_000,
      flexMs: 600_000,
      initialDelayMs: 5_000,
      backoff: { policy: 'LINEAR', delayMs: 20_000 },
      constraints: { requiredNetworkType: 'UNMETERED', requiresCharging: true, requiresStorageNotLow: true },
      keepResultsForAtLeastMs: 1_000,
      nextScheduleTimeOverride: 123_456,
    });
    const spec = {
      ...createWorkSpec(request),
      output: Data.builder().putBoolean('ok', true).build(),
      state: 'RUNNING' as const,
      runAttemptCount: 3,
      lastEnqueueTime: 99,
      scheduleRequestedAt: 5,
      periodCount: 4,
      generation: 2,
      stopReason: StopReason.CONSTRAINT_CHARGING,
    };
    db.runInTransaction(() => db.workSpecDao.insert(spec));
    const read = db.workSpecDao.get(request.id);
    expect(read).not.toBeNull();
    const { input: readInput, output: readOutput, ...rest } = read as NonNullable<typeof read>;
    const { input: _i, output: _o, ...expected } = spec;
    expect(rest).toEqual(expected);
    expect(readInput.equals(input)).toBe(true);
    expect(readOutput.toObject()).toEqual({ ok: true });
    const oneTime = createWorkSpec(createOneTimeWorkRequest(TestWorker, { expedited: 'DROP_WORK_REQUEST' }));
    db.runInTransaction(() => db.workSpecDao.insert(oneTime));
    expect(db.workSpecDao.get(oneTime.id)).toMatchObject({
      expedited: true,
      outOfQuotaPolicy: 'DROP_WORK_REQUEST',
      nextScheduleTimeOverride: LONG_MAX_VALUE,
    });
    db.close();
  });

  it('§12 restart: RUNNING work goes back to ENQUEUED with stop reason −512, progress wiped, attempt count kept', async () => {
    const file = join(tmp(), 'restart.db');
    const clock = new TestClock();
    const { worker } = createSuspendingWorker('LongRunning');
    const database = WorkDatabase.open({ filename: file });
    const first = createWorkManager({ database, workers: [worker], clock, timer: clock });
    const request = createOneTimeWorkRequest(worker);
    await first.enqueue(request);
    await first.settle();
    database.runInTransaction(() =>
      database.workProgressDao.insert(request.id, Data.builder().putInt('p', 1).build()),
    );
    expect(database.workSpecDao.getState(request.id)).toBe('RUNNING');
    // The first process "dies": its connection (and the file's lock) goes away while the work is RUNNING,
    // and nothing is recorded (a close of the WorkManager would record the stop).
    database.close();
    const second = createWorkManager({ database: file, workers: [], clock, timer: clock });
    const info = await second.getWorkInfoById(request.id);
    expect(info).toMatchObject({ state: 'ENQUEUED', stopReason: StopReason.UNKNOWN, runAttemptCount: 1 });
    expect(info?.progress.size).toBe(0);
    await second.close();
  });

  it('§11.4 opening prunes finished work older than retention + 1 day, keeping work with unfinished dependents', async () => {
    const file = join(tmp(), 'prune.db');
    const clock = new TestClock();
    const first = createWorkManager({ database: file, workers: [TestWorker], clock, timer: clock });
    const old = createOneTimeWorkRequest(TestWorker);
    const retained = createOneTimeWorkRequest(TestWorker, { keepResultsForAtLeastMs: 7 * 86_400_000 });
    await first.enqueue([old, retained]);
    await first.settle();
    await first.close();
    await clock.advance(2 * 86_400_000);
    const second = createWorkManager({ database: file, workers: [TestWorker], clock, timer: clock });
    expect(await second.getWorkInfoById(old.id)).toBeNull();
    expect((await second.getWorkInfoById(retained.id))?.state).toBe('SUCCEEDED');
    await second.close();
  });
});

describe('default location', () => {
  it('opens .workscript/work.db under the working directory, creating the folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ws-default-db-'));
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const db = WorkDatabase.open();
      db.close();
      expect(existsSync(join(dir, '.workscript', 'work.db'))).toBe(true);
    } finally {
      process.chdir(cwd);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
