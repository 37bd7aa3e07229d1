import type BetterSqlite3 from 'better-sqlite3';
import { Data } from '@workscript/api';

/**
 * The `work_progress` table (androidx `WorkProgressDao`). Few runs ever set progress, yet every finished
 * attempt deletes its row and every WorkInfo read looks one up; so the DAO keeps the ids that have a row
 * (read once when it opens, then kept by its own writes) and skips both statements for the others (~3 µs
 * per item each, measured). Like `WorkSpecDao`'s memory of its inserts, this assumes the runtime's
 * connection is the only writer of the file. After a rollback it stops trusting the set until `deleteAll`.
 */
export class WorkProgressDao {
  readonly #s;
  readonly #withRow: Set<string>;
  #trusted = true;

  constructor(db: BetterSqlite3.Database) {
    const p = (sql: string) => db.prepare(sql);
    this.#s = {
      upsert: p(
        'INSERT INTO work_progress (work_spec_id, progress) VALUES (?, ?) ON CONFLICT (work_spec_id) DO UPDATE SET progress = excluded.progress',
      ),
      delete: p('DELETE FROM work_progress WHERE work_spec_id = ?'),
      deleteAll: p('DELETE FROM work_progress'),
      get: p('SELECT progress FROM work_progress WHERE work_spec_id = ?').pluck(),
    };
    this.#withRow = new Set(p('SELECT work_spec_id FROM work_progress').pluck().all() as string[]);
  }

  /** Stores the latest progress of `id`. */
  insert(id: string, progress: Data): void {
    this.#s.upsert.run(id, progress.toByteArray());
    this.#withRow.add(id);
  }
  /** Deletes the progress of `id`. */
  delete(id: string): void {
    if (this.#trusted && !this.#withRow.has(id)) return;
    this.#s.delete.run(id);
    this.#withRow.delete(id);
  }
  /** Deletes all progress (at start, like ForceStopRunnable). */
  deleteAll(): void {
    this.#s.deleteAll.run();
    this.#withRow.clear();
    this.#trusted = true;
  }
  /** Latest progress of `id`, or EMPTY. */
  getProgressForWorkSpecId(id: string): Data {
    if (this.#trusted && !this.#withRow.has(id)) return Data.EMPTY;
    const bytes = this.#s.get.get(id) as Uint8Array | undefined;
    return bytes ? Data.fromByteArray(bytes) : Data.EMPTY;
  }
  /**
   * A transaction rolled back: rows this DAO wrote or deleted in it may be back or gone, so every later
   * delete and read goes to the table until {@link WorkProgressDao.deleteAll}.
   */
  distrust(): void {
    this.#trusted = false;
  }
}
