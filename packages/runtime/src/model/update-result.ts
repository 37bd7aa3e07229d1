/** `WorkManager.UpdateResult`: what `updateWork` did (androidx.work names). */
export const UpdateResult = {
  /** Not applied: the work is already finished. */
  NOT_APPLIED: 'NOT_APPLIED',
  /** Applied at once: no attempt was running. */
  APPLIED_IMMEDIATELY: 'APPLIED_IMMEDIATELY',
  /** An attempt is running and keeps the old spec; the update applies from the next run. */
  APPLIED_FOR_NEXT_RUN: 'APPLIED_FOR_NEXT_RUN',
} as const;

/** One of {@link UpdateResult}'s values. */
export type UpdateResult = (typeof UpdateResult)[keyof typeof UpdateResult];
