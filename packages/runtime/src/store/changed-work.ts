/**
 * Which works a committed transaction changed, as far as their WorkInfo goes: their ids, or `'all'` when
 * that is not known (a write to many rows at once, a foreign-key cascade, a write no DAO reported, or no
 * watcher asked the database to count).
 */
export type ChangedWork = ReadonlySet<string> | 'all';

/**
 * What a committed transaction changed: the works it wrote, and the unique names and tags it linked works to
 * (how a query by name or tag gains members). All three are `'all'` when the works are.
 */
export interface CommitChanges {
  readonly works: ChangedWork;
  readonly names: ReadonlySet<string> | 'all';
  readonly tags: ReadonlySet<string> | 'all';
}

/**
 * Collects what the DAOs report while a transaction runs, so that a watcher can skip the commits of works
 * it cannot see (a thousand watchers, each reading its WorkInfos at every commit of every work, cost O(n²)). Every write reports how many rows it changed (better-sqlite3's `changes`). At commit, the
 * sum is compared with SQLite's own count of the rows the transaction changed (`total_changes()`, which
 * counts cascades too): a write that was not reported makes the answer `'all'`, so a forgotten report
 * costs a watcher a needless read, never a missed change.
 */
export class ChangeRecorder {
  #ids = new Set<string>();
  #names = new Set<string>();
  #tags = new Set<string>();
  #all = false;
  #reported = 0;

  /** Some work was linked to the unique name `name` (reported with the write's rows, as `other`). */
  name(name: string): void {
    this.#names.add(name);
  }

  /** Some work was given the tag `tag`, explicit or its worker's name (reported with the write's rows). */
  tag(tag: string): void {
    this.#tags.add(tag);
  }

  /** A statement changed `changes` rows of work `id`: its spec, tags or progress. */
  work(id: string, changes: number): void {
    if (changes > 0) this.#ids.add(id);
    this.#reported += changes;
  }

  /** A statement changed `changes` rows no WorkInfo shows: unique names, dependencies, preferences, storage. */
  other(changes: number): void {
    this.#reported += changes;
  }

  /** A statement changed `changes` rows of works it cannot name (a reset at start, a prune). */
  many(changes: number): void {
    if (changes > 0) this.#all = true;
    this.#reported += changes;
  }

  /**
   * What the transaction changed, given that SQLite counted `counted` changed rows in it (`undefined`: not
   * counted); then starts over for the next one.
   */
  take(counted: number | undefined): CommitChanges {
    const all = this.#all || counted === undefined || counted !== this.#reported;
    const changes: CommitChanges = all
      ? { works: 'all', names: 'all', tags: 'all' }
      : { works: this.#ids, names: this.#names, tags: this.#tags };
    this.reset();
    return changes;
  }

  /** Forgets what was reported (a rollback). */
  reset(): void {
    this.#ids = new Set();
    this.#names = new Set();
    this.#tags = new Set();
    this.#all = false;
    this.#reported = 0;
  }
}
