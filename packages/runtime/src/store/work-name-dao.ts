import type BetterSqlite3 from 'better-sqlite3';
import type { ChangeRecorder } from './changed-work.js';

/** The `work_name` table: unique-work name links (androidx `WorkNameDao`). */
export class WorkNameDao {
  readonly #s;
  readonly #changes: ChangeRecorder;

  constructor(db: BetterSqlite3.Database, changes: ChangeRecorder) {
    this.#changes = changes;
    const p = (sql: string) => db.prepare(sql);
    this.#s = {
      insert: p('INSERT OR IGNORE INTO work_name (name, work_spec_id) VALUES (?, ?)'),
      idsWithName: p('SELECT work_spec_id FROM work_name WHERE name = ? ORDER BY rowid').pluck(),
      namesForId: p('SELECT name FROM work_name WHERE work_spec_id = ? ORDER BY name').pluck(),
    };
  }

  /** Links `id` to the unique name. */
  insert(name: string, id: string): void {
    this.#changes.other(this.#s.insert.run(name, id).changes);
    this.#changes.name(name);
  }
  /** Ids linked to `name`, in insertion order. */
  getWorkSpecIdsWithName(name: string): string[] {
    return this.#s.idsWithName.all(name) as string[];
  }
  /** Names linked to `id`. */
  getNamesForWorkSpecId(id: string): string[] {
    return this.#s.namesForId.all(id) as string[];
  }
}
