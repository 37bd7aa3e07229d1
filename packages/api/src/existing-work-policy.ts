/** What `enqueueUniqueWork` does when work with the same unique name exists (androidx.work names). */
export const ExistingWorkPolicy = {
  /** Cancel and delete the existing work, then enqueue the new work. */
  REPLACE: 'REPLACE',
  /** Keep the existing work if any of it is ENQUEUED or RUNNING; otherwise behave like REPLACE. */
  KEEP: 'KEEP',
  /** Make the new work depend on the existing chain's leaves; it fails/cancels if they did. */
  APPEND: 'APPEND',
  /** Like APPEND, but start a fresh chain when a leaf FAILED or was CANCELLED. */
  APPEND_OR_REPLACE: 'APPEND_OR_REPLACE',
} as const;

/** One of {@link ExistingWorkPolicy}'s values. */
export type ExistingWorkPolicy = (typeof ExistingWorkPolicy)[keyof typeof ExistingWorkPolicy];

/** Every {@link ExistingWorkPolicy}. */
export const EXISTING_WORK_POLICIES: readonly ExistingWorkPolicy[] = Object.freeze(
  Object.values(ExistingWorkPolicy),
);
