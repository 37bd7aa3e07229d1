import type { WorkDatabase } from '../store/work-database.js';

/**
 * An async iterator that yields `compute()` now and again after commits whose result differs from the
 * last one yielded (deduplicated like androidx's LiveData/Flow of WorkInfo). Like those, it is conflated:
 * a reader that falls behind gets the latest value, not every one in between, and a watcher nobody is
 * reading costs nothing per commit (it only notes that something changed). Breaking out of the loop (or
 * `return()`) unsubscribes; so does closing the database, which ends the iteration. If `compute` throws,
 * the iteration ends with that error (the commit that woke it is not affected).
 */
export function watchChanges<T>(
  db: WorkDatabase,
  compute: () => T,
  equals: (a: T, b: T) => boolean,
): AsyncIterableIterator<T> {
  // Every pending next() waits here, in call order.
  const waiting: { resolve: (r: IteratorResult<T>) => void; reject: (e: unknown) => void }[] = [];
  let last = compute();
  let firstPending = true;
  let changed = false;
  let done = false;
  let failure: { error: unknown } | undefined;
  const end = (): void => {
    done = true;
    offCommit();
    offClose();
    for (const w of waiting.splice(0)) {
      if (failure) w.reject(failure.error);
      else w.resolve({ value: undefined, done: true });
    }
  };
  /** The current value when it differs from the last one yielded, else undefined (in a box: T may be null). */
  const fresh = (): { value: T } | undefined => {
    let next: T;
    try {
      next = compute();
    } catch (error) {
      failure = { error };
      end();
      return undefined;
    }
    if (equals(last, next)) return undefined;
    last = next;
    return { value: next };
  };
  const onCommit = (): void => {
    if (done) return;
    if (waiting.length === 0) {
      changed = true;
      return;
    }
    const next = fresh();
    if (next) waiting.shift()?.resolve({ value: next.value, done: false });
  };
  const offCommit = db.onCommit(onCommit);
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
      if (changed) {
        changed = false;
        const next = fresh();
        if (next) return Promise.resolve({ value: next.value, done: false });
        if (failure) return this.next();
      }
      return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
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
