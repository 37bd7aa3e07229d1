/**
 * WorkManager's serial task executor: bookkeeping tasks run one at a time in submission order, so an
 * enqueue, a cancel and a worker's result never interleave. A failing task rejects its own promise only.
 */
export interface SerialTaskExecutor {
  /** Queues `task`; resolves with its result once it ran. */
  execute<T>(task: () => T | Promise<T>): Promise<T>;
  /** True while a task is queued or running. */
  readonly busy: boolean;
}

/** Creates a {@link SerialTaskExecutor}. */
export function createSerialTaskExecutor(): SerialTaskExecutor {
  let tail: Promise<unknown> = Promise.resolve();
  let pending = 0;
  return {
    execute<T>(task: () => T | Promise<T>): Promise<T> {
      pending++;
      const run = tail.then(task);
      tail = run.then(
        () => void pending--,
        () => void pending--,
      );
      return run;
    },
    get busy() {
      return pending > 0;
    },
  };
}
