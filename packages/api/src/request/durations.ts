import { InvalidWorkRequestError } from '../errors.js';
import { describeValue } from '../internal/describe-value.js';

/**
 * Checks a duration in milliseconds: a non-negative safe integer.
 *
 * Deliberate difference: WorkManager stores negative durations as given; they have no meaning, so they are
 * rejected here with a message instead of silently scheduling in the past.
 */
export function checkDurationMs(field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new InvalidWorkRequestError(
      field,
      `${describeValue(value)} is not a valid duration; use a whole number of milliseconds from 0 to ${Number.MAX_SAFE_INTEGER}`,
    );
  }
  return value;
}

/**
 * `setInitialDelay`: WorkManager throws "The given initial delay is too large and will cause an overflow!"
 * when `Long.MAX_VALUE − now ≤ delay`. Times here are JavaScript numbers, so the bound is the largest safe
 * integer: `now + delay` must stay exact. Every delay WorkManager rejects (Long.MAX, Long.MAX − now) is
 * therefore rejected too.
 */
export function checkInitialDelayMs(field: string, value: unknown, now: number): number {
  const delay = checkDurationMs(field, value);
  if (delay > Number.MAX_SAFE_INTEGER - now) {
    throw new InvalidWorkRequestError(
      field,
      `${delay} ms is too large and would overflow the schedule time; use at most ${Number.MAX_SAFE_INTEGER - now} ms`,
    );
  }
  return delay;
}
