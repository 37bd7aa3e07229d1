import type { BackoffPolicy } from '../backoff-policy.js';
import type { ResolvedConstraints } from '../constraints.js';
import type { Data } from '../data/data.js';
import type { OutOfQuotaPolicy } from '../out-of-quota-policy.js';

/** Fields every validated request has: what WorkManager persists in a new WorkSpec. */
export interface WorkRequestBase {
  /** The work's id (UUID). */
  readonly id: string;
  /** Name of the worker that runs it (`defineWorker({ name })`). */
  readonly workerName: string;
  /** Input Data (already size-checked). */
  readonly input: Data;
  /** Tags, without duplicates, in the order given. */
  readonly tags: readonly string[];
  /** Constraints with defaults filled in. */
  readonly constraints: ResolvedConstraints;
  /** Initial delay in ms. */
  readonly initialDelayMs: number;
  /** Backoff policy. */
  readonly backoffPolicy: BackoffPolicy;
  /** Backoff delay in ms, already clamped to [10,000, 18,000,000]. */
  readonly backoffDelayMs: number;
  /** True when the definition or the enqueue set backoff explicitly. */
  readonly backoffCriteriaSet: boolean;
  /** `minimumRetentionDuration` in ms. */
  readonly keepResultsForAtLeastMs: number;
  /** Whether system stops count as retries. */
  readonly backoffOnSystemInterruptions: boolean;
  /** Trace span name (`WorkSpec.traceTag`): the one given, or the worker's name; at most 127 characters. */
  readonly traceTag: string;
}

/** A validated `OneTimeWorkRequest`. */
export interface OneTimeWorkRequest extends WorkRequestBase {
  /** Discriminant. */
  readonly kind: 'one-time';
  /** Expedited or not. */
  readonly expedited: boolean;
  /** Meaningful only when expedited. Default `'RUN_AS_NON_EXPEDITED_WORK_REQUEST'`. */
  readonly outOfQuotaPolicy: OutOfQuotaPolicy;
  /**
   * Name of the input merger for prerequisites' outputs (`inputMergerClassName`): an `InputMergerName`
   * or a custom merger's name.
   */
  readonly inputMerger: string;
}

/** A validated `PeriodicWorkRequest`. */
export interface PeriodicWorkRequest extends WorkRequestBase {
  /** Discriminant. */
  readonly kind: 'periodic';
  /** Interval in ms (≥ 900,000). */
  readonly intervalMs: number;
  /** Flex in ms, in [300,000, intervalMs]. */
  readonly flexMs: number;
  /** Next-schedule-time override, or `LONG_MAX_VALUE` for none. */
  readonly nextScheduleTimeOverride: number;
  /** 1 when the request sets or clears the override, else 0 (WorkManager's `overrideGeneration`). */
  readonly nextScheduleTimeOverrideGeneration: number;
}

/** A validated request of either kind, ready to enqueue. */
export type WorkRequest = OneTimeWorkRequest | PeriodicWorkRequest;
