import {
  LONG_MAX_VALUE,
  MAX_BACKOFF_MILLIS,
  MIN_PERIODIC_INTERVAL_MILLIS,
  type BackoffPolicy,
} from '@workscript/api';

/** The WorkSpec fields that decide when work may run next (androidx `WorkSpec.calculateNextRunTime`). */
export interface NextRunTimeFields {
  /** `state == ENQUEUED && runAttemptCount > 0`. */
  readonly isBackedOff: boolean;
  /** Completed attempts, incremented on every ENQUEUED → RUNNING. */
  readonly runAttemptCount: number;
  /** Backoff policy. */
  readonly backoffPolicy: BackoffPolicy;
  /** Backoff base delay in ms (already clamped to [10 s, 5 h] at build time). */
  readonly backoffDelayDuration: number;
  /** Epoch ms the work last became ENQUEUED, or −1 if it never was. */
  readonly lastEnqueueTime: number;
  /** Completed periods of periodic work. */
  readonly periodCount: number;
  /** `intervalDuration != 0`. */
  readonly isPeriodic: boolean;
  /** Initial delay in ms. */
  readonly initialDelay: number;
  /** Flex in ms (periodic only). */
  readonly flexDuration: number;
  /** Interval in ms (periodic only). */
  readonly intervalDuration: number;
  /** Next-schedule-time override, or `LONG_MAX_VALUE` for none (periodic only). */
  readonly nextScheduleTimeOverride: number;
}

/**
 * The backoff delay of attempt `runAttemptCount`: LINEAR `delay × n`; EXPONENTIAL `delay × 2^(n−1)`
 * computed in 32-bit float (androidx uses `Math.scalb(float, int)`) and truncated like `Float.toLong()`;
 * both capped at 5 hours.
 */
export function calculateBackoffDelay(
  policy: BackoffPolicy,
  backoffDelayDuration: number,
  runAttemptCount: number,
): number {
  const delay =
    policy === 'LINEAR'
      ? backoffDelayDuration * runAttemptCount
      : Math.trunc(Math.fround(Math.fround(backoffDelayDuration) * 2 ** (runAttemptCount - 1)));
  // A float product beyond Long range saturates to Long.MAX in Kotlin; Infinity/huge values fall to the cap.
  return Math.min(delay, MAX_BACKOFF_MILLIS);
}

/**
 * The earliest epoch ms at which the work may run, exactly as WorkManager computes it. Precedence:
 * 1. a periodic override (first period: the override as is; later: at least 15 min after the last enqueue);
 * 2. backoff for backed-off work, measured from `lastEnqueueTime`;
 * 3. periodic: first period = enqueue + initial delay (+ interval − flex when a flex applies); later
 *    periods = enqueue + interval (flex only shapes the first period);
 * 4. one-time: `LONG_MAX_VALUE` if never enqueued, else enqueue + initial delay.
 *
 * This is the only place timing is decided; schedulers, WorkInfo and the TestDriver all call it.
 */
export function calculateNextRunTime(f: NextRunTimeFields): number {
  if (f.nextScheduleTimeOverride !== LONG_MAX_VALUE && f.isPeriodic) {
    return f.periodCount === 0
      ? f.nextScheduleTimeOverride
      : Math.max(f.nextScheduleTimeOverride, f.lastEnqueueTime + MIN_PERIODIC_INTERVAL_MILLIS);
  }
  if (f.isBackedOff) {
    return (
      f.lastEnqueueTime + calculateBackoffDelay(f.backoffPolicy, f.backoffDelayDuration, f.runAttemptCount)
    );
  }
  if (f.isPeriodic) {
    if (f.periodCount > 0) return f.lastEnqueueTime + f.intervalDuration;
    const first = f.lastEnqueueTime + f.initialDelay;
    return f.flexDuration !== f.intervalDuration ? first + (f.intervalDuration - f.flexDuration) : first;
  }
  if (f.lastEnqueueTime === -1) return LONG_MAX_VALUE;
  return f.lastEnqueueTime + f.initialDelay;
}
