import type { TimerGlobals, TimerId } from './guest-globals.js';
import type { CallHost } from './host-channel.js';

/** Which run a timer belongs to: a run id, or null when the guest cannot tell (see bridge-protocol.md). */
export type CurrentRunId = () => string | null;

/**
 * Defines `setTimeout`, `clearTimeout`, `setInterval` and `clearInterval` on `target` over the host's
 * `timer.sleep` (QuickJS has no timers of its own). The host cannot cancel a sleep, so clearing a timer only
 * stops its callback from running. Delays are whole milliseconds ≥ 0, as in browsers (NaN → 0). A callback
 * that throws does not stop an interval; its error goes to `onCallbackError`.
 */
export function installTimers(
  target: TimerGlobals,
  callHost: CallHost,
  currentRunId: CurrentRunId,
  onCallbackError: (runId: string | null, error: unknown) => void,
): void {
  let nextId = 1;
  const live = new Set<TimerId>();

  const schedule = (repeat: boolean, callback: unknown, ms: unknown, args: unknown[]): TimerId => {
    if (typeof callback !== 'function') {
      throw new TypeError(
        `${repeat ? 'setInterval' : 'setTimeout'} needs a function; strings are not evaluated`,
      );
    }
    const id = nextId++;
    const delay = toDelay(ms);
    const runId = currentRunId();
    live.add(id);
    const tick = (): void => {
      callHost('timer.sleep', { runId, ms: delay }).then(
        () => {
          if (!live.has(id)) return;
          if (!repeat) live.delete(id);
          try {
            (callback as (...a: unknown[]) => void)(...args);
          } catch (e) {
            onCallbackError(runId, e);
          }
          if (repeat && live.has(id)) tick();
        },
        // The host refuses sleeps of a run it stopped; the timer just never fires.
        () => live.delete(id),
      );
    };
    tick();
    return id;
  };
  const clear = (id: unknown): void => {
    live.delete(id as TimerId);
  };

  target.setTimeout = (callback, ms, ...args) => schedule(false, callback, ms, args);
  target.setInterval = (callback, ms, ...args) => schedule(true, callback, ms, args);
  target.clearTimeout = clear;
  target.clearInterval = clear;
}

function toDelay(ms: unknown): number {
  const n = Math.floor(Number(ms));
  return Number.isFinite(n) && n > 0 ? Math.min(n, 2_147_483_647) : 0;
}
