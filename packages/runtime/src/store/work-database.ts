import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import {
  CorruptDatabaseError,
  DatabaseAccessError,
  DatabaseInUseError,
  DatabaseVersionError,
  NotAWorkscriptDatabaseError,
} from '../errors.js';
import { isDatabaseAccessFailure } from './database-access.js';
import { DependencyDao } from './dependency-dao.js';
import { OwnerLock } from './owner-lock.js';
import { PreferenceDao } from './preference-dao.js';
import { WorkNameDao } from './work-name-dao.js';
import { WorkProgressDao } from './work-progress-dao.js';
import { ChangeRecorder, type ChangedWork } from './changed-work.js';
import { KeyedListeners } from './keyed-listeners.js';
import { WorkSpecDao } from './work-spec-dao.js';
import { WorkTagDao } from './work-tag-dao.js';
import { WalCheckpointer } from './wal-checkpointer.js';
import { WorkerStorageDao } from './worker-storage-dao.js';

/** `PRAGMA application_id` of a Workscript database ("WSCR"): how a foreign SQLite file is told apart. */
export const WORKSCRIPT_APPLICATION_ID = 0x57534352;

/** Where a WorkManager keeps its database unless told otherwise, relative to the working directory. */
export const DEFAULT_DATABASE_FILE = '.workscript/work.db';

/** Options of {@link WorkDatabase.open}. */
export interface WorkDatabaseOptions {
  /** Database file, or `':memory:'`. Default {@link DEFAULT_DATABASE_FILE} (its directory is created). */
  readonly filename?: string;
  /**
   * How long a statement waits for another connection's lock before it fails with SQLITE_BUSY
   * (better-sqlite3's `timeout`). Default 5000 ms.
   */
  readonly busyTimeoutMs?: number;
}

/** better-sqlite3's own default: how long a statement waits for another connection's lock. */
const DEFAULT_BUSY_TIMEOUT_MS = 5_000;

/** `''` is SQLite's temporary database: like `:memory:`, no file of ours and no WAL. */
function isInMemory(filename: string): boolean {
  return filename === ':memory:' || filename === '';
}

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

/** Numbered migrations (`0001-init.sql`, …) in version order. Read once; they ship next to this file. */
function loadMigrations(): readonly { version: number; name: string; sql: string }[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d{4}-.*\.sql$/.test(f))
    .sort()
    .map((name) => ({
      version: Number(name.slice(0, 4)),
      name,
      sql: readFileSync(MIGRATIONS_DIR + name, 'utf8'),
    }));
}

/**
 * The store: one SQLite database (WAL, synchronous=NORMAL, foreign keys on) with one DAO per table. All
 * multi-row writes go through {@link WorkDatabase.runInTransaction}; listeners learn about every commit,
 * which is how WorkInfo observers stay current without polling. A file database checkpoints its WAL on a
 * thread of its own (`WalCheckpointer`), so commits do not wait for fsync.
 */
export class WorkDatabase {
  /** The file name or `':memory:'`. */
  readonly filename: string;
  /** @internal DAO of `work_spec`; the runtime's own access path. */
  readonly workSpecDao: WorkSpecDao;
  /** @internal DAO of `dependency`; the runtime's own access path. */
  readonly dependencyDao: DependencyDao;
  /** @internal DAO of `work_tag`; the runtime's own access path. */
  readonly workTagDao: WorkTagDao;
  /** @internal DAO of `work_name`; the runtime's own access path. */
  readonly workNameDao: WorkNameDao;
  /** @internal DAO of `work_progress`; the runtime's own access path. */
  readonly workProgressDao: WorkProgressDao;
  /** @internal DAO of `preference`; the runtime's own access path. */
  readonly preferenceDao: PreferenceDao;
  /** @internal DAO of `worker_storage` (`ctx.storage`). */
  readonly workerStorageDao: WorkerStorageDao;

