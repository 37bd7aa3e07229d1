// Spec §12: start-up recovery gets at most 3 attempts at the database, sleeping 300 ms × the attempt number
// in between, then throws (androidx ForceStopRunnable; there is no initializationExceptionHandler here).
// A lock held by another connection is the way to make an attempt fail on purpose: each test holds one
// with `BEGIN IMMEDIATE` on a second connection and a busy timeout of 10 ms on the runtime's.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOneTimeWorkRequest, StopReason } from '@workscript/api';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createWorkManager,
  DatabaseAccessError,
  NotAWorkscriptDatabaseError,
  silentLogger,
  WorkDatabase,
} from '../../src/index.js';
import { openAndRecover } from '../../src/store/startup-recovery.js';
import { TestWorker } from '../helpers/workers.js';

const DAY = 86_400_000;
const dirs: string[] = [];
const cleanups: (() => void)[] = [];
const tmpFile = (name = 'work.db'): string => {
  const dir = mkdtempSync(join(tmpdir(), 'workscript-startup-'));
  dirs.push(dir);
  return join(dir, name);
};

afterEach(() => {
  for (const c of cleanups.splice(0)) c();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A Workscript database holding one delayed (so ENQUEUED) work item; returns its id. */
async function fileWithOneWork(file: string): Promise<string> {
  const wm = createWorkManager({ database: file, workers: [TestWorker], logger: silentLogger });
  const request = createOneTimeWorkRequest(TestWorker, { initialDelayMs: DAY });
  await wm.enqueue(request);
  await wm.close();
  return request.id;
}

/** A second connection that holds the write lock until `release()`. */
function holdWriteLock(file: string, whileHeld = ''): { release: () => void } {
  const holder = new BetterSqlite3(file);
  holder.exec('BEGIN IMMEDIATE');
  if (whileHeld) holder.exec(whileHeld);
  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    holder.exec('COMMIT');
    holder.close();
  };
  cleanups.push(release);
  return { release };
}

/** A database opened with a short busy timeout, closed after the test. */
function openQuickly(file: string): WorkDatabase {
  const database = WorkDatabase.open({ filename: file, busyTimeoutMs: 10 });
  cleanups.push(() => database.isOpen && database.close());
  return database;
}

describe('§12 start-up retries', () => {
  it('a lock released during the first pause: the second attempt recovers what the holder left RUNNING', async () => {
    const file = tmpFile();
    const id = await fileWithOneWork(file);
    // The holder marks the work RUNNING (state 1) in its transaction: only a recovery that runs after the
    // lock is gone can see it, and it must send it back to ENQUEUED with UNKNOWN.
    const lock = holdWriteLock(file, `UPDATE work_spec SET state = 1 WHERE id = '${id}'`);
    const sleeps: number[] = [];
    const database = openAndRecover(openQuickly(file), 0, (ms) => {
      sleeps.push(ms);
      lock.release();
    });
    expect(sleeps).toEqual([300]);
    expect(database.workSpecDao.get(id)).toMatchObject({ state: 'ENQUEUED', stopReason: StopReason.UNKNOWN });
  });

  it('a lock never released: 3 attempts, pauses of 300 and 600 ms, then DatabaseAccessError naming the file', () => {
    const file = tmpFile();
    WorkDatabase.open({ filename: file }).close();
    holdWriteLock(file);
    const given = openQuickly(file);
    const sleeps: number[] = [];
    let thrown: unknown;
    try {
      openAndRecover(given, 0, (ms) => sleeps.push(ms));
    } catch (e) {
      thrown = e;
    }
    expect(sleeps).toEqual([300, 600]);
    expect(thrown).toBeInstanceOf(DatabaseAccessError);
    expect(thrown).toMatchObject({ file, attempts: 3, code: 'database-access' });
    expect((thrown as Error).message).toContain('database is locked');
    expect((thrown as Error).message).toContain('in 3 attempts');
    // A database the caller opened stays the caller's.
    expect(given.isOpen).toBe(true);
  });

  it('a file that is not a Workscript database is not retried', () => {
    const file = tmpFile('notes.db');
    const raw = new BetterSqlite3(file);
    raw.exec('CREATE TABLE notes (body TEXT)');
    raw.close();
    const sleeps: number[] = [];
    expect(() => openAndRecover(file, 0, (ms) => sleeps.push(ms))).toThrow(NotAWorkscriptDatabaseError);
    expect(sleeps).toEqual([]);
  });

  it('createWorkManager on a locked file throws DatabaseAccessError after its 3 attempts', () => {
    const file = tmpFile();
    WorkDatabase.open({ filename: file }).close();
    holdWriteLock(file);
    const database = openQuickly(file);
    const attempt = () => createWorkManager({ database, workers: [TestWorker], logger: silentLogger });
    expect(attempt).toThrow(DatabaseAccessError);
    expect(attempt).toThrow(/in 3 attempts/);
  });

  it('createWorkManager under a path whose directory cannot be created throws DatabaseAccessError naming it', () => {
    const notADirectory = tmpFile('plain-file');
    writeFileSync(notADirectory, 'x');
    const file = join(notADirectory, 'sub', 'work.db');
    let thrown: unknown;
    try {
      createWorkManager({ database: file, workers: [TestWorker], logger: silentLogger });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(DatabaseAccessError);
    expect(thrown).toMatchObject({ file, attempts: 3 });
    expect((thrown as Error).message).toContain(file);
  });
});
