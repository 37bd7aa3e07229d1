import { availableParallelism } from 'node:os';

/** WorkManager's default executor size: `max(2, min(CPUs − 1, 4))` (androidx `Configuration` default executor). */
export const defaultPoolSize = (): number => Math.max(2, Math.min(availableParallelism() - 1, 4));

/** At most `size` holders at a time; the others wait in arrival order. */
export interface ConcurrencyLimit {
  /** Resolves with the release function once a slot is free. */
  acquire(): Promise<() => void>;
  /** Holders now. */
  readonly active: number;
  /** Callers waiting for a slot. */
  readonly waiting: number;
}

/**
 * Creates a {@link ConcurrencyLimit}.
 * @throws RangeError when `size` is not a whole number ≥ 1 (`option` names it in the message).
 */
export function createConcurrencyLimit(size: number, option: string): ConcurrencyLimit {
  if (!Number.isInteger(size) || size < 1)
    throw new RangeError(`${option} must be a whole number ≥ 1, got ${String(size)}`);
  let active = 0;
  const queue: (() => void)[] = [];
  const release = (): void => {
    const next = queue.shift();
    // The slot passes straight to the next waiter, so a newcomer can never jump the queue.
    if (next) next();
    else active--;
  };
  const once = (): (() => void) => {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      release();
    };
  };
  return {
    acquire() {
      if (active < size) {
        active++;
        return Promise.resolve(once());
      }
      return new Promise((resolve) => queue.push(() => resolve(once())));
    },
    get active() {
      return active;
    },
    get waiting() {
      return queue.length;
    },
  };
}
