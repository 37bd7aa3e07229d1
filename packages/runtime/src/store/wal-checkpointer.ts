import type { Worker } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3';
import { startThread } from '../internal/start-thread.js';
import {
  CheckpointThreadState,
  type CheckpointThreadData,
  type CheckpointThreadMessage,
} from './wal-checkpoint-protocol.js';

/**
 * Commits between two checkpoint requests. A small transaction writes ~3 WAL pages, so 200 commits are
 * ~600–1,000 pages: about SQLite's own automatic checkpoint (1,000 pages). Checkpointing more often copies the
 * same hot pages (the last `work_spec` leaf, the scheduling index) again each time.
 */
export const COMMITS_PER_CHECKPOINT = 200;

/**
 * The main connection's `wal_autocheckpoint` while the thread checkpoints: a backstop that bounds the WAL
 * (~40 MiB of 4 KiB pages) if the thread falls behind, or big transactions (a list of thousands of requests)
 * outgrow the commit count.
 */
export const BACKSTOP_AUTOCHECKPOINT_PAGES = 10_000;

/** SQLite's default `wal_autocheckpoint`, restored if the thread fails. */
const SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES = 1_000;

/** Starts the checkpoint thread; replaceable so that a test can start one that fails. */
export type StartCheckpointThread = (data: CheckpointThreadData) => Worker;

const startCheckpointThread: StartCheckpointThread = (workerData) =>
  startThread(import.meta.url, 'wal-checkpoint-thread', { workerData, execArgv: [] });

/** How long {@link WalCheckpointer.close} waits for the thread to close its connection (it may still be starting). */
const CLOSE_TIMEOUT_MS = 10_000;

/**
 * Runs a file database's WAL checkpoints on a second connection in a worker thread.
 *
 * Why: SQLite checkpoints in the committing connection once the WAL holds 1,000 pages, and a checkpoint
 * fsyncs the WAL and the database file. Where fsync is slow (virtual machines, CI runners) the commit that
 * triggers it waits milliseconds, which measured up to half of a durable job loop's time (bench/README.md).
 * Here, from the first request on, the main connection checkpoints only at the backstop; every
 * {@link COMMITS_PER_CHECKPOINT} commits it asks the thread for a PASSIVE checkpoint, which runs while the
 * main thread goes on. Durability is unchanged: a commit is in the WAL either way, and a checkpoint is the
 * same operation on another connection.
 *
 * The thread starts at the first request, so short-lived databases never start one. If it fails, SQLite's own
 * automatic checkpoint comes back: nothing is lost, commits just wait again.
 */
export class WalCheckpointer {
  readonly #db: BetterSqlite3.Database;
  readonly #filename: string;
  readonly #startThread: StartCheckpointThread;
  #commits = 0;
  #thread: Worker | undefined;
  #state: Int32Array | undefined;
  #failed = false;
  #closed = false;

  /** `db` is the main connection to `filename`, in WAL mode. */
  constructor(
    db: BetterSqlite3.Database,
    filename: string,
    start: StartCheckpointThread = startCheckpointThread,
  ) {
    this.#db = db;
    this.#filename = filename;
    this.#startThread = start;
  }

  /** True while the thread does the checkpoints (started and not failed). */
  get active(): boolean {
    return this.#thread !== undefined && !this.#failed && !this.#closed;
  }

  /** Counts a commit of the main connection; every {@link COMMITS_PER_CHECKPOINT}th asks for a checkpoint. */
  noteCommit(): void {
    if (++this.#commits < COMMITS_PER_CHECKPOINT || this.#failed || this.#closed) return;
    this.#commits = 0;
    const message: CheckpointThreadMessage = 'checkpoint';
    (this.#thread ??= this.#start()).postMessage(message);
  }

  #start(): Worker {
    const state = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
    this.#state = state;
    const thread = this.#startThread({ filename: this.#filename, state });
    // A checkpointer must never keep a process alive: SQLite recovers an un-checkpointed WAL on open.
    thread.unref();
    // An error ends the thread too; either way the thread is gone unless close() ended it.
    thread.on('error', () => this.#fallBack());
    thread.on('exit', () => {
      if (!this.#closed) this.#fallBack();
    });
    this.#db.pragma(`wal_autocheckpoint = ${BACKSTOP_AUTOCHECKPOINT_PAGES}`);
    return thread;
  }

  #fallBack(): void {
    this.#failed = true;
    if (this.#db.open) this.#db.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES}`);
  }

  /**
   * Closes the thread's connection and waits for it (synchronously, at most {@link CLOSE_TIMEOUT_MS}), so the
   * main connection, closed next, is the last one: SQLite then checkpoints everything and removes the WAL
   * file. Call before closing the main connection. Idempotent.
   */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    const thread = this.#thread;
    const state = this.#state;
    if (thread === undefined || state === undefined) return;
    if (!this.#failed) {
      const message: CheckpointThreadMessage = 'close';
      thread.postMessage(message);
      const deadline = performance.now() + CLOSE_TIMEOUT_MS;
      for (;;) {
        const now = Atomics.load(state, 0);
        const left = deadline - performance.now();
        if (now === CheckpointThreadState.CLOSED || left <= 0) break;
        Atomics.wait(state, 0, now, left);
      }
    }
    void thread.terminate();
  }
}
