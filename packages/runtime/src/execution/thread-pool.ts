import type { Worker } from 'node:worker_threads';
import type { WorkSignal } from '@workscript/api';
import { MAX_NODE_DELAY } from '../timer.js';
import type { WorkTask } from './work-executor.js';

/**
 * The thread an attempt ran on died: it exited, or an error escaped the worker (a throw in a timer, say).
 * That is the process death of that attempt, not a failure of its work: on Android the app's process would
 * have crashed, and the work runs again after the restart (spec §12).
 */
export class WorkerThreadDiedError extends Error {
  constructor(cause: Error) {
    super(cause.message, { cause });
    this.name = 'WorkerThreadDiedError';
  }
}

/** One thread of a {@link ThreadPool} with the attempts it is running, keyed by task id. */
export interface PooledThread<T> {
  readonly thread: Worker;
  busy: boolean;
  readonly tasks: Map<number, T>;
}

/** The thread bookkeeping both worker-thread executors share: one attempt per thread, FIFO waiting. */
export interface ThreadPool<S extends PooledThread<{ readonly reject: (error: Error) => void }>> {
  /** A free thread (spawning one while under the pool size), or the next one released; rejects once terminated. */
  acquire(): Promise<S>;
  /** Hands the thread to the next waiting attempt, or marks it idle. */
  release(slot: S): void;
  /** Rejects the thread's attempts with a {@link WorkerThreadDiedError} and drops it from the pool. */
  fail(slot: S, error: Error): void;
  /** Terminates every thread; attempts still waiting for one are rejected, and no thread starts after. */
  terminate(): Promise<void>;
}

/**
 * Creates the pool. `spawn` builds a thread and its slot; it should route the thread's `error` and `exit`
 * to {@link ThreadPool.fail}.
 */
export function createThreadPool<S extends PooledThread<{ readonly reject: (error: Error) => void }>>(
  size: number,
  spawn: () => S,
): ThreadPool<S> {
  const slots: S[] = [];
  const waiting: { resolve: (slot: S) => void; reject: (e: Error) => void }[] = [];
  let terminated = false;
  const acquire = (): Promise<S> => {
    if (terminated) return Promise.reject(new Error('The thread pool is terminated'));
    let idle = slots.find((s) => !s.busy);
    if (idle === undefined && slots.length < size) {
      idle = spawn();
      slots.push(idle);
    }
    if (idle) {
      idle.busy = true;
      // A busy thread keeps the process alive (the run must finish); an idle one must not.
      idle.thread.ref();
      return Promise.resolve(idle);
    }
    return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
  };
  return {
    acquire,
    release(slot) {
      if (terminated) return;
      const next = waiting.shift();
      if (next && slots.includes(slot)) next.resolve(slot);
      else if (next) acquire().then(next.resolve, next.reject);
      else {
        slot.busy = false;
        slot.thread.unref();
      }
    },
    fail(slot, error) {
      const died = error instanceof WorkerThreadDiedError ? error : new WorkerThreadDiedError(error);
      for (const { reject } of slot.tasks.values()) reject(died);
      slot.tasks.clear();
      const index = slots.indexOf(slot);
      if (index >= 0) slots.splice(index, 1);
    },
    async terminate() {
      terminated = true;
      for (const w of waiting.splice(0)) w.reject(new Error('The thread pool is terminated'));
      await Promise.all(slots.map((s) => s.thread.terminate()));
      slots.length = 0;
    },
  };
}

/**
 * Default grace period between a stop (cancel, lost constraint, time limit) and ending a worker-thread attempt
 * that did not return (the thread executor terminates its thread; the QuickJS engine interrupts the guest).
 * A worker that honours `ctx.signal` returns within an event-loop turn or two (aborted fetches reject at once;
 * storage and progress calls take milliseconds), so 5 s is far above any cooperative shutdown, while a
 * spinning thread holds one of only 2–4 pool slots for at most that long. The stop itself is not delayed: as
 * in androidx, the work is ENQUEUED (or CANCELLED) at the stop.
 */
export const DEFAULT_STOP_GRACE_PERIOD_MS = 5_000;

/**
 * `stopGracePeriodMs` once checked: a grace period is one Node timer, and one longer than Node's timers take
 * would fire after 1 ms.
 * @throws RangeError naming the option when it is not a number of ms from 0 to 2,147,483,647.
 */
export function checkStopGracePeriod(ms: number): number {
  if (typeof ms !== 'number' || !(ms >= 0 && ms <= MAX_NODE_DELAY))
    throw new RangeError(
      `stopGracePeriodMs must be a number of milliseconds from 0 to ${MAX_NODE_DELAY} (about 24.8 days), got ${typeof ms === 'string' ? JSON.stringify(ms) : String(ms)}`,
    );
  return ms;
}

/**
 * Forwards an attempt's stop to its thread: `stop` at the task's stop (at once if it is stopped already, so an
 * attempt stopped while waiting for a thread still gets its stop and its grace period), then `graceOver`
 * after `gracePeriodMs` unless the returned function was called first. Call that function when the attempt
 * settles.
 */
export function forwardStop(
  task: Pick<WorkTask, 'signal' | 'onStop'>,
  gracePeriodMs: number,
  handlers: { readonly stop: () => void; readonly graceOver: () => void },
): () => void {
  let grace: NodeJS.Timeout | undefined;
  const onStop = (): void => {
    handlers.stop();
    grace = setTimeout(handlers.graceOver, gracePeriodMs);
  };
  let unsubscribe = (): void => undefined;
  if (task.signal.aborted) onStop();
  else unsubscribe = (task.onStop ?? listenForAbort(task.signal))(onStop);
  return () => {
    clearTimeout(grace);
    unsubscribe();
  };
}

/** A hand-made task's stop subscription: the signal's abort event. */
const listenForAbort =
  (signal: WorkSignal) =>
  (listener: () => void): (() => void) => {
    signal.addEventListener('abort', listener, { once: true });
    return () => signal.removeEventListener('abort', listener);
  };
