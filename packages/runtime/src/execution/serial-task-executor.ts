/**
 * WorkManager's serial task executor: bookkeeping tasks run one at a time in submission order, so an
 * enqueue, a cancel and a worker's result never interleave. A failing task rejects its own promise only.
 */
export interface SerialTaskExecutor {
  /** Queues `task`; resolves with its result once it ran (and, with group commit, once its writes committed). */
  execute<T>(task: () => T | Promise<T>): Promise<T>;
  /** True while a task is queued or running, or waits for its group's commit. */
  readonly busy: boolean;
}

/**
 * Where a group of tasks commits (implemented by `WorkDatabase`): between `beginGroup` and `endGroup`,
 * every write joins one transaction and `afterCommit` callbacks wait for its commit.
 */
export interface TaskGroupStore {
  beginGroup(): void;
  endGroup(): void;
  afterCommit(fn: (committed: boolean) => void): void;
  /** Why the group did not commit, when an `afterCommit` callback is told `false`. */
  readonly groupError: unknown;
}

/** Options of {@link createSerialTaskExecutor}. */
export interface SerialTaskExecutorOptions {
  /** Group commit: tasks already queued when a group starts share one transaction. Default none. */
  readonly store?: TaskGroupStore;
  /** Most tasks in one group (one commit). Default {@link DEFAULT_MAX_GROUP_TASKS}. */
  readonly maxGroupTasks?: number;
}

/**
 * Most tasks one group runs before it commits: bounds how many workers' results a crash can lose (each
 * such worker just runs again, as after a crash during its attempt) and how long settled promises wait.
 */
export const DEFAULT_MAX_GROUP_TASKS = 64;

interface Job {
  readonly task: () => unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

const isThenable = (v: unknown): v is PromiseLike<unknown> =>
  typeof v === 'object' && v !== null && typeof (v as { then?: unknown }).then === 'function';

/**
 * Creates a {@link SerialTaskExecutor}. With a `store`, the tasks that are queued when the executor gets
 * to run (never waiting for more) run back to back in one group: one `COMMIT` for all of their
 * transactions instead of one each. Observers cannot tell: every task's promise, and every event and
 * worker start its writes cause, is released only after that commit, in submission order; a task that
 * throws rolls back only its own failed transaction and rejects only its own promise. A task returning a
 * promise ends the group before the executor waits for it, so no transaction spans an await.
 */
export function createSerialTaskExecutor(options: SerialTaskExecutorOptions = {}): SerialTaskExecutor {
  const { store } = options;
  const maxGroupTasks = options.maxGroupTasks ?? DEFAULT_MAX_GROUP_TASKS;
  if (!Number.isInteger(maxGroupTasks) || maxGroupTasks < 1)
    throw new RangeError(`maxGroupTasks must be a whole number ≥ 1, got ${maxGroupTasks}`);
  const queue: Job[] = [];
  let pending = 0;
  let scheduled = false;

  const settle = (job: Job, ok: boolean, value: unknown): void => {
    pending--;
    if (ok) job.resolve(value);
    else job.reject(value);
  };
  // A result is released once the group's commit is in: a task that succeeded but whose group did not
  // commit rejects with the reason (its writes are gone).
  const release = (job: Job, ok: boolean, value: unknown): void => {
    if (!store) return settle(job, ok, value);
    store.afterCommit((committed) =>
      committed ? settle(job, ok, value) : settle(job, false, ok ? groupLost(store.groupError) : value),
    );
  };

  const schedule = (): void => {
    if (scheduled || queue.length === 0) return;
    scheduled = true;
    queueMicrotask(runGroup);
  };

  function runGroup(): void {
    store?.beginGroup();
    let awaited: PromiseLike<unknown> | undefined;
    let job: Job | undefined;
    try {
      for (let ran = 0; ran < maxGroupTasks && awaited === undefined; ran++) {
        job = queue.shift();
        if (job === undefined) break;
        let value: unknown;
        try {
          value = job.task();
        } catch (e) {
          release(job, false, e);
          continue;
        }
        if (isThenable(value)) awaited = value;
        else release(job, true, value);
      }
    } finally {
      store?.endGroup();
    }
    if (awaited === undefined || job === undefined) {
      scheduled = false;
      schedule();
      return;
    }
    // An asynchronous task: what it did synchronously committed with the group; the next group starts
    // once it settled, as the serial order requires.
    const asyncJob = job;
    awaited.then(
      (v) => finishAsync(asyncJob, true, v),
      (e: unknown) => finishAsync(asyncJob, false, e),
    );
  }

  function finishAsync(job: Job, ok: boolean, value: unknown): void {
    settle(job, ok, value);
    scheduled = false;
    schedule();
  }

  return {
    execute<T>(task: () => T | Promise<T>): Promise<T> {
      pending++;
      const run = new Promise<T>((resolve, reject) =>
        queue.push({ task, resolve: resolve as (v: unknown) => void, reject }),
      );
      schedule();
      return run;
    },
    get busy() {
      return pending > 0;
    },
  };
}

function groupLost(cause: unknown): Error {
  return new Error(
    `The transaction this task's writes were grouped into did not commit: ${(cause as Error | undefined)?.message ?? String(cause)}`,
    { cause },
  );
}
