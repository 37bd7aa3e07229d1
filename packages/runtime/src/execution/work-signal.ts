import type { StopReason, WorkSignal } from '@workscript/api';

/** Thrown by `signal.throwIfAborted()` inside a stopped worker. */
export class WorkStoppedError extends Error {
  /** Why the run was stopped. */
  readonly reason: StopReason;
  constructor(reason: StopReason) {
    super(`Work was stopped (stop reason ${reason})`);
    this.name = 'WorkStoppedError';
    this.reason = reason;
  }
}

/** A {@link WorkSignal} plus the `stop` that aborts it; the first stop wins (androidx `ListenableWorker.stop`). */
export interface WorkSignalController {
  /** The signal handed to the worker. */
  readonly signal: WorkSignal;
  /** Aborts with `reason`; later calls are ignored. Returns true for the first call. */
  stop(reason: StopReason): boolean;
  /** The platform AbortSignal behind {@link WorkSignalController.signal}, for host APIs like `fetch`. */
  readonly nativeSignal: AbortSignal;
  /**
   * Calls `listener` once, at the first stop; returns the function that unsubscribes it. Unlike the signal's
   * `addEventListener`, this creates no AbortController: the executors subscribe to every attempt.
   */
  onStop(listener: () => void): () => void;
}

/**
 * Creates a {@link WorkSignalController} over a real AbortController (so `fetch(url, { signal })` works).
 * The AbortController is created on first use (a listener, `nativeSignal`): most attempts never stop, and
 * creating one costs more than the rest of the signal (measured in bench/runtime).
 */
export function createWorkSignal(): WorkSignalController {
  let controller: AbortController | undefined;
  let reason: StopReason | undefined;
  let stopListeners: (() => void)[] = [];
  const native = (): AbortSignal => {
    if (controller === undefined) {
      controller = new AbortController();
      if (reason !== undefined) controller.abort(new WorkStoppedError(reason));
    }
    return controller.signal;
  };
  const signal: WorkSignal = {
    get aborted() {
      return reason !== undefined;
    },
    get reason() {
      return reason;
    },
    throwIfAborted() {
      if (reason !== undefined) throw new WorkStoppedError(reason);
    },
    addEventListener: (type, listener, options) => native().addEventListener(type, listener, options),
    removeEventListener: (type, listener) => controller?.signal.removeEventListener(type, listener),
  };
  return {
    signal,
    get nativeSignal() {
      return native();
    },
    stop(r) {
      if (reason !== undefined) return false;
      reason = r;
      controller?.abort(new WorkStoppedError(r));
      const listeners = stopListeners;
      stopListeners = [];
      for (const listener of listeners) listener();
      return true;
    },
    onStop(listener) {
      stopListeners.push(listener);
      return () => {
        stopListeners = stopListeners.filter((l) => l !== listener);
      };
    },
  };
}
