import type { WorkDatabase } from '../store/work-database.js';

/**
 * An async iterator that yields `compute()` now and again after every commit whose result differs from
 * the last one yielded (deduplicated like androidx's LiveData/Flow of WorkInfo). Breaking out of the loop
 * (or `return()`) unsubscribes.
 */
export function watchChanges<T>(
  db: WorkDatabase,
  compute: () => T,
  equals: (a: T, b: T) => boolean,
): AsyncIterableIterator<T> {
  const queue: T[] = [];
  let waiting: ((r: IteratorResult<T>) => void) | undefined;
  let last = compute();
  let done = false;
  queue.push(last);
  const push = (): void => {
    if (done || !db.isOpen) return;
    const next = compute();
    if (equals(last, next)) return;
    last = next;
    if (waiting) {
      const w = waiting;
      waiting = undefined;
      w({ value: next, done: false });
    } else {
      queue.push(next);
    }
  };
  const off = db.onCommit(push);
  const finish = (): Promise<IteratorResult<T>> => {
    done = true;
    off();
    waiting?.({ value: undefined, done: true });
    waiting = undefined;
    return Promise.resolve({ value: undefined, done: true });
  };
  return {
    next(): Promise<IteratorResult<T>> {
      if (queue.length > 0) return Promise.resolve({ value: queue.shift() as T, done: false });
      if (done) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve) => (waiting = resolve));
    },
    return: finish,
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
