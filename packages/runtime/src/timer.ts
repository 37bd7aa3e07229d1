/** An opaque handle returned by {@link Timer.setTimeout}. */
export type TimerHandle = object;

/**
 * Delayed callbacks (androidx `RunnableScheduler`). The delay tracker and the time limiter use it, so a
 * test clock can fire them deterministically.
 */
export interface Timer {
  /** Calls `callback` after `delayMs` (≥ 0). */
  setTimeout(callback: () => void, delayMs: number): TimerHandle;
  /** Cancels a pending callback; unknown or fired handles are ignored. */
  clearTimeout(handle: TimerHandle): void;
}

/** Node caps one `setTimeout` at 2^31−1 ms (~24.8 days); longer delays are chained. */
export const MAX_NODE_DELAY = 2_147_483_647;

/**
 * The default {@link Timer} on Node's timers. Timers are `unref()`ed: a WorkManager waiting for a
 * far-away run must not keep a script alive (work that is already running keeps its own handles).
 */
export function createSystemTimer(): Timer {
  const live = new Map<TimerHandle, NodeJS.Timeout>();
  const arm = (handle: TimerHandle, callback: () => void, remaining: number): void => {
    const step = Math.min(Math.max(remaining, 0), MAX_NODE_DELAY);
    const t = setTimeout(() => {
      if (remaining > MAX_NODE_DELAY) {
        arm(handle, callback, remaining - MAX_NODE_DELAY);
      } else {
        live.delete(handle);
        callback();
      }
    }, step);
    t.unref();
    live.set(handle, t);
  };
  return {
    setTimeout(callback, delayMs) {
      const handle = {};
      arm(handle, callback, delayMs);
      return handle;
    },
    clearTimeout(handle) {
      const t = live.get(handle);
      if (t !== undefined) clearTimeout(t);
      live.delete(handle);
    },
  };
}
