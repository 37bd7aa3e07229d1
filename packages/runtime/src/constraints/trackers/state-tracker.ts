/**
 * A settable source of one piece of device state (androidx `ConstraintTracker`, which on Android listens
 * to broadcasts). Listeners hear every change of value, never a repeat of the same value.
 */
export interface StateTracker<T> {
  /** Current value. */
  readonly value: T;
  /** Sets the value; listeners run only if it changed. */
  set(value: T): void;
  /** Subscribes; returns the unsubscribe function. */
  onChange(listener: (value: T) => void): () => void;
}

/**
 * Creates a {@link StateTracker} starting at `initial`. `check` refuses values the state cannot take (it
 * throws); a wrong value would otherwise be taken silently and judge constraints wrongly.
 */
export function createStateTracker<T>(
  initial: T,
  check: (value: unknown) => void = () => undefined,
): StateTracker<T> {
  check(initial);
  let value = initial;
  const listeners = new Set<(value: T) => void>();
  return {
    get value() {
      return value;
    },
    set(next) {
      check(next);
      if (Object.is(next, value)) return;
      value = next;
      for (const l of [...listeners]) l(next);
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
