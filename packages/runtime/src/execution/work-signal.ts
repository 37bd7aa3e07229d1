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
}

/** Creates a {@link WorkSignalController} over a real AbortController (so `fetch(url, { signal })` works). */
export function createWorkSignal(): WorkSignalController {
  const controller = new AbortController();
  let reason: StopReason | undefined;
  const native = controller.signal;
  const signal: WorkSignal = {
    get aborted() {
      return native.aborted;
    },
    get reason() {
      return reason;
    },
    throwIfAborted() {
      if (reason !== undefined) throw new WorkStoppedError(reason);
    },
    addEventListener: (type, listener, options) => native.addEventListener(type, listener, options),
    removeEventListener: (type, listener) => native.removeEventListener(type, listener),
  };
  return {
    signal,
    nativeSignal: native,
    stop(r) {
      if (reason !== undefined) return false;
      reason = r;
      controller.abort(new WorkStoppedError(r));
      return true;
    },
  };
}
