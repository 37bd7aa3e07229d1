import { CorruptDatabaseError, DatabaseAccessError } from '../errors.js';
import { isCorruption, isDatabaseAccessFailure } from './database-access.js';
import { DEFAULT_DATABASE_FILE, WorkDatabase } from './work-database.js';

/** androidx `ForceStopRunnable.MAX_ATTEMPTS`: start-up gets this many tries at the database. */
export const STARTUP_ATTEMPTS = 3;
/** androidx `ForceStopRunnable.BACKOFF_DURATION_MS`: the pause after attempt n is n times this. */
export const STARTUP_BACKOFF_MS = 300;

/** Blocks the thread for `ms` (start-up is synchronous; androidx blocks its background thread too). */
function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Recovery after a process death, in one transaction (androidx `ForceStopRunnable` and the database's
 * open callback): work left RUNNING goes back to ENQUEUED with stop reason UNKNOWN (−512), all progress is
 * wiped, in-process scheduling marks are reset, and finished work whose retention ended before
 * `pruneBefore` is pruned.
 */
function recover(database: WorkDatabase, pruneBefore: number): void {
  database.runInTransaction(() => {
    database.workSpecDao.resetRunningWork();
    database.workProgressDao.deleteAll();
    database.workSpecDao.resetScheduledState();
    database.workSpecDao.pruneExpiredFinishedWork(pruneBefore);
  });
}

/**
 * Opens the database (unless an open one is given) and runs the start-up recovery, retrying what failed
 * to reach the file: {@link STARTUP_ATTEMPTS} attempts, {@link STARTUP_BACKOFF_MS} × the attempt number
 * apart, as androidx does (spec §12). A file that is not a Workscript database, or is too new, fails at once:
 * another attempt would read the same bytes. A database this call opened is closed when it gives up.
 * @param sleep - waits between attempts (injectable for tests).
 * @throws DatabaseAccessError naming the file and the attempts, after the last one; CorruptDatabaseError
 * naming the file when its rows cannot be read.
 */
export function openAndRecover(
  source: WorkDatabase | string | undefined,
  pruneBefore: number,
  sleep: (ms: number) => void = sleepSync,
): WorkDatabase {
  const given = source instanceof WorkDatabase ? source : undefined;
  const filename = given?.filename ?? (source as string | undefined) ?? DEFAULT_DATABASE_FILE;
  let database = given;
  for (let attempt = 1; ; attempt++) {
    try {
      database ??= WorkDatabase.open({ filename });
      recover(database, pruneBefore);
      return database;
    } catch (e) {
      const access = isDatabaseAccessFailure(e);
      if (access && attempt < STARTUP_ATTEMPTS) {
        sleep(STARTUP_BACKOFF_MS * attempt);
        continue;
      }
      if (given === undefined) database?.close();
      if (isCorruption(e)) throw new CorruptDatabaseError(filename, (e as Error).message, e);
      if (!access) throw e;
      const cause = e instanceof DatabaseAccessError ? e.cause : e;
      throw new DatabaseAccessError(filename, (cause as Error).message, attempt, cause);
    }
  }
}
