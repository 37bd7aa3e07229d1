import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOneTimeWorkRequest, defineWorker, Result } from '@workscript/api';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { RECORD_RESULT_RETRY_DELAYS_MS } from '../../src/execution/processor.js';
import { createWorkManager, type Logger, silentLogger, WorkDatabase } from '../../src/index.js';
import { createTestWorkManager, TestClock, type TestWorkManagerOptions } from '../../src/testing/index.js';

// A result the database refuses for a reason that may pass (here: another connection holds the write lock
// past the busy timeout, as a full disk or an I/O error would refuse it) is tried again later; the attempt's
// result lives in memory meanwhile. androidx gives up at once and leaves the row RUNNING until the next start.

/** A worker that waits for the test's `release()` and counts its runs. */
function createGate() {
  let release = (): void => undefined;
  let entered = (): void => undefined;
  const running = new Promise<void>((resolve) => (entered = resolve));
  const gate = new Promise<void>((resolve) => (release = resolve));
  const runs: number[] = [];
  const worker = defineWorker({
    name: 'Gate',
    run: async (_input: Record<string, never>, ctx) => {
      runs.push(ctx.runAttemptCount);
      entered();
      await gate;
      return Result.success({ done: true });
    },
  });
  return { worker, running, release, runs };
}

function capturingLogger(): Logger & { readonly lines: string[] } {
  const lines: string[] = [];
  return { lines, log: (level, _tag, message) => void lines.push(`${level} ${message}`) };
}

/** A file database whose busy timeout is short, and a second connection that can hold its write lock. */
function lockableDatabase() {
  const file = join(mkdtempSync(join(tmpdir(), 'ws-record-')), 'work.db');
  const database = WorkDatabase.open({ filename: file, busyTimeoutMs: 10 });
  const other = new BetterSqlite3(file);
  return {
    file,
    database,
    lock: () => other.exec('BEGIN IMMEDIATE'),
    unlock: () => other.exec('ROLLBACK'),
    closeOther: () => other.close(),
  };
}

/** A test WorkManager running `gate`'s worker on a {@link lockableDatabase}, logging into a capturing logger. */
function startOnLockableDatabase(
  gate: ReturnType<typeof createGate>,
  options: Pick<TestWorkManagerOptions, 'synchronous' | 'scheduling'>,
) {
  const db = lockableDatabase();
  const logger = capturingLogger();
  const { workManager, clock } = createTestWorkManager({
    workers: [gate.worker],
    database: db.database,
    logger,
    ...options,
  });
  return { db, logger, workManager, clock };
}

/** A Gate work that returns while another connection holds the write lock, so its result is refused. */
async function finishWhileLocked() {
  const gate = createGate();
  const { db, logger, workManager, clock } = startOnLockableDatabase(gate, { synchronous: false });
  const request = createOneTimeWorkRequest(gate.worker);
  await workManager.enqueue(request);
  await gate.running;
  db.lock();
  gate.release();
  return { gate, db, logger, workManager, clock, request };
}

describe('recording a result the database refused', () => {
  it('is tried again after 1 s, 5 s, …: the work stays RUNNING meanwhile, never runs twice, and ends SUCCEEDED with its output', async () => {
    expect(RECORD_RESULT_RETRY_DELAYS_MS.slice(0, 2)).toEqual([1_000, 5_000]);
    const { gate, db, logger, workManager, clock, request } = await finishWhileLocked();
    const refused = (n: number) =>
      logger.lines.filter((l) => l.includes('Could not record the outcome')).length >= n;
    await vi.waitFor(() => expect(refused(1)).toBe(true));
    expect(logger.lines).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^warn Could not record the outcome of ${request.id}'s attempt \\(database is locked\\); trying again in 1000 ms`,
        ),
      ),
    );
    expect((await workManager.getWorkInfoById(request.id))?.state).toBe('RUNNING');

    // Still locked at the first retry: the next waits 5 s.
    await clock.advance(1_000);
    await vi.waitFor(() => expect(refused(2)).toBe(true));
    expect(logger.lines.at(-1)).toContain('trying again in 5000 ms');
    await workManager.settle();
    expect((await workManager.getWorkInfoById(request.id))?.state).toBe('RUNNING');

    db.unlock();
    await clock.advance(4_999);
    await workManager.settle();
    expect((await workManager.getWorkInfoById(request.id))?.state).toBe('RUNNING');
    await clock.advance(1);
    await vi.waitFor(async () =>
      expect((await workManager.getWorkInfoById(request.id))?.state).toBe('SUCCEEDED'),
    );
    expect((await workManager.getWorkInfoById(request.id))?.outputData.getBoolean('done', false)).toBe(true);
    expect(gate.runs).toEqual([0]);
    expect(logger.lines.filter((l) => l.startsWith('error'))).toEqual([]);
    await workManager.close();
    db.closeOther();
    db.database.close();
  });

  it('closing while a result waits tries once more; if refused again, the work stays RUNNING in the file and the next start runs it again', async () => {
    const { db, logger, workManager, request } = await finishWhileLocked();
    await vi.waitFor(() =>
      expect(logger.lines.some((l) => l.includes('trying again in 1000 ms'))).toBe(true),
    );

    // close() does not wait out the 1 s: it wakes the retry, which is refused again and given up.
    await workManager.close();
    expect(logger.lines.filter((l) => l.startsWith('error'))).toEqual([
      expect.stringContaining(
        `error Could not record the outcome of ${request.id}'s attempt: database is locked. The database keeps its state from before (RUNNING if it had started), and the next start runs it again`,
      ),
    ]);
    db.unlock();
    db.closeOther();
    db.database.close();

    const clock = new TestClock();
    const reopened = createWorkManager({
      database: db.file,
      workers: [createGate().worker],
      clock,
      timer: clock,
      logger: silentLogger,
    });
    expect((await reopened.getWorkInfoById(request.id))?.state).toBe('ENQUEUED');
    await reopened.close();
  });

  it('delayed work whose start the database refuses stays ENQUEUED and is handed to the schedulers again 1 s later', async () => {
    const gate = createGate();
    gate.release();
    // The real GreedyScheduler on the TestClock: the delay's end starts the work outside any scheduler pass.
    const { db, logger, workManager, clock } = startOnLockableDatabase(gate, { scheduling: 'device' });
    const request = createOneTimeWorkRequest(gate.worker, { initialDelayMs: 1_000 });
    await workManager.enqueue(request);

    db.lock();
    await clock.advance(1_000);
    await vi.waitFor(() =>
      expect(logger.lines).toContainEqual(
        `warn Could not start ${request.id} (database is locked); it stays ENQUEUED, and is handed to the schedulers again in 1000 ms`,
      ),
    );
    expect(await workManager.getWorkInfoById(request.id)).toMatchObject({
      state: 'ENQUEUED',
      runAttemptCount: 0,
    });
    expect(gate.runs).toEqual([]);

    db.unlock();
    await clock.advance(1_000);
    await vi.waitFor(async () =>
      expect((await workManager.getWorkInfoById(request.id))?.state).toBe('SUCCEEDED'),
    );
    expect(gate.runs).toEqual([0]);
    expect(logger.lines.filter((l) => l.startsWith('error'))).toEqual([]);
    await workManager.close();
    db.closeOther();
    db.database.close();
  });
});
