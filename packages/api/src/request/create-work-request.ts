import { Data } from '../data/data.js';
import { encodeData } from '../data/data-shape.js';
import { InvalidWorkRequestError } from '../errors.js';
import { describeStringInput, describeValue } from '../internal/describe-value.js';
import { isPlainObject } from '../internal/is-plain-object.js';
import type { InputOf, WorkerDefinition } from '../worker/define-worker.js';
import {
  checkTags,
  defaultTraceTag,
  ONE_TIME_DEFAULT_KEYS,
  REQUEST_DEFAULT_KEYS,
  resolveCommonFields,
  resolveOneTimeFields,
  type ResolvedCommonFields,
} from './check-request-fields.js';
import { resolveOverride, resolvePeriodicSchedule } from './periodic.js';
import { consoleWarning, type WarningSink } from './warning.js';
import type { OneTimeWorkRequest, PeriodicWorkRequest, WorkRequestBase } from './work-request.js';
import type { OneTimeWorkRequestOptions, PeriodicWorkRequestOptions } from './work-request-options.js';

/** Where a request is built: the clock, the warning sink and the id source. */
export interface RequestEnvironment {
  /**
   * Current time in epoch ms (a whole number from 0 to `Number.MAX_SAFE_INTEGER`), for the initial-delay
   * overflow check. Default `Date.now()`.
   */
  readonly now?: number;
  /** Receives clamping warnings. Default: `console.warn`. */
  readonly onWarning?: WarningSink;
  /** Id source: must return a UUID, as `options.id` must be. Default `crypto.randomUUID()`. */
  readonly randomUUID?: () => string;
}

/** A {@link RequestEnvironment} checked, with its defaults filled in. */
interface ResolvedEnvironment {
  readonly now: number;
  readonly warn: WarningSink;
  /** The caller's id source, or undefined for `crypto.randomUUID()`. */
  readonly randomUUID: (() => string) | undefined;
}

/** A worker known only by name (no definition at hand, e.g. from another bundle). */
export interface WorkerRef {
  /** The worker's name. */
  readonly name: string;
}

/** Valid work ids: UUIDs, as WorkManager's `UUID.randomUUID()` gives (any case). */
export const WORK_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The option keys each builder takes. An unknown key (a typo such as `backof`, or `intervalMs` given to a
 * one-time request) would otherwise be dropped without a word, and the request built without it. Typed as
 * records of the options' keys, so an option added to an interface and not here fails to compile.
 */
const ONE_TIME_OPTION_KEYS = Object.keys({
  ...REQUEST_DEFAULT_KEYS,
  ...ONE_TIME_DEFAULT_KEYS,
  input: true,
  id: true,
} satisfies Record<keyof OneTimeWorkRequestOptions<unknown>, true>);
const PERIODIC_OPTION_KEYS = Object.keys({
  ...REQUEST_DEFAULT_KEYS,
  input: true,
  id: true,
  intervalMs: true,
  flexMs: true,
  nextScheduleTimeOverride: true,
  clearNextScheduleTimeOverride: true,
} satisfies Record<keyof PeriodicWorkRequestOptions<unknown>, true>);

/**
 * Builds a one-time work request: the definition's defaults overridden by `options`, validated with
 * WorkManager's rules (`OneTimeWorkRequest.Builder.build()`). Each call gets a fresh random id unless
 * `options.id` is given.
 * @throws InvalidWorkRequestError naming the option, the value and what is allowed.
 * @throws InvalidDataError / DataTooLargeError when the input cannot become Data.
 */
export function createOneTimeWorkRequest<
  W extends WorkerDefinition<never, unknown, unknown, unknown> | WorkerRef,
>(
  worker: W,
  options: OneTimeWorkRequestOptions<InputOf<W>> = {},
  env: RequestEnvironment = {},
): OneTimeWorkRequest {
  const def = definitionOf(worker);
  checkOptionKeys(options, ONE_TIME_OPTION_KEYS);
  const resolvedEnv = resolveEnvironment(env);
  const { merged, common } = mergeDefaults(def, options, resolvedEnv);
  const oneTime = resolveOneTimeFields(merged, common);
  return Object.freeze({
    kind: 'one-time',
    ...base(worker, options, common, resolvedEnv),
    ...oneTime,
  });
}

