import type BetterSqlite3 from 'better-sqlite3';
import type { ChangeRecorder } from './changed-work.js';

/** The `worker_storage` table behind `ctx.storage`. */
export class WorkerStorageDao {
  readonly #s;
  readonly #changes: ChangeRecorder;

  constructor(db: BetterSqlite3.Database, changes: ChangeRecorder) {
    this.#changes = changes;
    const p = (sql: string) => db.prepare(sql);
    this.#s = {
      get: p('SELECT value FROM worker_storage WHERE key = ?').pluck(),
      set: p(
        'INSERT INTO worker_storage (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      ),
      delete: p('DELETE FROM worker_storage WHERE key = ?'),
      // Prefix match without LIKE, so '%' and '_' in keys are literal.
      keys: p(
        'SELECT key FROM worker_storage WHERE substr(key, 1, length(@prefix)) = @prefix ORDER BY key',
      ).pluck(),
    };
  }

  /** The value under `key`, or null. */
  get(key: string): string | null {
    return (this.#s.get.get(key) as string | undefined) ?? null;
  }
  /** Stores `value` under `key`. */
  set(key: string, value: string): void {
    this.#changes.other(this.#s.set.run(key, value).changes);
  }
  /** Removes `key`. */
  delete(key: string): void {
    this.#changes.other(this.#s.delete.run(key).changes);
  }
  /** Keys starting with `prefix`, sorted. */
  keys(prefix: string): string[] {
    return this.#s.keys.all({ prefix }) as string[];
  }
}
