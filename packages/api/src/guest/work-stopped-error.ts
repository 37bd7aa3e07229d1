import { type StopReason, stopReasonName } from '../stop-reason.js';

/** Thrown by `ctx.signal.throwIfAborted()` once the run was stopped; named like the DOM's abort error. */
export class WorkStoppedError extends Error {
  /** Why the run was stopped. */
  readonly reason: StopReason;

  constructor(reason: StopReason) {
    super(
      `The work was stopped (${stopReasonName(reason) ?? 'stop reason'} ${reason}); return promptly, the result is ignored`,
    );
    this.name = 'AbortError';
    this.reason = reason;
  }
}
