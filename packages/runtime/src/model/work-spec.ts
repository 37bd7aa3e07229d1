import {
  Data,
  defaultTraceTag,
  LONG_MAX_VALUE,
  resolveConstraints,
  StopReason,
  type BackoffPolicy,
  type DataShape,
  type OutOfQuotaPolicy,
  type ResolvedConstraints,
  type WorkRequest,
  type WorkState,
} from '@workscript/api';
import { calculateNextRunTime } from '../policy/next-run-time.js';
import { checkWorkRequest } from './check-work-request.js';
import { widenIntegralDoubles } from './widen-integral-doubles.js';

/**
 * The persisted record of one unit of work: every field androidx's `WorkSpec` persists, with its names
 * (camelCase) and defaults. Durations are ms, times are epoch ms, `LONG_MAX_VALUE` means "none/never".
 */
export interface WorkSpec {
  /** UUID. */
  readonly id: string;
  /** Current state. Default ENQUEUED. */
  readonly state: WorkState;
  /** The worker's name (androidx: `workerClassName`). */
  readonly workerName: string;
  /** Input merger name (androidx: `inputMergerClassName`). Default `OverwritingInputMerger`. */
  readonly inputMerger: string;
  /** Input Data. Default EMPTY. */
  readonly input: Data;
  /** Output Data (one-time success/failure only). Default EMPTY. */
  readonly output: Data;
  /** Initial delay in ms. Default 0. */
  readonly initialDelay: number;
  /** Interval in ms; 0 for one-time work. */
  readonly intervalDuration: number;
  /** Flex in ms; 0 for one-time work. */
  readonly flexDuration: number;
  /** Constraints. Default none. */
  readonly constraints: ResolvedConstraints;
  /** Number of ENQUEUED → RUNNING transitions. Default 0. */
  readonly runAttemptCount: number;
  /** Default EXPONENTIAL. */
  readonly backoffPolicy: BackoffPolicy;
  /** Default 30 000. */
  readonly backoffDelayDuration: number;
  /** True when backoff was set explicitly on the request (kept for updates and diagnostics). */
  readonly backoffCriteriaSet: boolean;
  /** Last time the work became ENQUEUED; −1 if never. */
  readonly lastEnqueueTime: number;
  /** `keepResultsForAtLeast` in ms. Default 0. */
  readonly minimumRetentionDuration: number;
  /** When a limited-slot scheduler was handed the work; −1 if not. */
  readonly scheduleRequestedAt: number;
  /** Expedited (androidx: `expedited`). Default false. */
  readonly expedited: boolean;
  /** Default RUN_AS_NON_EXPEDITED_WORK_REQUEST. */
  readonly outOfQuotaPolicy: OutOfQuotaPolicy;
  /** Completed periods. Default 0. */
  readonly periodCount: number;
  /** Update count. Default 0. */
  readonly generation: number;
  /** Periodic override, or `LONG_MAX_VALUE`. */
  readonly nextScheduleTimeOverride: number;
  /** Bumped when an update changes the override. Default 0. */
  readonly nextScheduleTimeOverrideGeneration: number;
  /** Reason of the previous stop. Default −256 (NOT_STOPPED). */
  readonly stopReason: number;
  /** Whether system stops count as retries. Default false. */
  readonly backOffOnSystemInterruptions: boolean;
  /** Trace span name (`setTraceTag`); default the worker's name, at most 127 characters. */
  readonly traceTag: string;
}

/** `-1`: not handed to a limited-slot scheduler yet (`SCHEDULE_NOT_REQUESTED_YET`). */
export const SCHEDULE_NOT_REQUESTED_YET = -1;

/**
 * The WorkSpec a request becomes before enqueue decides its state and `lastEnqueueTime`.
 * @param inputShape - the worker's input shape when the runtime knows one (the bundle's manifest or a
 * shaped definition): integral Doubles in Int/Long fields are stored as those types, as on a device.
 */
export function createWorkSpec(request: WorkRequest, inputShape?: DataShape): WorkSpec {
  // As built by @workscript/api they come back as they are; hand-made ones are checked and completed.
  const constraints = resolveConstraints(request.constraints);
  checkWorkRequest(request, constraints);
  const periodic = request.kind === 'periodic';
  return {
    id: request.id,
    state: 'ENQUEUED',
    workerName: request.workerName,
    inputMerger: request.kind === 'one-time' ? request.inputMerger : 'OverwritingInputMerger',
    input: inputShape ? widenIntegralDoubles(request.input, inputShape) : request.input,
    output: Data.EMPTY,
    initialDelay: request.initialDelayMs,
    intervalDuration: periodic ? request.intervalMs : 0,
    flexDuration: periodic ? request.flexMs : 0,
    constraints,
    runAttemptCount: 0,
    backoffPolicy: request.backoffPolicy,
    backoffDelayDuration: request.backoffDelayMs,
    backoffCriteriaSet: request.backoffCriteriaSet,
    lastEnqueueTime: -1,
    minimumRetentionDuration: request.keepResultsForAtLeastMs,
    scheduleRequestedAt: SCHEDULE_NOT_REQUESTED_YET,
    expedited: request.kind === 'one-time' ? request.expedited : false,
    outOfQuotaPolicy:
      request.kind === 'one-time' ? request.outOfQuotaPolicy : 'RUN_AS_NON_EXPEDITED_WORK_REQUEST',
    periodCount: 0,
    generation: 0,
    nextScheduleTimeOverride: periodic ? request.nextScheduleTimeOverride : LONG_MAX_VALUE,
    nextScheduleTimeOverrideGeneration: periodic ? request.nextScheduleTimeOverrideGeneration : 0,
    stopReason: StopReason.NOT_STOPPED,
    backOffOnSystemInterruptions: request.backoffOnSystemInterruptions,
    // A hand-made request may lack it; WorkRequest.Builder.build() derives it the same way.
    traceTag: request.traceTag ?? defaultTraceTag(request.workerName),
  };
}

/** `WorkSpec.isPeriodic`. */
export const isPeriodic = (spec: WorkSpec): boolean => spec.intervalDuration !== 0;

/** `WorkSpec.isBackedOff`: ENQUEUED after at least one attempt. */
export const isBackedOff = (spec: WorkSpec): boolean => spec.state === 'ENQUEUED' && spec.runAttemptCount > 0;

/** {@link calculateNextRunTime} for a stored spec. */
export function nextRunTimeOf(spec: WorkSpec): number {
  return calculateNextRunTime({
    isBackedOff: isBackedOff(spec),
    runAttemptCount: spec.runAttemptCount,
    backoffPolicy: spec.backoffPolicy,
    backoffDelayDuration: spec.backoffDelayDuration,
    lastEnqueueTime: spec.lastEnqueueTime,
    periodCount: spec.periodCount,
    isPeriodic: isPeriodic(spec),
    initialDelay: spec.initialDelay,
    flexDuration: spec.flexDuration,
    intervalDuration: spec.intervalDuration,
    nextScheduleTimeOverride: spec.nextScheduleTimeOverride,
  });
}