  readonly #db: BetterSqlite3.Database;
  readonly #commitListeners = new Set<(changed: ChangedWork) => void>();
  /** Listeners of one work, one unique name or one tag (see {@link WorkDatabase.onCommitOf}). */
  readonly #keyed = {
    works: new KeyedListeners<(changed: ChangedWork) => void>(),
    names: new KeyedListeners<(changed: ChangedWork) => void>(),
    tags: new KeyedListeners<(changed: ChangedWork) => void>(),
  };
  /** What the DAOs report writing in the open transaction. */
  readonly #changes = new ChangeRecorder();
  readonly #totalChanges: BetterSqlite3.Statement;
  /** How many {@link WorkDatabase.trackChanges} callers want commits to say which works changed. */
  #changeTrackers = 0;
  /** `total_changes()` when the outermost transaction began, while someone tracks changes. */
  #changesBefore: number | undefined;
  readonly #closeListeners = new Set<() => void>();
  readonly #afterCommit: ((committed: boolean) => void)[] = [];
  /** One better-sqlite3 transaction function for every call: creating one per call costs more than the commit. */
  readonly #transaction: (fn: () => unknown) => unknown;
  readonly #readTransaction: (fn: () => unknown) => unknown;
  /** Absent for `:memory:`, which has no WAL. */
  readonly #checkpointer: WalCheckpointer | undefined;
  #depth = 0;
  /** Absent for `:memory:`, which no one else can open. */
  readonly #lock: OwnerLock | undefined;

  private constructor(db: BetterSqlite3.Database, filename: string, lock: OwnerLock | undefined) {
    this.#db = db;
    this.#lock = lock;
    this.filename = filename;
    // Resolved now: the thread starts later, and a relative name would follow a process.chdir made meanwhile.
    this.#checkpointer = isInMemory(filename) ? undefined : new WalCheckpointer(db, resolve(filename));
    const tx = db.transaction((fn: () => unknown) => fn());
    this.#transaction = tx;
    this.#readTransaction = tx.deferred;
    this.#totalChanges = db.prepare('SELECT total_changes()').pluck();
    const changes = this.#changes;
    this.workSpecDao = new WorkSpecDao(db, changes);
    this.dependencyDao = new DependencyDao(db, changes);
    this.workTagDao = new WorkTagDao(db, changes);
    this.workNameDao = new WorkNameDao(db, changes);
    this.workProgressDao = new WorkProgressDao(db, changes);
    this.preferenceDao = new PreferenceDao(db, changes);
    this.workerStorageDao = new WorkerStorageDao(db, changes);
  }

  /**
   * Opens (creating if needed) and migrates a database. An existing file that is not a Workscript
   * database, or is corrupt, is never reset: it throws.
   * @throws NotAWorkscriptDatabaseError naming the file.
   * @throws DatabaseVersionError when the file was written by a newer runtime.
   * @throws DatabaseAccessError when the file or its directory cannot be reached (locked, permissions, I/O).
   * @throws DatabaseInUseError when another WorkDatabase has the file open (one per file at a time).
   */
  static open(options: WorkDatabaseOptions = {}): WorkDatabase {
    const filename = options.filename ?? DEFAULT_DATABASE_FILE;
    let db: BetterSqlite3.Database;
    let lock: OwnerLock | undefined;
    try {
      if (!isInMemory(filename)) {
        mkdirSync(dirname(filename), { recursive: true });
        lock = OwnerLock.acquire(filename);
      }
      db = new BetterSqlite3(filename, { timeout: options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS });
    } catch (e) {
      lock?.release();
      if (e instanceof DatabaseInUseError) throw e;
      throw new DatabaseAccessError(filename, (e as Error).message, 1, e);
    }
    try {
      WorkDatabase.#migrate(db, filename);
    } catch (e) {
      db.close();
      lock?.release();
      if (e instanceof NotAWorkscriptDatabaseError || e instanceof DatabaseVersionError) throw e;
      if (isDatabaseAccessFailure(e)) throw new DatabaseAccessError(filename, (e as Error).message, 1, e);
      // SQLITE_NOTADB and friends surface on the first statement, not on open.
      throw new NotAWorkscriptDatabaseError(filename, (e as Error).message);
    }
    try {
      return new WorkDatabase(db, filename, lock);
    } catch (e) {
      // The schema is Workscript's but its statements do not compile: a table or column is missing.
      db.close();
      lock?.release();
      throw new CorruptDatabaseError(filename, (e as Error).message, e);
    }
  }

  static #migrate(db: BetterSqlite3.Database, filename: string): void {
    const appId = db.pragma('application_id', { simple: true }) as number;
    const tableCount = (
      db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number }
    ).n;
    if (appId !== WORKSCRIPT_APPLICATION_ID && !(appId === 0 && tableCount === 0)) {
      throw new NotAWorkscriptDatabaseError(
        filename,
        appId === 0 ? `it already holds ${tableCount} table(s)` : `application_id is ${appId}`,
      );
    }
    // WAL lets readers proceed during a write; an in-memory database has no journal file to switch.
    if (!isInMemory(filename)) db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    const migrations = loadMigrations();
    const latest = migrations.at(-1)?.version ?? 0;
    const current = db.pragma('user_version', { simple: true }) as number;
    if (current > latest) throw new DatabaseVersionError(filename, current, latest);
    // Each migration and its version bump commit together, so a crash never leaves a half-migrated file.
    for (const m of migrations.filter((x) => x.version > current)) {
      db.transaction(() => {
        db.exec(m.sql);
        db.pragma(`application_id = ${WORKSCRIPT_APPLICATION_ID}`);
        db.pragma(`user_version = ${m.version}`);
      })();
    }
  }

  /** Schema version (`PRAGMA user_version`). */
  get schemaVersion(): number {
    return this.#db.pragma('user_version', { simple: true }) as number;
  }

  /**
   * Runs `fn` in one transaction (nested calls join the outer one) and notifies commit listeners after
   * the outermost commit. `fn` must be synchronous: better-sqlite3 transactions cannot span an await.
   */
  runInTransaction<T>(fn: () => T): T {
    if (this.#depth === 0) {
      // Writes outside a transaction are not the next one's: start its report afresh.
      this.#changes.reset();
      this.#changesBefore = this.#changeTrackers > 0 ? (this.#totalChanges.get() as number) : undefined;
    }
    this.#depth++;
    let result: T;
    try {
      result = this.#transaction(fn) as T;
    } catch (e) {
      // Rows inserted by what was rolled back must not be served to a scheduler pass.
      this.workSpecDao.forgetInserted();
      if (this.#depth === 1) {
        this.#changes.reset();
        this.#settleAfterCommit(false);
      }
      throw e;
    } finally {
      this.#depth--;
    }
    if (this.#depth === 0) {
      this.#checkpointer?.noteCommit();
      const before = this.#changesBefore;
      const changes = this.#changes.take(
        before === undefined ? undefined : (this.#totalChanges.get() as number) - before,
      );
      const changed = changes.works;
      const listeners = new Set(this.#commitListeners);
      // Watchers of one work, name or tag are found by what the commit wrote, not asked one by one: with ten
      // thousand of them, asking each at every commit cost more than the work itself. A set: a watcher filed
      // under several keys is called once.
      this.#keyed.works.collect(changes.works, listeners);
      this.#keyed.names.collect(changes.names, listeners);
      this.#keyed.tags.collect(changes.tags, listeners);
      for (const l of listeners) {
        try {
          l(changed);
        } catch (e) {
          // The transaction is committed: a listener's failure must not make its caller report otherwise,
          // nor keep the other listeners and the after-commit callbacks from running. It is not swallowed.
          queueMicrotask(() => {
            throw e;
          });
        }
      }
      this.#settleAfterCommit(true);
    }
    return result;
  }

  /**
   * Calls `fn(true)` once what was written so far is committed: at once outside a transaction, else right
   * after the outermost transaction commits; `fn(false)` if that transaction rolls back instead. This is
   * how work marked RUNNING inside a larger transaction (a scheduler pass) starts only once the mark is
   * durable. `fn` must not throw.
   */
  afterCommit(fn: (committed: boolean) => void): void {
    if (this.#depth === 0) fn(true);
    else this.#afterCommit.push(fn);
  }

  /** True while a {@link WorkDatabase.runInTransaction} is open. */
  get inTransaction(): boolean {
    return this.#depth > 0;
  }

  #settleAfterCommit(committed: boolean): void {
    for (const fn of this.#afterCommit.splice(0)) fn(committed);
  }

  /**
   * Runs `fn` in one read transaction: a consistent snapshot across several statements. Commit listeners
   * are not called (nothing changed), which also lets listeners read without re-triggering themselves.
   */
  readTransaction<T>(fn: () => T): T {
    return this.#readTransaction(fn) as T;
  }

  /**
   * Calls `listener` after every committed transaction, with the works it changed (`'all'` unless the
   * runtime tracks changes for a watcher, or when it cannot name them). Returns an unsubscribe function. A
   * listener that throws does not affect the transaction's caller; its error is rethrown from a microtask.
   */
  onCommit(listener: (changed: ChangedWork) => void): () => void {
    this.#commitListeners.add(listener);
    return () => this.#commitListeners.delete(listener);
  }

  /**
   * Calls `listener` after every committed transaction that wrote work `id`, or that may have (when it
   * cannot name what it wrote). Returns an unsubscribe function. Such listeners cost a commit nothing unless
   * it wrote their work, and while one exists commits count what they change (see `trackChanges`).
   * @internal
   */
  onCommitOf(id: string, listener: (changed: ChangedWork) => void): () => void {
    return this.#onKeyed(this.#keyed.works, id, listener);
  }

  /**
   * Calls `listener` after every committed transaction that linked some work to the unique name `name`,
   * or that may have. Otherwise as {@link WorkDatabase.onCommitOf}.
   * @internal
   */
  onCommitOfName(name: string, listener: (changed: ChangedWork) => void): () => void {
    return this.#onKeyed(this.#keyed.names, name, listener);
  }

  /**
   * Calls `listener` after every committed transaction that gave some work the tag `tag` (explicit, or as its
   * worker's name), or that may have. Otherwise as {@link WorkDatabase.onCommitOf}.
   * @internal
   */
  onCommitOfTag(tag: string, listener: (changed: ChangedWork) => void): () => void {
    return this.#onKeyed(this.#keyed.tags, tag, listener);
  }

  #onKeyed(
    listeners: KeyedListeners<(changed: ChangedWork) => void>,
    key: string,
    listener: (changed: ChangedWork) => void,
  ): () => void {
    const untrack = this.trackChanges();
    const remove = listeners.add(key, listener);
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      untrack();
      remove();
    };
  }

  /**
   * How many commit listeners are subscribed, filed ones counted per key: what watchers hold on to.
   * @internal
   */
  get commitListenerCount(): number {
    const keyed = this.#keyed;
    return this.#commitListeners.size + keyed.works.size + keyed.names.size + keyed.tags.size;
  }

  /**
   * Makes commits tell their listeners which works they changed, until the returned function is called.
   * It costs two small statements per transaction, so it is on only while a watcher needs it.
   * @internal
   */
  trackChanges(): () => void {
    this.#changeTrackers++;
    let tracking = true;
    return () => {
      if (tracking) this.#changeTrackers--;
      tracking = false;
    };
  }

  /** Calls `listener` once, when {@link WorkDatabase.close} closes the database. Returns an unsubscribe function. */
  onClose(listener: () => void): () => void {
    this.#closeListeners.add(listener);
    return () => this.#closeListeners.delete(listener);
  }

  /** The schema as `sqlite_master` holds it, sorted and whitespace-normalised (for the schema golden). */
  dumpSchema(): string {
    const rows = this.#db
      .prepare(
        "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type, name",
      )
      .all() as { type: string; name: string; sql: string }[];
    return (
      rows
        .map((r) => `${r.sql.replace(/\s+/g, ' ').replace(/\( /g, '(').replace(/ \)/g, ')').trim()};`)
        .join('\n') + '\n'
    );
  }

  /** True once {@link WorkDatabase.close} ran. */
  get isOpen(): boolean {
    return this.#db.open;
  }

  /**
   * True while a thread runs this file's WAL checkpoints (`WalCheckpointer`); false before the first
   * one, after a failure of that thread, and for `:memory:`.
   * @internal
   */
  get checkpointsOffThread(): boolean {
    return this.#checkpointer?.active ?? false;
  }

  /**
   * Closes the connection (the checkpoint thread's first, so that this one is the last: SQLite then
   * checkpoints the whole WAL into the file and removes it).
   */
  close(): void {
    this.#checkpointer?.close();
    if (this.#db.open) this.#db.close();
    this.#lock?.release();
    const listeners = [...this.#closeListeners];
    this.#closeListeners.clear();
    for (const l of listeners) l();
  }
}