/**
 * Builds a periodic work request (`PeriodicWorkRequest.Builder.build()`): interval and flex from `options`
 * or the definition's `periodic` default, clamped with warnings; expedited is rejected.
 * @throws InvalidWorkRequestError naming the option, the value and what is allowed.
 */
export function createPeriodicWorkRequest<
  W extends WorkerDefinition<never, unknown, unknown, unknown> | WorkerRef,
>(
  worker: W,
  options: PeriodicWorkRequestOptions<InputOf<W>> = {},
  env: RequestEnvironment = {},
): PeriodicWorkRequest {
  const def = definitionOf(worker);
  checkOptionsObject(options);
  if (def.expedited !== undefined) {
    throw new InvalidWorkRequestError(
      'expedited',
      `PeriodicWorkRequests cannot be expedited, and worker '${worker.name}' is defined as expedited`,
    );
  }
  if ((options as { expedited?: unknown }).expedited !== undefined) {
    throw new InvalidWorkRequestError(
      'expedited',
      'PeriodicWorkRequests cannot be expedited; remove expedited',
    );
  }
  checkOptionKeys(options, PERIODIC_OPTION_KEYS);
  const resolvedEnv = resolveEnvironment(env);
  const { common } = mergeDefaults(def, options, resolvedEnv);
  // An enqueue that gives an interval brings its own flex; otherwise the definition's schedule applies.
  const fromOptions = options.intervalMs !== undefined;
  const schedule = resolvePeriodicSchedule(
    fromOptions
      ? { intervalMs: options.intervalMs, flexMs: options.flexMs }
      : { intervalMs: def.periodic?.intervalMs, flexMs: options.flexMs ?? def.periodic?.flexMs },
    fromOptions || def.periodic === undefined ? '' : `defineWorker('${worker.name}').periodic`,
    resolvedEnv.warn,
  );
  return Object.freeze({
    kind: 'periodic',
    ...base(worker, options, common, resolvedEnv),
    intervalMs: schedule.intervalMs,
    flexMs: schedule.flexMs,
    ...resolveOverride(options.nextScheduleTimeOverride, options.clearNextScheduleTimeOverride, ''),
  });
}

type Defaults = Partial<WorkerDefinition<never, unknown, unknown, unknown>>;

/**
 * The definition's defaults overridden field by field by the enqueue's options (tags add up), then the
 * fields both request kinds share, validated.
 */
function mergeDefaults<O extends { readonly tags?: readonly string[] }>(
  def: Defaults,
  options: O,
  env: ResolvedEnvironment,
) {
  const merged = {
    ...def,
    ...stripUndefined(options),
    tags: [...(def.tags ?? []), ...checkTags(options.tags)],
  };
  const common = resolveCommonFields(merged, env.now, env.warn);
  return { merged, common };
}

/** Refuses options that are not an object: reading and spreading them would throw a bare TypeError or drop them. */
function checkOptionsObject(options: unknown): void {
  if (!isPlainObject(options)) {
    throw new InvalidWorkRequestError(
      'options',
      `${describeValue(options)} is not valid; use an object of request options, e.g. { input, constraints }`,
    );
  }
}

/** Refuses an option key the builder does not know, naming it and listing the valid ones. */
function checkOptionKeys(options: unknown, known: readonly string[]): void {
  checkOptionsObject(options);
  const unknown = Object.keys(options as object).find((k) => !known.includes(k));
  if (unknown !== undefined) {
    throw new InvalidWorkRequestError(unknown, `unknown option; valid options are ${known.join(', ')}`);
  }
}

/**
 * Checks `env` and fills in its defaults. A NaN or fractional `now` would reach the overflow check and the
 * stored schedule times; a non-function would fail only later, at the first warning or id.
 */
