/** How the delay between retries grows, with androidx.work `BackoffPolicy`'s names. */
export const BackoffPolicy = {
  /** delay × 2^(attempt−1) (default). */
  EXPONENTIAL: 'EXPONENTIAL',
  /** delay × attempt. */
  LINEAR: 'LINEAR',
} as const;

/** One of {@link BackoffPolicy}'s values. */
export type BackoffPolicy = (typeof BackoffPolicy)[keyof typeof BackoffPolicy];

/** Every {@link BackoffPolicy}, in WorkManager's database order (ids 0–1). */
export const BACKOFF_POLICIES: readonly BackoffPolicy[] = Object.freeze(Object.values(BackoffPolicy));

/** `WorkRequest.DEFAULT_BACKOFF_DELAY_MILLIS`: 30 s. */
export const DEFAULT_BACKOFF_DELAY_MILLIS = 30_000;
/** `WorkRequest.MIN_BACKOFF_MILLIS`: 10 s; smaller delays are raised to it with a warning. */
export const MIN_BACKOFF_MILLIS = 10_000;
/** `WorkRequest.MAX_BACKOFF_MILLIS`: 5 h; larger delays are lowered to it with a warning. */
export const MAX_BACKOFF_MILLIS = 18_000_000;
