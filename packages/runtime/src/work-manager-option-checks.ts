import { showValue } from './internal/show-value.js';

/** `Configuration.MIN_SCHEDULER_LIMIT`: the fewest slots androidx lets an app give limited-slot schedulers. */
export const MIN_SCHEDULER_LIMIT = 20;
/** `Configuration.MAX_SCHEDULER_LIMIT`: larger values are stored as this. */
export const MAX_SCHEDULER_LIMIT = 50;

/**
 * The `maxSchedulerLimit` WorkManager uses for `n`: androidx `Configuration.Builder.setMaxSchedulerLimit`
 * refuses fewer than 20 slots and stores at most 50.
 * @throws RangeError naming the option when `n` is not a whole number ≥ 20.
 */
export function effectiveMaxSchedulerLimit(n: number): number {
  if (!Number.isInteger(n) || n < MIN_SCHEDULER_LIMIT)
    throw new RangeError(
      `maxSchedulerLimit must be a whole number ≥ ${MIN_SCHEDULER_LIMIT} (WorkManager needs to be able to schedule at least ${MIN_SCHEDULER_LIMIT} jobs; values above ${MAX_SCHEDULER_LIMIT} count as ${MAX_SCHEDULER_LIMIT}), got ${showValue(n)}`,
    );
  return Math.min(n, MAX_SCHEDULER_LIMIT);
}

/**
 * Checks the per-run execution limit. `Infinity` means no limit; NaN, 0 or a negative value would stop
 * every run as soon as it starts, so they are refused rather than taken literally.
 * @throws RangeError naming the option when `ms` is not a number of milliseconds > 0.
 */
export function checkExecutionTimeLimit(ms: number): number {
  if (typeof ms !== 'number' || !(ms > 0))
    throw new RangeError(
      `executionTimeLimitMs must be a number of milliseconds > 0 (Infinity for no limit), got ${showValue(ms)}`,
    );
  return ms;
}

/** `Configuration.contentUriTriggerWorkersLimit` default. */
export const DEFAULT_CONTENT_URI_TRIGGER_WORKERS_LIMIT = 8;

/**
 * The `contentUriTriggerWorkersLimit` WorkManager uses for `n`: androidx
 * `Configuration.Builder.setContentUriTriggerWorkersLimit` stores `max(n, 0)`.
 * @throws RangeError naming the option when `n` is not a whole number.
 */
export function effectiveContentUriTriggerWorkersLimit(n: number): number {
  if (!Number.isInteger(n))
    throw new RangeError(
      `contentUriTriggerWorkersLimit must be a whole number (how many unfinished workers with content-URI triggers may be enqueued at once; negative counts as 0), got ${showValue(n)}`,
    );
  return Math.max(n, 0);
}
