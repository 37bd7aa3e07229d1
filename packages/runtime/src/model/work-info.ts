import { LONG_MAX_VALUE, type Data, type ResolvedConstraints, type WorkState } from '@workscript/api';
import { nextRunTimeOf, type WorkSpec } from './work-spec.js';

/** `WorkInfo.PeriodicityInfo`: interval and flex of periodic work. */
export interface PeriodicityInfo {
  /** Repeat interval in ms. */
  readonly repeatIntervalMillis: number;
  /** Flex interval in ms. */
  readonly flexIntervalMillis: number;
}

/** A snapshot of one unit of work, as androidx's `WorkInfo` reports it. */
export interface WorkInfo {
  /** The work's id. */
  readonly id: string;
  /** Current state. */
  readonly state: WorkState;
  /**
   * Tags, including the worker name (the implicit tag, like androidx's class-name tag), sorted by UTF-16
   * code units: the order the worker sees in `ctx.tags`, here and on Android.
   */
  readonly tags: readonly string[];
  /** Output of one-time work that succeeded or failed; EMPTY otherwise. */
  readonly outputData: Data;
  /** Latest progress while RUNNING (kept across a stop); EMPTY otherwise. */
  readonly progress: Data;
  /** Stored attempt count (already incremented while RUNNING). */
  readonly runAttemptCount: number;
  /** Number of updates. */
  readonly generation: number;
  /** Stored constraints. */
  readonly constraints: ResolvedConstraints;
  /** Initial delay in ms. */
  readonly initialDelayMillis: number;
  /** Interval and flex for periodic work; null for one-time work. */
  readonly periodicityInfo: PeriodicityInfo | null;
  /** `calculateNextRunTime()` while ENQUEUED, else `LONG_MAX_VALUE`. Reflects timing only, not constraints. */
  readonly nextScheduleTimeMillis: number;
  /** Reason of the previous stop; −256 (NOT_STOPPED) while running and after a retry. */
  readonly stopReason: number;
}

/** Builds the WorkInfo of a stored spec; `tags` as `WorkTagDao` returns them (sorted). */
export function createWorkInfo(spec: WorkSpec, tags: readonly string[], progress: Data): WorkInfo {
  return Object.freeze({
    id: spec.id,
    state: spec.state,
    tags: Object.freeze([...tags]),
    outputData: spec.output,
    progress,
    runAttemptCount: spec.runAttemptCount,
    generation: spec.generation,
    constraints: spec.constraints,
    initialDelayMillis: spec.initialDelay,
    periodicityInfo:
      spec.intervalDuration !== 0
        ? Object.freeze({
            repeatIntervalMillis: spec.intervalDuration,
            flexIntervalMillis: spec.flexDuration,
          })
        : null,
    nextScheduleTimeMillis: spec.state === 'ENQUEUED' ? nextRunTimeOf(spec) : LONG_MAX_VALUE,
    stopReason: spec.stopReason,
  });
}

/** `WorkInfo.equals`: every field, Data by content. */
export function workInfoEquals(a: WorkInfo | null, b: WorkInfo | null): boolean {
  if (a === null || b === null) return a === b;
  return (
    a.id === b.id &&
    a.state === b.state &&
    a.tags.join('\u0000') === b.tags.join('\u0000') &&
    a.outputData.equals(b.outputData) &&
    a.progress.equals(b.progress) &&
    a.runAttemptCount === b.runAttemptCount &&
    a.generation === b.generation &&
    JSON.stringify(a.constraints) === JSON.stringify(b.constraints) &&
    a.initialDelayMillis === b.initialDelayMillis &&
    JSON.stringify(a.periodicityInfo) === JSON.stringify(b.periodicityInfo) &&
    a.nextScheduleTimeMillis === b.nextScheduleTimeMillis &&
    a.stopReason === b.stopReason
  );
}
