import BetterSqlite3 from 'better-sqlite3';
import { DatabaseInUseError } from '../errors.js';

/**
 * Makes a WorkDatabase the only one open on its file, across connections, threads and processes: an
 * exclusive SQLite lock on a side file, `<file>-lock`, held until {@link OwnerLock.release}. The operating
 * system drops the lock when the process dies, even on SIGKILL, so a crash never leaves the file locked.
 *
 * Why: the runtime is its file's only writer by design (its DAO remembers the rows it wrote and the
 * attempts it set RUNNING), and a second WorkManager's start-up recovery would re-enqueue the first one's
 * running work, which would then run twice. The side file is never deleted: a process that opened it just
 * before the deletion would lock an unlinked file while a third locked a new one.
 */
export class OwnerLock {
  readonly #db: BetterSqlite3.Database;

  private constructor(db: BetterSqlite3.Database) {
    this.#db = db;
  }

  /**
   * Takes the lock of `filename`'s side file without waiting.
   * @throws DatabaseInUseError when another connection holds it.
   */
  static acquire(filename: string): OwnerLock {
    const db = new BetterSqlite3(`${filename}-lock`, { timeout: 0 });
    try {
      db.exec('BEGIN EXCLUSIVE');
    } catch (e) {
      db.close();
      const code = (e as { code?: unknown }).code;
      if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') throw new DatabaseInUseError(filename);
      throw e;
    }
    return new OwnerLock(db);
  }

  /** Releases the lock. Idempotent. */
  release(): void {
    if (!this.#db.open) return;
    this.#db.exec('ROLLBACK');
    this.#db.close();
  }
}
