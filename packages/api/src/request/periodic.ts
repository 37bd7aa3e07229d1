import { InvalidWorkRequestError } from '../errors.js';
import { LONG_MAX_VALUE } from '../int.js';
import { checkBoolean } from './check-request-fields.js';
import { checkDurationMs } from './durations.js';
import type { WarningSink } from './warning.js';
import type { PeriodicSchedule } from './work-request-options.js';

/** `prefix.` or nothing, so top-level options are named plainly. */
const at = (prefix: string): string => (prefix === '' ? '' : `${prefix}.`);

/** `PeriodicWorkRequest.MIN_PERIODIC_INTERVAL_MILLIS`: 15 minutes. */
export const MIN_PERIODIC_INTERVAL_MILLIS = 900_000;
/** `PeriodicWorkRequest.MIN_PERIODIC_FLEX_MILLIS`: 5 minutes. */
export const MIN_PERIODIC_FLEX_MILLIS = 300_000;

/**
 * `WorkSpec.setPeriodic(interval, flex)`: the interval is raised to 15 min; the flex is clamped to
 * [5 min, interval] against the *clamped* interval; without a flex, flex = interval. WorkManager only warns.
 */
export function resolvePeriodicSchedule(
  schedule: { readonly intervalMs: number | undefined; readonly flexMs: number | undefined },
  field: string,
  warn: WarningSink,
): PeriodicSchedule & { readonly flexMs: number } {
  if (schedule.intervalMs === undefined) {
    throw new InvalidWorkRequestError(
      `${at(field)}intervalMs`,
      `a periodic request needs an interval; use at least ${MIN_PERIODIC_INTERVAL_MILLIS} ms (15 minutes)`,
    );
  }
  const requested = checkDurationMs(`${at(field)}intervalMs`, schedule.intervalMs);
  let intervalMs = requested;
  if (requested < MIN_PERIODIC_INTERVAL_MILLIS) {
    warn(
      `${at(field)}intervalMs: interval ${requested} ms is less than the minimum; changed to ${MIN_PERIODIC_INTERVAL_MILLIS} ms (15 min)`,
    );
    intervalMs = MIN_PERIODIC_INTERVAL_MILLIS;
  }
  if (schedule.flexMs === undefined) return { intervalMs, flexMs: intervalMs };
  const requestedFlex = checkDurationMs(`${at(field)}flexMs`, schedule.flexMs);
  let flexMs = requestedFlex;
  if (requestedFlex < MIN_PERIODIC_FLEX_MILLIS) {
    warn(
      `${at(field)}flexMs: flex ${requestedFlex} ms is less than the minimum; changed to ${MIN_PERIODIC_FLEX_MILLIS} ms (5 min)`,
    );
    flexMs = MIN_PERIODIC_FLEX_MILLIS;
  } else if (requestedFlex > intervalMs) {
    warn(
      `${at(field)}flexMs: flex ${requestedFlex} ms is greater than the interval; changed to ${intervalMs} ms`,
    );
    flexMs = intervalMs;
  }
  return { intervalMs, flexMs };
}

/** The stored override pair. */
export interface ResolvedOverride {
  /** Override time, or LONG_MAX_VALUE for none. */
  readonly nextScheduleTimeOverride: number;
  /** 1 when the request sets or clears the override, else 0. */
  readonly nextScheduleTimeOverrideGeneration: number;
}

/**
 * `setNextScheduleTimeOverride(t)` / `clearNextScheduleTimeOverride()`: setting `Long.MAX_VALUE` is an
 * error (WorkManager: IllegalArgumentException), and setting both is contradictory.
 */
export function resolveOverride(
  override: number | undefined,
  clearOption: boolean | undefined,
  field: string,
): ResolvedOverride {
  // A truthy non-boolean ('yes', 1) would clear the override of the updated work without saying so.
  const clear = checkBoolean(`${at(field)}clearNextScheduleTimeOverride`, clearOption);
  if (override !== undefined && clear) {
    throw new InvalidWorkRequestError(
      `${at(field)}nextScheduleTimeOverride`,
      'nextScheduleTimeOverride and clearNextScheduleTimeOverride cannot be used together; set one of them',
    );
  }
  if (override !== undefined) {
    if (override === LONG_MAX_VALUE) {
      throw new InvalidWorkRequestError(
        `${at(field)}nextScheduleTimeOverride`,
        'Long.MAX_VALUE cannot be used as the next schedule time; to remove an override use clearNextScheduleTimeOverride: true',
      );
    }
    return {
      nextScheduleTimeOverride: checkDurationMs(`${at(field)}nextScheduleTimeOverride`, override),
      nextScheduleTimeOverrideGeneration: 1,
    };
  }
  return { nextScheduleTimeOverride: LONG_MAX_VALUE, nextScheduleTimeOverrideGeneration: clear ? 1 : 0 };
}
