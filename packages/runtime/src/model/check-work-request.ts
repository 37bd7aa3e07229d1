import {
  checkBackoffOnIdle,
  checkExpeditedCombinations,
  InvalidWorkRequestError,
  MAX_BACKOFF_MILLIS,
  MIN_BACKOFF_MILLIS,
  MIN_PERIODIC_FLEX_MILLIS,
  MIN_PERIODIC_INTERVAL_MILLIS,
  type ResolvedConstraints,
  type WorkRequest,
} from '@workscript/api';

const BUILD_WITH = 'build requests with createOneTimeWorkRequest / createPeriodicWorkRequest, which clamp it';

function checkRange(field: string, value: unknown, min: number, max: number, rule: string): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new InvalidWorkRequestError(
      field,
      `${String(value)} ms is not allowed here (${rule}); ${BUILD_WITH}`,
    );
  }
}

/**
 * The request is one WorkManager's builders could have built: timing fields within their limits, and none of
 * the combinations `build()` refuses (expedited work with a delay, with charging, idle, battery-not-low or
 * content-URI constraints; explicit backoff on idle-mode work). Requests made by `@workscript/api` always
 * are; this guards the store against hand-made or spread objects (`{ ...request, intervalMs: 5 }`), which the
 * types allow but WorkManager could never hold. `constraints` are the request's, resolved. Called while
 * writing, inside the transaction, so a refusal writes nothing.
 * @throws InvalidWorkRequestError naming the field and what is allowed.
 */
export function checkWorkRequest(request: WorkRequest, constraints: ResolvedConstraints): void {
  const max = Number.MAX_SAFE_INTEGER;
  checkRange('initialDelayMs', request.initialDelayMs, 0, max, 'a duration ≥ 0');
  checkRange('keepResultsForAtLeastMs', request.keepResultsForAtLeastMs, 0, max, 'a duration ≥ 0');
  checkRange(
    'backoff.delayMs',
    request.backoffDelayMs,
    MIN_BACKOFF_MILLIS,
    MAX_BACKOFF_MILLIS,
    `backoff is ${MIN_BACKOFF_MILLIS}–${MAX_BACKOFF_MILLIS} ms`,
  );
  checkBackoffOnIdle(request.backoffCriteriaSet, constraints);
  if (request.kind === 'one-time' && request.expedited)
    checkExpeditedCombinations(request.initialDelayMs, constraints);
  if (request.kind === 'periodic') {
    checkRange(
      'intervalMs',
      request.intervalMs,
      MIN_PERIODIC_INTERVAL_MILLIS,
      max,
      `the interval is at least ${MIN_PERIODIC_INTERVAL_MILLIS} ms`,
    );
    checkRange(
      'flexMs',
      request.flexMs,
      MIN_PERIODIC_FLEX_MILLIS,
      request.intervalMs,
      `the flex is ${MIN_PERIODIC_FLEX_MILLIS} ms up to the interval`,
    );
  }
}
