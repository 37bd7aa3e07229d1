import {
  BACKOFF_POLICIES,
  checkBackoffOnIdle,
  checkExpeditedCombinations,
  type Data,
  InvalidWorkRequestError,
  LONG_MAX_VALUE,
  MAX_BACKOFF_MILLIS,
  MAX_TRACE_TAG_LENGTH,
  MIN_BACKOFF_MILLIS,
  MIN_PERIODIC_FLEX_MILLIS,
  MIN_PERIODIC_INTERVAL_MILLIS,
  OUT_OF_QUOTA_POLICIES,
  type ResolvedConstraints,
  type WorkRequest,
  WORK_ID_PATTERN,
} from '@workscript/api';
import { showValue } from '../internal/show-value.js';

const BUILD_WITH = 'build requests with createOneTimeWorkRequest / createPeriodicWorkRequest, which clamp it';

function refuse(field: string, value: unknown, valid: string): never {
  throw new InvalidWorkRequestError(
    field,
    `${showValue(value)} is not valid; ${valid} (createOneTimeWorkRequest and createPeriodicWorkRequest make valid requests)`,
  );
}

/**
 * `value` is a request object of either kind. Checked where a request enters the WorkManager (enqueue,
 * beginWith, then, updateWork), before anything reads it; its fields are checked when it is written.
 * @throws InvalidWorkRequestError naming `field`.
 */
export function checkIsWorkRequest(value: unknown, field: string): asserts value is WorkRequest {
  const kind = (value as { kind?: unknown } | null | undefined)?.kind;
  if (typeof value !== 'object' || value === null || (kind !== 'one-time' && kind !== 'periodic')) {
    throw new InvalidWorkRequestError(
      field,
      `${showValue(value)} is not a work request; build one with createOneTimeWorkRequest or createPeriodicWorkRequest`,
    );
  }
}

/** The fields the range checks below do not cover: ids, names, types and enums of a hand-made request. */
function checkFields(request: WorkRequest): void {
  if (typeof request.id !== 'string' || !WORK_ID_PATTERN.test(request.id))
    refuse('id', request.id, 'use a UUID such as crypto.randomUUID() gives');
  if (typeof request.workerName !== 'string' || request.workerName === '')
    refuse('workerName', request.workerName, "use the worker's name, a non-empty string");
  // Not instanceof: a Data from a second copy of @workscript/api (two versions installed) is still Data.
  if (typeof (request.input as Partial<Data> | null)?.toByteArray !== 'function')
    refuse('input', request.input, 'use a Data');
  if (!Array.isArray(request.tags) || request.tags.some((t) => typeof t !== 'string'))
    refuse('tags', request.tags, 'use an array of strings');
  if (!BACKOFF_POLICIES.includes(request.backoffPolicy))
    refuse('backoff.policy', request.backoffPolicy, `use one of ${BACKOFF_POLICIES.join(', ')}`);
  for (const field of ['backoffCriteriaSet', 'backoffOnSystemInterruptions'] as const)
    if (typeof request[field] !== 'boolean') refuse(field, request[field], 'use true or false');
  const { traceTag } = request as { traceTag?: unknown };
  if (
    traceTag !== undefined &&
    (typeof traceTag !== 'string' || traceTag === '' || traceTag.length > MAX_TRACE_TAG_LENGTH)
  )
    refuse('traceTag', traceTag, `use a string of 1 to ${MAX_TRACE_TAG_LENGTH} characters`);
  if (request.kind === 'one-time') {
    if (typeof request.expedited !== 'boolean') refuse('expedited', request.expedited, 'use true or false');
    if (!OUT_OF_QUOTA_POLICIES.includes(request.outOfQuotaPolicy))
      refuse('outOfQuotaPolicy', request.outOfQuotaPolicy, `use one of ${OUT_OF_QUOTA_POLICIES.join(', ')}`);
    if (typeof request.inputMerger !== 'string' || request.inputMerger === '')
      refuse('inputMerger', request.inputMerger, "use an input merger's name");
    return;
  }
  // WorkRequest.Builder.build(): "PeriodicWorkRequests cannot be expedited".
  if ((request as { expedited?: unknown }).expedited === true)
    refuse('expedited', true, 'periodic work cannot be expedited');
  const override = request.nextScheduleTimeOverride;
  if (override !== LONG_MAX_VALUE && !(Number.isSafeInteger(override) && override >= 0))
    refuse('nextScheduleTimeOverride', override, 'use a time in ms ≥ 0, or none');
  if (request.nextScheduleTimeOverrideGeneration !== 0 && request.nextScheduleTimeOverrideGeneration !== 1)
    refuse('nextScheduleTimeOverrideGeneration', request.nextScheduleTimeOverrideGeneration, 'use 0 or 1');
}

function checkRange(field: string, value: unknown, min: number, max: number, rule: string): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new InvalidWorkRequestError(
      field,
      `${String(value)} ms is not allowed here (${rule}); ${BUILD_WITH}`,
    );
  }
}

/**
 * The request is one WorkManager's builders could have built: ids, names, enums and types as the builders
 * make them, timing fields within their limits, and none of
 * the combinations `build()` refuses (expedited work with a delay, with charging, idle, battery-not-low or
 * content-URI constraints; explicit backoff on idle-mode work). Requests made by `@workscript/api` always
 * are; this guards the store against hand-made or spread objects (`{ ...request, intervalMs: 5 }`), which the
 * types allow but WorkManager could never hold. `constraints` are the request's, resolved. Called while
 * writing, inside the transaction, so a refusal writes nothing.
 * @throws InvalidWorkRequestError naming the field and what is allowed.
 */
export function checkWorkRequest(request: WorkRequest, constraints: ResolvedConstraints): void {
  checkFields(request);
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
