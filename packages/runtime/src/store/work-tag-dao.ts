import type BetterSqlite3 from 'better-sqlite3';

/**
 * The order of a work's tags everywhere the runtime shows them (`ctx.tags`, `WorkInfo.tags`): by UTF-16
 * code units, JavaScript's default sort, which is also the order Kotlin's `tags.sorted()` gives the same
 * worker on Android. (SQLite's `ORDER BY tag` sorts by UTF-8 bytes, which differs for astral characters.)
 */
export function sortTags(tags: Iterable<string>): string[] {
  return [...tags].sort();
}

/** The `work_tag` table (androidx `WorkTagDao`). */
export class WorkTagDao {
  readonly #s;

  constructor(db: BetterSqlite3.Database) {
    const p = (sql: string) => db.prepare(sql);
    this.#s = {
      insert: p('INSERT OR IGNORE INTO work_tag (tag, work_spec_id) VALUES (?, ?)'),
      deleteByWorkSpecId: p('DELETE FROM work_tag WHERE work_spec_id = ?'),
      tagsForId: p('SELECT tag FROM work_tag WHERE work_spec_id = ?').pluck(),
      idsWithTag: p('SELECT work_spec_id FROM work_tag WHERE tag = ? ORDER BY rowid').pluck(),
    };
  }

  /** Tags `id` with `tag`. */
  insert(tag: string, id: string): void {
    this.#s.insert.run(tag, id);
  }
  /** Removes every tag of `id` (updateWork replaces tags). */
  deleteByWorkSpecId(id: string): void {
    this.#s.deleteByWorkSpecId.run(id);
  }
  /** Tags of `id`, in `sortTags` order (as the worker sees them on Android too). */
  getTagsForWorkSpecId(id: string): string[] {
    return sortTags(this.#s.tagsForId.all(id) as string[]);
  }
  /** Ids carrying `tag`. */
  getWorkSpecIdsWithTag(tag: string): string[] {
    return this.#s.idsWithTag.all(tag) as string[];
  }
}
