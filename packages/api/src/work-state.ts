/** The lifecycle state of a unit of work (androidx.work `WorkInfo.State`). */
export const WorkState = {
  /** Waiting for its timing and constraints. */
  ENQUEUED: 'ENQUEUED',
  /** Executing now. */
  RUNNING: 'RUNNING',
  /** Finished with success (one-time work only). */
  SUCCEEDED: 'SUCCEEDED',
  /** Finished with failure (one-time work only); its dependents fail too. */
  FAILED: 'FAILED',
  /** Waiting for prerequisites to succeed. */
  BLOCKED: 'BLOCKED',
  /** Cancelled; its unfinished dependents are cancelled too. */
  CANCELLED: 'CANCELLED',
} as const;

/** One of {@link WorkState}'s values. */
export type WorkState = (typeof WorkState)[keyof typeof WorkState];

/** Every {@link WorkState}, in WorkManager's database order (ids 0–5). */
export const WORK_STATES: readonly WorkState[] = Object.freeze(Object.values(WorkState));

/** `WorkInfo.State.isFinished`: true for SUCCEEDED, FAILED and CANCELLED. */
export function isFinished(state: WorkState): boolean {
  return state === 'SUCCEEDED' || state === 'FAILED' || state === 'CANCELLED';
}
