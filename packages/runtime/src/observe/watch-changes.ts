import type { WorkDatabase } from '../store/work-database.js';
import type { CommitListen } from './query-listener.js';

/** Options of {@link watchChanges}. */
export interface WatchChangesOptions<T> {
  /**
   * Subscribes to the commits that can change the value (see `listenForQuery`; `WorkDatabase.onCommitOf`
   * for one work). A thousand watchers of one work each, every one reading its WorkInfo at every commit,
   * cost O(n²). Default: every commit (`WorkDatabase.onCommit`).
   */
  readonly listen?: CommitListen | undefined;
  /**
   * Whether, after computing `value`, the next recomputation is paced rather than run at the next commit.
   * Decided on the value (how many WorkInfos), not on the time it took, so that a garbage collection during
   * a small query cannot make a watcher skip states. Default never.
   */
  readonly paceAfter?: (value: T) => boolean;
  /** Told about every paced recomputation still to come, so that `settle()` can wait for it. */
  readonly track?: (pending: Promise<void>) => void;
  /**
   * Monotonic ms, to measure what a recomputation costs. Not the WorkManager's clock: pacing follows the
   * CPU time a query takes, which a TestClock does not see. Default `performance.now`.
   */
  readonly now?: () => number;
}

/**
 * An async iterator that yields `compute()` now and again after commits whose result differs from the
 * last one yielded (deduplicated like androidx's LiveData/Flow of WorkInfo). Like those, it is conflated:
 * a reader that falls behind gets the latest value, not every one in between, and a watcher nobody is
 * reading costs nothing per commit (it only notes that something changed). Breaking out of the loop (or
 * `return()`) unsubscribes; so does closing the database, which ends the iteration. If `compute` throws,
 * the iteration ends with that error (the commit that woke it is not affected).
 *
 * A waiting reader gets every change, right after its commit, unless `paceAfter` says the last value was
 * big: then `compute` runs again only once as much time has passed since it ended as it took, in a timer.
 * Recomputing a big query at every commit, inside the commit's caller, made a run of n works watched by tag
 * cost O(n²) (1,000 works: 27 s instead of 0.4 s). Room's invalidation tracker paces in the same way, by
 * running one refresh at a time. So a big watcher sees fewer intermediate states, and at most about half of
 * the thread's time goes to it.
 */
export function watchChanges<T>(
  db: WorkDatabase,
  compute: () => T,
  equals: (a: T, b: T) => boolean,
  options: WatchChangesOptions<T> = {},
): AsyncIterableIterator<T> {
  const now = options.now ?? (() => performance.now());
  // Every pending next() waits here, in call order.
  const waiting: { resolve: (r: IteratorResult<T>) => void; reject: (e: unknown) => void }[] = [];
  /** Whether the next recomputation is paced (see `paceAfter`). */
  let pacing = false;
  /** When the last computation ended plus what it took: the earliest start of a paced one. */
  let readyAt = 0;
  const measured = (): T => {
    const start = now();
    const value = compute();
    const end = now();
    readyAt = 2 * end - start;
    pacing = options.paceAfter?.(value) ?? false;
    return value;
  };
  let last = measured();
  let firstPending = true;
  let changed = false;
  let done = false;
  let failure: { error: unknown } | undefined;
  let paced: { timer: NodeJS.Timeout; release: () => void } | undefined;
  const end = (): void => {
    done = true;
    offCommit();
    offClose();
    if (paced) {
      clearTimeout(paced.timer);
      paced.release();
      paced = undefined;
    }
    for (const w of waiting.splice(0)) {
      if (failure) w.reject(failure.error);
      else w.resolve({ value: undefined, done: true });
    }
  };
  /** The current value when it differs from the last one yielded, else undefined (in a box: T may be null). */
  const fresh = (): { value: T } | undefined => {
    let next: T;
    try {
      next = measured();
    } catch (error) {
      failure = { error };
      end();
      return undefined;
    }
    if (equals(last, next)) return undefined;
    last = next;
    return { value: next };
  };
  /** Gives the first waiting reader the current value if it changed (else it keeps waiting). */
  const deliver = (): void => {
    changed = false;
    const next = fresh();
    if (next) waiting.shift()?.resolve({ value: next.value, done: false });
  };
  /** Delivers later, once the last computation's own cost has passed again. */
  const pace = (): void => {
    if (paced) return;
    let release = (): void => undefined;
    options.track?.(new Promise<void>((resolve) => (release = resolve)));
    const timer = setTimeout(
      () => {
        paced = undefined;
        release();
        if (!done && changed && waiting.length > 0) deliver();
      },
      Math.max(0, readyAt - now()),
    );
    // Not unref()'d, unlike the runtime's own timers: a reader awaits this update, due within milliseconds,
    // and a script whose last step is that await would otherwise exit without it.
    paced = { timer, release };
  };
  const onCommit = (): void => {
    if (done) return;
    changed = true;
    if (waiting.length === 0) return;
    if (pacing) pace();
    else deliver();
  };
  const offCommit = (options.listen ?? ((wake) => db.onCommit(wake)))(onCommit);
  const offClose = db.onClose(end);
  return {
    next(): Promise<IteratorResult<T>> {
      if (failure) {
        const { error } = failure;
        failure = undefined;
        return Promise.reject(error);
      }
      if (done) return Promise.resolve({ value: undefined, done: true });
      if (firstPending) {
        firstPending = false;
        return Promise.resolve({ value: last, done: false });
      }
      if (changed && !pacing) {
        changed = false;
        const next = fresh();
        if (next) return Promise.resolve({ value: next.value, done: false });
        if (failure) return this.next();
      }
      const result = new Promise<IteratorResult<T>>((resolve, reject) => waiting.push({ resolve, reject }));
      if (changed) pace();
      return result;
    },
    return(): Promise<IteratorResult<T>> {
      failure = undefined;
      end();
      return Promise.resolve({ value: undefined, done: true });
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