function resolveEnvironment(env: RequestEnvironment): ResolvedEnvironment {
  if (typeof env !== 'object' || env === null) {
    throw new InvalidWorkRequestError(
      'env',
      `${describeValue(env)} is not valid; use an object { now, onWarning, randomUUID } (each optional)`,
    );
  }
  const { now, onWarning, randomUUID } = env;
  if (now !== undefined && !(Number.isSafeInteger(now) && now >= 0)) {
    throw new InvalidWorkRequestError(
      'env.now',
      `${describeValue(now)} is not valid; use the current time in epoch ms, a whole number from 0 to ${Number.MAX_SAFE_INTEGER} (e.g. Date.now())`,
    );
  }
  if (onWarning !== undefined && typeof onWarning !== 'function') {
    throw new InvalidWorkRequestError(
      'env.onWarning',
      `${describeValue(onWarning)} is not valid; use a function that takes the warning message`,
    );
  }
  if (randomUUID !== undefined && typeof randomUUID !== 'function') {
    throw new InvalidWorkRequestError(
      'env.randomUUID',
      `${describeValue(randomUUID)} is not valid; use a function that returns a UUID, e.g. () => crypto.randomUUID()`,
    );
  }
  return { now: now ?? Date.now(), warn: onWarning ?? consoleWarning, randomUUID };
}

function definitionOf(worker: WorkerDefinition<never, unknown, unknown, unknown> | WorkerRef): Defaults {
  if (
    typeof worker !== 'object' ||
    worker === null ||
    typeof worker.name !== 'string' ||
    worker.name === ''
  ) {
    throw new InvalidWorkRequestError(
      'worker',
      `${describeValue(worker)} is not a worker; pass a definition from defineWorker({ name, run }), or { name: 'SyncContacts' } to name a worker defined in another bundle`,
    );
  }
  return 'kind' in worker ? worker : {};
}

function base(
  worker: WorkerDefinition<never, unknown, unknown, unknown> | WorkerRef,
  options: { readonly input?: unknown; readonly id?: string },
  common: ResolvedCommonFields,
  env: ResolvedEnvironment,
): WorkRequestBase {
  if (options.id !== undefined && (typeof options.id !== 'string' || !WORK_ID_PATTERN.test(options.id))) {
    throw new InvalidWorkRequestError(
      'id',
      `${describeStringInput(options.id)} is not a UUID; use e.g. crypto.randomUUID()`,
    );
  }
  return {
    id: options.id ?? generatedId(env),
    workerName: worker.name,
    input: toInputData(worker, options.input),
    tags: Object.freeze([...common.tags]),
    constraints: common.constraints,
    initialDelayMs: common.initialDelayMs,
    backoffPolicy: common.backoff.policy,
    backoffDelayMs: common.backoff.delayMs,
    backoffCriteriaSet: common.backoffCriteriaSet,
    keepResultsForAtLeastMs: common.keepResultsForAtLeastMs,
    backoffOnSystemInterruptions: common.backoffOnSystemInterruptions,
    traceTag: common.traceTag ?? defaultTraceTag(worker.name),
  };
}

function toInputData(worker: Defaults | WorkerRef, input: unknown): Data {
  if (input === undefined) return Data.EMPTY;
  if (input instanceof Data) return input;
  // A Map, Date or class instance would lose its entries or getters without a word (Data.fromObject reads
  // own enumerable properties), so only a plain object is taken.
  if (!isPlainObject(input)) {
    throw new InvalidWorkRequestError(
      'input',
      `${describeValue(input)} is not valid; use a plain object (or Data)`,
    );
  }
  const shape = 'shapes' in worker ? worker.shapes?.input : undefined;
  return shape ? encodeData(input, shape) : Data.fromObject(input);
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * A fresh id from the caller's `env.randomUUID`, checked as `options.id` is: otherwise the request is built
 * and only refused at enqueue, as a bad `id` the caller never passed.
 */
function generatedId(env: ResolvedEnvironment): string {
  if (env.randomUUID === undefined) return defaultRandomUUID();
  const id: unknown = env.randomUUID();
  if (typeof id !== 'string' || !WORK_ID_PATTERN.test(id)) {
    throw new InvalidWorkRequestError(
      'env.randomUUID',
      `returned ${describeStringInput(id)}, which is not a UUID; return one such as crypto.randomUUID() gives, e.g. '123e4567-e89b-42d3-a456-426614174000'`,
    );
  }
  return id;
}

function defaultRandomUUID(): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (c?.randomUUID) return c.randomUUID();
  throw new InvalidWorkRequestError(
    'id',
    'this host has no crypto.randomUUID; pass options.id or env.randomUUID',
  );
}
