import type { StopReason } from '../stop-reason.js';
import type { WorkSignal } from '../worker/worker-context.js';
import { WorkStoppedError } from './work-stopped-error.js';

/** A {@link WorkSignal} and the function that aborts it. */
export interface WorkSignalController {
  /** The signal handed to the worker as `ctx.signal`. */
  readonly signal: WorkSignal;
  /** Aborts the signal with `reason` and calls the listeners in registration order. Later calls do nothing. */
  abort(reason: StopReason): void;
}

interface Registration {
  readonly listener: () => void;
  readonly once: boolean;
}

/**
 * Creates an `AbortSignal`-like {@link WorkSignal} (QuickJS has no `AbortController`). A listener that throws
 * does not stop the others; its error goes to `onListenerError`.
 */
export function createWorkSignal(onListenerError: (error: unknown) => void): WorkSignalController {
  let reason: StopReason | undefined;
  let registrations: Registration[] = [];
  const signal: WorkSignal = Object.freeze({
    get aborted() {
      return reason !== undefined;
    },
    get reason() {
      return reason;
    },
    throwIfAborted() {
      if (reason !== undefined) throw new WorkStoppedError(reason);
    },
    addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }) {
      if (type !== 'abort' || typeof listener !== 'function') return;
      if (registrations.some((r) => r.listener === listener)) return;
      registrations.push({ listener, once: options?.once === true });
    },
    removeEventListener(type: 'abort', listener: () => void) {
      if (type !== 'abort') return;
      registrations = registrations.filter((r) => r.listener !== listener);
    },
  });
  return {
    signal,
    abort(stopReason) {
      if (reason !== undefined) return;
      reason = stopReason;
      const current = registrations;
      registrations = current.filter((r) => !r.once);
      for (const { listener } of current) {
        try {
          listener.call(signal);
        } catch (e) {
          onListenerError(e);
        }
      }
    },
  };
}
