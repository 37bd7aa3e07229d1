import { resolveConstraints, type ResolvedConstraints } from '../constraints.js';
import { INPUT_MERGER_NAME_PATTERN } from '../data/define-input-merger.js';
import { INPUT_MERGER_NAMES, isBuiltInInputMergerName, type InputMerger } from '../data/input-merger.js';
import { InvalidWorkRequestError } from '../errors.js';
import { describeStringInput, describeValue } from '../internal/describe-value.js';
import { checkOneOf } from '../internal/enum-check.js';
import { OUT_OF_QUOTA_POLICIES, type OutOfQuotaPolicy } from '../out-of-quota-policy.js';
import { resolveBackoff, type ResolvedBackoff } from './backoff.js';
import { checkDurationMs, checkInitialDelayMs } from './durations.js';
import type { WarningSink } from './warning.js';
import type { OneTimeWorkDefaults, WorkRequestDefaults } from './work-request-options.js';

/**
 * The keys of {@link WorkRequestDefaults} and of {@link OneTimeWorkDefaults}, for refusing unknown option keys (a
 * typo such as `backof` would otherwise drop the option without a word). Typed as records of the interfaces'
 * keys, so an option added to an interface and not here fails to compile.
 */
export const REQUEST_DEFAULT_KEYS: Readonly<Record<keyof WorkRequestDefaults, true>> = {
  constraints: true,
  backoff: true,
  tags: true,
  initialDelayMs: true,
  keepResultsForAtLeastMs: true,
  backoffOnSystemInterruptions: true,
  traceTag: true,
};
/** See {@link REQUEST_DEFAULT_KEYS}. */
export const ONE_TIME_DEFAULT_KEYS: Readonly<Record<keyof OneTimeWorkDefaults, true>> = {
  expedited: true,
  inputMerger: true,
};

/** The request fields shared by both kinds, validated and with defaults. */
export interface ResolvedCommonFields {
  readonly constraints: ResolvedConstraints;
  readonly backoff: ResolvedBackoff;
  readonly backoffCriteriaSet: boolean;
  readonly tags: readonly string[];
  readonly initialDelayMs: number;
  readonly keepResultsForAtLeastMs: number;
  readonly backoffOnSystemInterruptions: boolean;
  /** The trace tag given (cut to {@link MAX_TRACE_TAG_LENGTH}), or undefined for the worker's name. */
  readonly traceTag: string | undefined;
}

/** `WorkRequest.MAX_TRACE_SPAN_LENGTH`: WorkManager cuts longer trace tags to this many characters. */
export const MAX_TRACE_TAG_LENGTH = 127;

/**
 * Validates the fields every request kind has. `periodic` selects WorkManager's periodic rule for
 * backoff + device idle (always checked; for one-time work only on API 23+, which is every API Workscript
 * supports, so both kinds check it).
 */
export function resolveCommonFields(
  fields: WorkRequestDefaults,
  now: number,
  warn: WarningSink,
): ResolvedCommonFields {
  const constraints = resolveConstraints(fields.constraints);
  const backoff = resolveBackoff(fields.backoff, 'backoff', warn);
  const backoffCriteriaSet = fields.backoff !== undefined;
  checkBackoffOnIdle(backoffCriteriaSet, constraints);
  return {
    constraints,
    backoff,
    backoffCriteriaSet,
    tags: checkTags(fields.tags),
    initialDelayMs:
      fields.initialDelayMs === undefined
        ? 0
        : checkInitialDelayMs('initialDelayMs', fields.initialDelayMs, now),
    keepResultsForAtLeastMs:
      fields.keepResultsForAtLeastMs === undefined
        ? 0
        : checkDurationMs('keepResultsForAtLeastMs', fields.keepResultsForAtLeastMs),
    backoffOnSystemInterruptions: checkBoolean(
      'backoffOnSystemInterruptions',
      fields.backoffOnSystemInterruptions,
    ),
    traceTag: checkTraceTag(fields.traceTag, warn),
  };
}

/** A trace tag as `WorkRequest.Builder.build()` keeps it: cut to 127 characters (with a warning here). */
function checkTraceTag(tag: unknown, warn: WarningSink): string | undefined {
  if (tag === undefined) return undefined;
  if (typeof tag !== 'string' || tag === '')
    throw new InvalidWorkRequestError(
      'traceTag',
      `${describeStringInput(tag)} is not valid; use a non-empty string`,
    );
  if (tag.length <= MAX_TRACE_TAG_LENGTH) return tag;
  warn(`traceTag is ${tag.length} characters long; WorkManager keeps the first ${MAX_TRACE_TAG_LENGTH}`);
  return tag.slice(0, MAX_TRACE_TAG_LENGTH);
}

/** The trace tag WorkManager derives when none is given: the worker's name, cut to 127 characters. */
export function defaultTraceTag(workerName: string): string {
  return workerName.slice(0, MAX_TRACE_TAG_LENGTH);
}

