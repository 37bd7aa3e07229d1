import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { DatabaseVersionError, NotAWorkscriptDatabaseError } from '../errors.js';
import { DependencyDao } from './dependency-dao.js';
import { PreferenceDao } from './preference-dao.js';
import { WorkNameDao } from './work-name-dao.js';
import { WorkProgressDao } from './work-progress-dao.js';
import { WorkSpecDao } from './work-spec-dao.js';
import { WorkTagDao } from './work-tag-dao.js';
import { WorkerStorageDao } from './worker-storage-dao.js';

/** `PRAGMA application_id` of a Workscript database ("WSCR"): how a foreign SQLite file is told apart. */
export const WORKSCRIPT_APPLICATION_ID = 0x57534352;

/** Where a WorkManager keeps its database unless told otherwise, relative to the working directory. */
export const DEFAULT_DATABASE_FILE = '.workscript/work.db';

/** Options of {@link WorkDatabase.open}. */
export interface WorkDatabaseOptions {
  /** Database file, or `':memory:'`. Default {@link DEFAULT_DATABASE_FILE} (its directory is created). */
  readonly filename?: string;
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
 * which is how WorkInfo observers stay current without polling.
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
  readonly #commitListeners = new Set<() => void>();
  readonly #afterCommit: ((committed: boolean) => void)[] = [];
  /** One better-sqlite3 transaction function for every call: creating one per call costs more than the commit. */
  readonly #transaction: (fn: () => unknown) => unknown;
  readonly #readTransaction: (fn: () => unknown) => unknown;
  #depth = 0;
  /** Set by {@link WorkDatabase.beginGroup}: writes from now on join one transaction (group commit). */
  #groupMode = false;
  /** True once the group's `BEGIN` ran (lazily, at its first write: a group that only reads commits nothing). */
  #groupBegun = false;
  /** What waits for the group's `COMMIT`, in the order it was registered; told whether it committed. */
  readonly #groupDeferred: ((committed: boolean) => void)[] = [];
  readonly #begin: BetterSqlite3.Statement;
  readonly #commit: BetterSqlite3.Statement;
  readonly #rollback: BetterSqlite3.Statement;
  #groupError: unknown;

  private constructor(db: BetterSqlite3.Database, filename: string) {
    this.#db = db;
    this.filename = filename;
    const tx = db.transaction((fn: () => unknown) => fn());
    this.#transaction = tx;
    this.#readTransaction = tx.deferred;
    this.#begin = db.prepare('BEGIN');
    this.#commit = db.prepare('COMMIT');
    this.#rollback = db.prepare('ROLLBACK');
    this.workSpecDao = new WorkSpecDao(db);
    this.dependencyDao = new DependencyDao(db);
    this.workTagDao = new WorkTagDao(db);
    this.workNameDao = new WorkNameDao(db);
    this.workProgressDao = new WorkProgressDao(db);
    this.preferenceDao = new PreferenceDao(db);
    this.workerStorageDao = new WorkerStorageDao(db);
  }

