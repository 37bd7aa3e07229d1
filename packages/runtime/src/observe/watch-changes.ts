import type { WorkDatabase } from '../store/work-database.js';

/**
 * An async iterator that yields `compute()` now and again after every commit whose result differs from
 * the last one yielded (deduplicated like androidx's LiveData/Flow of WorkInfo). Breaking out of the loop
 * (or `return()`) unsubscribes; so does closing the database, which ends the iteration. If `compute`
 * throws, the iteration ends with that error (the commit that woke it is not affected).
 */
export function watchChanges<T>(
  db: WorkDatabase,
  compute: () => T,
  equals: (a: T, b: T) => boolean,
): AsyncIterableIterator<T> {
  const queue: T[] = [];
  // Every pending next() waits here, in call order.
  const waiting: { resolve: (r: IteratorResult<T>) => void; reject: (e: unknown) => void }[] = [];
  let last = compute();
  let done = false;
  let failure: { error: unknown } | undefined;
  queue.push(last);
  const end = (): void => {
    done = true;
    queue.length = 0;
    offCommit();
    offClose();
    for (const w of waiting.splice(0)) {
      if (failure) w.reject(failure.error);
      else w.resolve({ value: undefined, done: true });
    }
  };
  const push = (): void => {
    if (done) return;
    let next: T;
    try {
      next = compute();
    } catch (error) {
      failure = { error };
      end();
      return;
    }
    if (equals(last, next)) return;
    last = next;
    const w = waiting.shift();
    if (w) w.resolve({ value: next, done: false });
    else queue.push(next);
  };
  const offCommit = db.onCommit(push);
  const offClose = db.onClose(end);
  return {
    next(): Promise<IteratorResult<T>> {
      if (queue.length > 0) return Promise.resolve({ value: queue.shift() as T, done: false });
      if (failure) {
        const { error } = failure;
        failure = undefined;
        return Promise.reject(error);
      }
      if (done) return Promise.resolve({ value: undefined, done: true });
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
