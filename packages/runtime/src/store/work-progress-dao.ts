import type BetterSqlite3 from 'better-sqlite3';
import type { ChangeRecorder } from './changed-work.js';
import { Data } from '@workscript/api';
import { storedData } from './stored-data.js';

/** The `work_progress` table (androidx `WorkProgressDao`). */
export class WorkProgressDao {
  readonly #s;
  readonly #changes: ChangeRecorder;

  constructor(db: BetterSqlite3.Database, changes: ChangeRecorder) {
    this.#changes = changes;
    const p = (sql: string) => db.prepare(sql);
    this.#s = {
      upsert: p(
        'INSERT INTO work_progress (work_spec_id, progress) VALUES (?, ?) ON CONFLICT (work_spec_id) DO UPDATE SET progress = excluded.progress',
      ),
      delete: p('DELETE FROM work_progress WHERE work_spec_id = ?'),
      deleteAll: p('DELETE FROM work_progress'),
      get: p('SELECT progress FROM work_progress WHERE work_spec_id = ?').pluck(),
    };
  }

  /** Stores the latest progress of `id`. */
  insert(id: string, progress: Data): void {
    this.#changes.work(id, this.#s.upsert.run(id, progress.toByteArray()).changes);
  }
  /** Deletes the progress of `id`. */
  delete(id: string): void {
    this.#changes.work(id, this.#s.delete.run(id).changes);
  }
  /** Deletes all progress (at start, like ForceStopRunnable). */
  deleteAll(): void {
    this.#changes.many(this.#s.deleteAll.run().changes);
  }
  /** Latest progress of `id`, or EMPTY. */
  getProgressForWorkSpecId(id: string): Data {
    const bytes: unknown = this.#s.get.get(id);
    return bytes === undefined ? Data.EMPTY : storedData(bytes, `work_progress.progress of work ${id}`);
  }
}
