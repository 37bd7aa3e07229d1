import type BetterSqlite3 from 'better-sqlite3';
import type { ChangeRecorder } from './changed-work.js';

/** Preference key of the last `cancelAllWork()` time (androidx `PreferenceUtils`). */
export const LAST_CANCEL_ALL_TIME_KEY = 'last_cancel_all_time_ms';

/** The `preference` key-value table (androidx `PreferenceDao`). */
export class PreferenceDao {
  readonly #s;
  readonly #changes: ChangeRecorder;

  constructor(db: BetterSqlite3.Database, changes: ChangeRecorder) {
    this.#changes = changes;
    const p = (sql: string) => db.prepare(sql);
    this.#s = {
      set: p(
        'INSERT INTO preference (key, long_value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET long_value = excluded.long_value',
      ),
      get: p('SELECT long_value FROM preference WHERE key = ?').pluck(),
    };
  }

  /** Stores a number under `key`. */
  setLong(key: string, value: number): void {
    this.#changes.other(this.#s.set.run(key, value).changes);
  }
  /** The number under `key`, or null. */
  getLong(key: string): number | null {
    const v = this.#s.get.get(key) as number | null | undefined;
    return v ?? null;
  }
}
