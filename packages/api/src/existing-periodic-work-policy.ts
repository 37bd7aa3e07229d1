/** What `enqueueUniquePeriodicWork` does when periodic work with the same name exists (androidx.work names). */
export const ExistingPeriodicWorkPolicy = {
  /**
   * Deprecated in WorkManager in favour of UPDATE or CANCEL_AND_REENQUEUE; behaves as CANCEL_AND_REENQUEUE.
   * @deprecated Use `UPDATE` or `CANCEL_AND_REENQUEUE`.
   */
  REPLACE: 'REPLACE',
  /** Keep the existing periodic work if it is ENQUEUED or RUNNING. */
  KEEP: 'KEEP',
  /**
   * Update the existing work in place (same id, period progress and run attempt count kept), as `updateWork`:
   * at once, or from the next run when an attempt is running.
   */
  UPDATE: 'UPDATE',
  /** Cancel the existing work (stop reason 1), delete it and enqueue the new request. */
  CANCEL_AND_REENQUEUE: 'CANCEL_AND_REENQUEUE',
} as const;

/** One of {@link ExistingPeriodicWorkPolicy}'s values. */
export type ExistingPeriodicWorkPolicy =
  (typeof ExistingPeriodicWorkPolicy)[keyof typeof ExistingPeriodicWorkPolicy];

/** Every {@link ExistingPeriodicWorkPolicy}. */
export const EXISTING_PERIODIC_WORK_POLICIES: readonly ExistingPeriodicWorkPolicy[] = Object.freeze(
  Object.values(ExistingPeriodicWorkPolicy),
);