  /**
   * Opens (creating if needed) and migrates a database. An existing file that is not a Workscript
   * database, or is corrupt, is never reset: it throws.
   * @throws NotAWorkscriptDatabaseError naming the file.
   * @throws DatabaseVersionError when the file was written by a newer runtime.
   */
  static open(options: WorkDatabaseOptions = {}): WorkDatabase {
    const filename = options.filename ?? DEFAULT_DATABASE_FILE;
    let db: BetterSqlite3.Database;
    try {
      if (filename !== ':memory:' && filename !== '') mkdirSync(dirname(filename), { recursive: true });
      db = new BetterSqlite3(filename);
    } catch (e) {
      throw new NotAWorkscriptDatabaseError(filename, (e as Error).message);
    }
    try {
      WorkDatabase.#migrate(db, filename);
    } catch (e) {
      db.close();
      if (e instanceof NotAWorkscriptDatabaseError || e instanceof DatabaseVersionError) throw e;
      // SQLITE_NOTADB and friends surface on the first statement, not on open.
      throw new NotAWorkscriptDatabaseError(filename, (e as Error).message);
    }
    return new WorkDatabase(db, filename);
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
    if (filename !== ':memory:') db.pragma('journal_mode = WAL');
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
   * Inside a group (see {@link WorkDatabase.beginGroup}) the transaction is a SAVEPOINT of the group's
   * transaction: a throw rolls back only what `fn` wrote, and commit listeners are told when `fn`'s
   * writes are released into the group, so what they read is the state a commit of its own would leave;
   * whatever they hand on to observers they defer with {@link WorkDatabase.afterCommit}.
   */
  runInTransaction<T>(fn: () => T): T {
    if (this.#groupMode && !this.#groupBegun) {
      this.#begin.run();
      this.#groupBegun = true;
    }
    this.#depth++;
    let result: T;
    try {
      result = this.#transaction(fn) as T;
    } catch (e) {
      // Rows inserted by what was rolled back must not be served to a scheduler pass.
      this.workSpecDao.forgetInserted();
      if (this.#depth === 1) this.#settleAfterCommit(false);
      // Some errors (SQLITE_FULL, I/O errors) make SQLite roll back the whole transaction, savepoints and
      // all: then nothing the group wrote before is coming, and what waits for its commit must hear so.
      if (this.#groupBegun && !this.#db.inTransaction) this.#settleGroup(e);
      throw e;
    } finally {
      this.#depth--;
    }
    if (this.#depth === 0) {
      for (const l of [...this.#commitListeners]) l();
      if (this.#groupBegun) this.#groupDeferred.push(...this.#afterCommit.splice(0));
      else this.#settleAfterCommit(true);
    }
    return result;
  }

  /**
   * Calls `fn(true)` once what was written so far is committed: at once outside a transaction, else right
   * after the outermost transaction (or the open group) commits; `fn(false)` if that transaction rolls
   * back instead. This is how work marked RUNNING inside a larger transaction (a scheduler pass) starts
   * only once the mark is durable, and how events and task results wait for a group's commit. `fn` must
   * not throw.
   */
  afterCommit(fn: (committed: boolean) => void): void {
    if (this.#depth > 0) this.#afterCommit.push(fn);
    else if (this.#groupBegun) this.#groupDeferred.push(fn);
    else fn(true);
  }

  /** True while something written is not committed yet: a {@link WorkDatabase.runInTransaction} is open, or a group holds writes. */
  get inTransaction(): boolean {
    return this.#depth > 0 || this.#groupBegun;
  }

  #settleAfterCommit(committed: boolean): void {
    for (const fn of this.#afterCommit.splice(0)) fn(committed);
  }

  /**
   * @internal Group commit (used by the serial task executor): until {@link WorkDatabase.endGroup}, the
   * transactions of the tasks it runs back to back share ONE SQLite transaction, each under its own
   * SAVEPOINT, and everything that waits for a commit ({@link WorkDatabase.afterCommit}) waits for that
   * one. `BEGIN` runs at the group's first write, so a group of reads costs no transaction. The caller must
   * not await between `beginGroup` and `endGroup`: nothing outside the group may write meanwhile.
   */
  beginGroup(): void {
    this.#groupMode = true;
  }

  /**
   * Commits what the open group wrote so far and settles what waited for it (in registration order), so
   * that what follows is observed after it: a scheduler pass calls this before it hands work over, so an
   * enqueue and the start it causes never share a commit. The group stays open. A no-op outside a group.
   */
  commitGroupSoFar(): void {
    if (!this.#groupBegun) return;
    let error: unknown;
    try {
      this.#commit.run();
    } catch (e) {
      error = e;
      if (this.#db.inTransaction) this.#rollback.run();
      this.workSpecDao.forgetInserted();
    }
    this.#settleGroup(error);
  }

  /** @internal Ends the group begun by {@link WorkDatabase.beginGroup}: commits it and settles what waited. */
  endGroup(): void {
    this.#groupMode = false;
    this.commitGroupSoFar();
  }

  /**
   * @internal Why the last group did not commit (its COMMIT failed, or SQLite rolled it back); read it in
   * an {@link WorkDatabase.afterCommit} callback told `false`. Undefined after a group that committed.
   */
  get groupError(): unknown {
    return this.#groupError;
  }

  /** Settles what waited for the group: committed when `error` is undefined. */
  #settleGroup(error: unknown): void {
    this.#groupBegun = false;
    this.#groupError = error;
    for (const fn of this.#groupDeferred.splice(0)) fn(error === undefined);
  }

  /**
   * Runs `fn` in one read transaction: a consistent snapshot across several statements. Commit listeners
   * are not called (nothing changed), which also lets listeners read without re-triggering themselves.
   */
  readTransaction<T>(fn: () => T): T {
    return this.#readTransaction(fn) as T;
  }

  /** Calls `listener` after every committed transaction. Returns an unsubscribe function. */
  onCommit(listener: () => void): () => void {
    this.#commitListeners.add(listener);
    return () => this.#commitListeners.delete(listener);
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

  /** Closes the connection. */
  close(): void {
    if (this.#db.open) this.#db.close();
  }
}
