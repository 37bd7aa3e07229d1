/** What happens to expedited work when the app is out of expedited quota (androidx.work `OutOfQuotaPolicy`). */
export const OutOfQuotaPolicy = {
  /** Run it as ordinary (non-expedited) work instead (default). */
  RUN_AS_NON_EXPEDITED_WORK_REQUEST: 'RUN_AS_NON_EXPEDITED_WORK_REQUEST',
  /** Drop the request. */
  DROP_WORK_REQUEST: 'DROP_WORK_REQUEST',
} as const;

/** One of {@link OutOfQuotaPolicy}'s values. */
export type OutOfQuotaPolicy = (typeof OutOfQuotaPolicy)[keyof typeof OutOfQuotaPolicy];

/** Every {@link OutOfQuotaPolicy}, in WorkManager's database order (ids 0–1). */
export const OUT_OF_QUOTA_POLICIES: readonly OutOfQuotaPolicy[] = Object.freeze(
  Object.values(OutOfQuotaPolicy),
);
