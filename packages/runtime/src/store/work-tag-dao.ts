import type BetterSqlite3 from 'better-sqlite3';
import type { ChangeRecorder } from './changed-work.js';
import { showValue } from '../internal/show-value.js';
import { StoredValueError } from './stored-value-error.js';

/**
 * The order of a work's tags everywhere the runtime shows them (`ctx.tags`, `WorkInfo.tags`): by UTF-16
 * code units, JavaScript's default sort, which is also the order Kotlin's `tags.sorted()` gives the same
 * worker on Android. (SQLite's `ORDER BY tag` sorts by UTF-8 bytes, which differs for astral characters.)
 */
export function sortTags(tags: Iterable<string>): string[] {
  return [...tags].sort();
}

/**
 * A subquery of the ids of specs carrying any of the tags `list` gives, the implicit one included, for
 * `id IN (…)`. `list` is SQL for `IN (…)`: `?` for one tag, or a list subquery; bind it twice in a row, once
 * for `work_tag` and again for `worker_name`.
 */
export function idsWithTagsSubquery(list = '?'): string {
  return `SELECT work_spec_id FROM work_tag WHERE tag IN (${list}) UNION ALL SELECT id FROM work_spec WHERE worker_name IN (${list})`;
}

/**
 * The `work_tag` table (androidx `WorkTagDao`), with one deliberate difference in what it stores: the
 * implicit tag every work carries, its worker's name (androidx adds the worker class name to every
 * request's tags), is not a row here but read from `work_spec.worker_name`, which always holds the same
 * value (`updateWork` may change the worker, and replaces the tags with the new worker's along with it,
 * in androidx too). What callers see is unchanged — every read below
 * includes it — but an enqueue writes no `work_tag` row for work without explicit tags: that row and its
 * two index entries, all keyed by a random UUID, were three of the ~12 WAL pages an item wrote, ~15 % of
 * its CPU in `bench/runtime` (see bench/README.md). Migration 0006 moved the old rows out.
 */
export class WorkTagDao {
  readonly #s;
  readonly #changes: ChangeRecorder;

  constructor(db: BetterSqlite3.Database, changes: ChangeRecorder) {
    this.#changes = changes;
    const p = (sql: string) => db.prepare(sql);
    this.#s = {
      insert: p('INSERT OR IGNORE INTO work_tag (tag, work_spec_id) VALUES (?, ?)'),
      deleteByWorkSpecId: p('DELETE FROM work_tag WHERE work_spec_id = ?'),
      tagsForId: p('SELECT tag FROM work_tag WHERE work_spec_id = ?').pluck(),
      idsWithTag: p(`SELECT id FROM work_spec WHERE id IN (${idsWithTagsSubquery()}) ORDER BY rowid`).pluck(),
    };
  }

  /** Stores the tags of a new `id` whose worker is `workerName` (that one is implicit, not stored). */
  insertTags(id: string, workerName: string, tags: Iterable<string>): void {
    for (const tag of tags) {
      if (tag === workerName) continue;
      this.#changes.work(id, this.#s.insert.run(tag, id).changes);
      this.#changes.tag(tag);
    }
  }
  /** Replaces every tag of `id` (`updateWork`). */
  replaceTags(id: string, workerName: string, tags: Iterable<string>): void {
    this.#changes.work(id, this.#s.deleteByWorkSpecId.run(id).changes);
    this.insertTags(id, workerName, tags);
  }
  /** Tags of `id`, whose worker is `workerName`, in `sortTags` order (as the worker sees them on Android). */
  getTagsForWorkSpecId(id: string, workerName: string): string[] {
    const tags = this.#s.tagsForId.all(id) as unknown[];
    // SQLite's columns take any value: a blob put here by hand would reach WorkInfo.tags (TEXT affinity
    // turns numbers into text, but not blobs).
    for (const tag of tags)
      if (typeof tag !== 'string')
        throw new StoredValueError(`work_tag.tag of work ${id} holds ${showValue(tag)}, not text`);
    return sortTags(new Set([...(tags as string[]), workerName]));
  }
  /** Ids carrying `tag`, in enqueue order. */
  getWorkSpecIdsWithTag(tag: string): string[] {
    return this.#s.idsWithTag.all(tag, tag) as string[];
  }
}
