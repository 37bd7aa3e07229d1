import {
  BACKOFF_POLICIES,
  DEFAULT_BACKOFF_DELAY_MILLIS,
  MAX_BACKOFF_MILLIS,
  MIN_BACKOFF_MILLIS,
  type BackoffPolicy,
} from '../backoff-policy.js';
import { InvalidWorkRequestError } from '../errors.js';
import { describeValue } from '../internal/describe-value.js';
import { checkOneOf } from '../internal/enum-check.js';
import { checkDurationMs } from './durations.js';
import type { WarningSink } from './warning.js';
import type { BackoffCriteria } from './work-request-options.js';

/** Backoff as stored with the work. */
export interface ResolvedBackoff {
  /** The policy. */
  readonly policy: BackoffPolicy;
  /** The delay, clamped to [MIN_BACKOFF_MILLIS, MAX_BACKOFF_MILLIS]. */
  readonly delayMs: number;
}

/**
 * `setBackoffCriteria`: validates the policy and clamps the delay into [10 s, 5 h], warning when it clamps
 * (WorkManager logs a warning and clamps; it never throws for the delay).
 */
export function resolveBackoff(
  criteria: BackoffCriteria | undefined,
  field: string,
  warn: WarningSink,
): ResolvedBackoff {
  if (criteria === undefined) return { policy: 'EXPONENTIAL', delayMs: DEFAULT_BACKOFF_DELAY_MILLIS };
  if (typeof criteria !== 'object' || criteria === null) {
    throw new InvalidWorkRequestError(
      field,
      `${describeValue(criteria)} is not valid; use { policy, delayMs }`,
    );
  }
  const policy =
    criteria.policy === undefined
      ? 'EXPONENTIAL'
      : checkOneOf(`${field}.policy`, criteria.policy, BACKOFF_POLICIES);
  const requested =
    criteria.delayMs === undefined
      ? DEFAULT_BACKOFF_DELAY_MILLIS
      : checkDurationMs(`${field}.delayMs`, criteria.delayMs);
  let delayMs = requested;
  if (requested > MAX_BACKOFF_MILLIS) {
    warn(
      `${field}.delayMs: backoff delay ${requested} ms is greater than the maximum; clamped to ${MAX_BACKOFF_MILLIS} ms (5 h)`,
    );
    delayMs = MAX_BACKOFF_MILLIS;
  } else if (requested < MIN_BACKOFF_MILLIS) {
    warn(
      `${field}.delayMs: backoff delay ${requested} ms is less than the minimum; clamped to ${MIN_BACKOFF_MILLIS} ms (10 s)`,
    );
    delayMs = MIN_BACKOFF_MILLIS;
  }
  return { policy, delayMs };
}