/** The one-time-only fields, validated, with the expedited rules of `WorkRequest.Builder.build()`. */
export function resolveOneTimeFields(
  fields: OneTimeWorkDefaults,
  common: ResolvedCommonFields,
): { expedited: boolean; outOfQuotaPolicy: OutOfQuotaPolicy; inputMerger: string } {
  const inputMerger = checkInputMerger(fields.inputMerger);
  if (fields.expedited === undefined) {
    return { expedited: false, outOfQuotaPolicy: 'RUN_AS_NON_EXPEDITED_WORK_REQUEST', inputMerger };
  }
  const outOfQuotaPolicy = checkOneOf('expedited', fields.expedited, OUT_OF_QUOTA_POLICIES);
  checkExpeditedCombinations(common.initialDelayMs, common.constraints);
  return { expedited: true, outOfQuotaPolicy, inputMerger };
}

/**
 * The stored name of a request's merger: a built-in's name, or the `name` of a merger object (a built-in or a
 * `defineInputMerger` definition). A custom merger is named by its definition, never by a string, so a typo
 * cannot reach the database and the codegen can follow the reference to the definition.
 */
function checkInputMerger(merger: unknown): string {
  if (merger === undefined) return 'OverwritingInputMerger';
  if (typeof merger === 'object' && merger !== null) {
    const { name, merge } = merger as Partial<InputMerger>;
    if (typeof merge === 'function' && typeof name === 'string' && INPUT_MERGER_NAME_PATTERN.test(name)) {
      return name;
    }
  }
  if (isBuiltInInputMergerName(merger)) return merger;
  throw new InvalidWorkRequestError(
    'inputMerger',
    `${describeMerger(merger)} is not valid; use one of ${INPUT_MERGER_NAMES.map((n) => `'${n}'`).join(', ')}, or a merger from defineInputMerger({ name, merge })`,
  );
}

function describeMerger(value: unknown): string {
  if (typeof value === 'object' && value !== null) return 'an object that is not an input merger';
  return describeStringInput(value);
}

/**
 * `WorkRequest.Builder.build()`'s rule for every kind of work: explicit backoff criteria cannot go with
 * `requiresDeviceIdle`. Shared with the runtime, which applies it to hand-made requests.
 * @throws InvalidWorkRequestError naming `backoff`.
 */
export function checkBackoffOnIdle(backoffCriteriaSet: boolean, constraints: ResolvedConstraints): void {
  if (backoffCriteriaSet && constraints.requiresDeviceIdle) {
    throw new InvalidWorkRequestError(
      'backoff',
      'cannot set backoff criteria on an idle mode job (constraints.requiresDeviceIdle is true); remove one of them',
    );
  }
}

/**
 * `WorkRequest.Builder.build()`'s rules for expedited work: no initial delay, and no charging, idle,
 * battery-not-low or content-URI constraints. Shared with the runtime, which applies them to hand-made
 * requests.
 * @throws InvalidWorkRequestError naming the field at fault.
 */
export function checkExpeditedCombinations(initialDelayMs: number, constraints: ResolvedConstraints): void {
  if (initialDelayMs > 0) {
    throw new InvalidWorkRequestError(
      'initialDelayMs',
      `expedited jobs cannot be delayed (got ${initialDelayMs} ms); use 0 or drop expedited`,
    );
  }
  const unsupported: string[] = (
    ['requiresCharging', 'requiresDeviceIdle', 'requiresBatteryNotLow'] as const
  ).filter((k) => constraints[k]);
  if (constraints.contentUriTriggers.length > 0) unsupported.push('contentUriTriggers');
  if (unsupported.length > 0) {
    throw new InvalidWorkRequestError(
      `constraints.${unsupported[0]}`,
      `expedited jobs only support network and storage constraints (requiredNetworkType, requiresStorageNotLow); remove ${unsupported.join(', ')}`,
    );
  }
}

/** Validates a tag list and drops duplicates, keeping first occurrences. */
export function checkTags(tags: readonly string[] | undefined): readonly string[] {
  if (tags === undefined) return [];
  if (!Array.isArray(tags))
    throw new InvalidWorkRequestError('tags', `${describeValue(tags)} is not valid; use an array of strings`);
  tags.forEach((t, i) => {
    if (typeof t !== 'string')
      throw new InvalidWorkRequestError(`tags[${i}]`, `${describeValue(t)} is not a string`);
  });
  return [...new Set(tags)];
}

/** A boolean option: `undefined` is false; anything but a boolean is refused (`'yes'` would read as true). */
export function checkBoolean(field: string, value: unknown): boolean {
  if (value === undefined) return false;
  if (typeof value !== 'boolean')
    throw new InvalidWorkRequestError(field, `${describeValue(value)} is not valid; use true or false`);
  return value;
}
