import type { BackoffPolicy } from '../backoff-policy.js';
import type { Constraints } from '../constraints.js';
import type { Data } from '../data/data.js';
import type { InputMerger, InputMergerName } from '../data/input-merger.js';
import type { OutOfQuotaPolicy } from '../out-of-quota-policy.js';

/** `setBackoffCriteria(policy, delay)`. */
export interface BackoffCriteria {
  /** How the delay grows. Default `'EXPONENTIAL'`. */
  readonly policy?: BackoffPolicy;
  /** Base delay in ms, clamped to [10,000, 18,000,000] with a warning. Default 30,000. */
  readonly delayMs?: number;
}

/**
 * Request options a worker definition can set as defaults and every enqueue can override, as a
 * `WorkRequest.Builder` can.
 */
export interface WorkRequestDefaults {
  /** Constraints; an enqueue's constraints replace the definition's as a whole. Default none. */
  readonly constraints?: Constraints;
  /** Backoff for retries. Setting it counts as "explicit backoff" (not allowed with `requiresDeviceIdle`). */
  readonly backoff?: BackoffCriteria;
  /** Tags; an enqueue's tags are added to the definition's. Default none. */
  readonly tags?: readonly string[];
  /** Delay before the first run, in ms (`setInitialDelay`). Default 0. */
  readonly initialDelayMs?: number;
  /** Keep finished work at least this long before automatic pruning (`keepResultsForAtLeast`). Default 0. */
  readonly keepResultsForAtLeastMs?: number;
  /**
   * Treat stops by the system like retries, so backoff is measured from the stop
   * (`setBackoffForSystemInterruptions`, experimental in WorkManager). Default `false`.
   */
  readonly backoffOnSystemInterruptions?: boolean;
  /**
   * Name of the trace span WorkManager opens while the work runs (`setTraceTag`, WorkManager 2.10+); longer
   * than 127 characters it is cut to 127, with a warning. Default: the worker's name.
   */
  readonly traceTag?: string;
}

/** Defaults that only one-time work accepts. */
export interface OneTimeWorkDefaults {
  /** Run as expedited work with this out-of-quota policy (`setExpedited`). Default: not expedited. */
  readonly expedited?: OutOfQuotaPolicy;
  /**
   * How prerequisites' outputs are merged into the input (`setInputMerger`): a built-in merger's name or
   * object, or a `defineInputMerger` definition. Default `'OverwritingInputMerger'`.
   */
  readonly inputMerger?: InputMergerName | InputMerger;
}

/** Periodic schedule (`PeriodicWorkRequest.Builder(interval, flex)`). */
export interface PeriodicSchedule {
  /** Repeat interval in ms; raised to 900,000 (15 min) with a warning. */
  readonly intervalMs: number;
  /** Flex window at the end of each interval, in ms; clamped to [300,000, interval]. Default = interval. */
  readonly flexMs?: number;
}

/** Options common to every enqueue. */
export interface EnqueueOptions<I> extends WorkRequestDefaults {
  /** The worker's input: a typed object, or ready-made {@link Data}. */
  readonly input?: I | Data;
  /** A fixed id (`setId`) instead of a random UUID, e.g. to update the work later. */
  readonly id?: string;
}

/** Options of a one-time work request (`OneTimeWorkRequest.Builder`). */
export interface OneTimeWorkRequestOptions<I> extends EnqueueOptions<I>, OneTimeWorkDefaults {}

/** Options of a periodic work request (`PeriodicWorkRequest.Builder`). */
export interface PeriodicWorkRequestOptions<I> extends EnqueueOptions<I>, Partial<PeriodicSchedule> {
  /**
   * Absolute time (epoch ms) of the next run, overriding the period once (`setNextScheduleTimeOverride`).
   * Must not be `Long.MAX_VALUE`. Default: no override.
   */
  readonly nextScheduleTimeOverride?: number;
  /**
   * Remove a previously set override when this request updates existing work
   * (`clearNextScheduleTimeOverride`). Default `false`.
   */
  readonly clearNextScheduleTimeOverride?: boolean;
}
