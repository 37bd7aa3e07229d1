import { Data } from '../data/data.js';
import { encodeData } from '../data/data-shape.js';
import { InvalidWorkRequestError } from '../errors.js';
import { describeStringInput, describeValue } from '../internal/describe-value.js';
import { isPlainObject } from '../internal/is-plain-object.js';
import type { InputOf, WorkerDefinition } from '../worker/define-worker.js';
import {
  checkTags,
  defaultTraceTag,
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
  /** Current time in epoch ms, for the initial-delay overflow check. Default `Date.now()`. */
  readonly now?: number;
  /** Receives clamping warnings. Default: `console.warn`. */
  readonly onWarning?: WarningSink;
  /** Id source. Default `crypto.randomUUID()`. */
  readonly randomUUID?: () => string;
}

/** A worker known only by name (no definition at hand, e.g. from another bundle). */
export interface WorkerRef {
  /** The worker's name. */
  readonly name: string;
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
  const { merged, common } = mergeDefaults(definitionOf(worker), options, env);
  const oneTime = resolveOneTimeFields(merged, common);
  return Object.freeze({
    kind: 'one-time',
    ...base(worker, options, common, env),
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
  const { common } = mergeDefaults(def, options, env);
  // An enqueue that gives an interval brings its own flex; otherwise the definition's schedule applies.
  const fromOptions = options.intervalMs !== undefined;
  const schedule = resolvePeriodicSchedule(
    fromOptions
      ? { intervalMs: options.intervalMs, flexMs: options.flexMs }
      : { intervalMs: def.periodic?.intervalMs, flexMs: options.flexMs ?? def.periodic?.flexMs },
    fromOptions || def.periodic === undefined ? '' : `defineWorker('${worker.name}').periodic`,
    env.onWarning ?? consoleWarning,
  );
  return Object.freeze({
    kind: 'periodic',
    ...base(worker, options, common, env),
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
  env: RequestEnvironment,
) {
  const merged = {
    ...def,
    ...stripUndefined(options),
    tags: [...(def.tags ?? []), ...checkTags(options.tags)],
  };
  const common = resolveCommonFields(merged, env.now ?? Date.now(), env.onWarning ?? consoleWarning);
  return { merged, common };
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
  env: RequestEnvironment,
): WorkRequestBase {
  if (options.id !== undefined && (typeof options.id !== 'string' || !UUID_PATTERN.test(options.id))) {
    throw new InvalidWorkRequestError(
      'id',
      `${describeStringInput(options.id)} is not a UUID; use e.g. crypto.randomUUID()`,
    );
  }
  return {
    id: options.id ?? (env.randomUUID ?? defaultRandomUUID)(),
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

function defaultRandomUUID(): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (c?.randomUUID) return c.randomUUID();
  throw new InvalidWorkRequestError(
    'id',
    'this host has no crypto.randomUUID; pass options.id or env.randomUUID',
  );
}
