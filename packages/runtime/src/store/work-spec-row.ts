import {
  LONG_MAX_VALUE,
  MAX_BACKOFF_MILLIS,
  MIN_BACKOFF_MILLIS,
  MIN_PERIODIC_FLEX_MILLIS,
  MIN_PERIODIC_INTERVAL_MILLIS,
} from '@workscript/api';
import { showValue } from '../internal/show-value.js';
import { StoredValueError } from './stored-value-error.js';

/** A `work_spec` row as better-sqlite3 reads it (migration 0001 and later ones name the columns). */
export interface WorkSpecRow {
  id: string;
  state: number;
  worker_name: string;
  input_merger: string;
  input: Uint8Array;
  output: Uint8Array;
  initial_delay: number;
  interval_duration: number;
  flex_duration: number;
  run_attempt_count: number;
  backoff_policy: number;
  backoff_delay_duration: number;
  backoff_criteria_set: number;
  last_enqueue_time: number;
  minimum_retention_duration: number;
  schedule_requested_at: number;
  expedited: number;
  out_of_quota_policy: number;
  period_count: number;
  generation: number;
  /** Written as a bigint for Long.MAX_VALUE (`STORED_NO_OVERRIDE`); read back as a number. */
  next_schedule_time_override: number | bigint;
  next_schedule_time_override_generation: number;
  stop_reason: number;
  backoff_on_system_interruptions: number;
  required_network_type: number;
  requires_charging: number;
  requires_device_idle: number;
  requires_battery_not_low: number;
  requires_storage_not_low: number;
  trigger_content_update_delay: number;
  trigger_max_content_delay: number;
  content_uri_triggers: Uint8Array;
  trace_tag: string | null;
}

type Column = keyof WorkSpecRow;

function refuse(r: WorkSpecRow, column: Column, expected: string): never {
  throw new StoredValueError(
    `work_spec.${column} of work ${String(r.id)} holds ${showValue(r[column])}, not ${expected}`,
  );
}

function integer(r: WorkSpecRow, column: Column, min: number, max = Number.MAX_SAFE_INTEGER): void {
  const v = r[column];
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min || v > max)
    refuse(r, column, `a whole number from ${min} to ${max}`);
}

const FLAGS = [
  'backoff_criteria_set',
  'expedited',
  'backoff_on_system_interruptions',
  'requires_charging',
  'requires_device_idle',
  'requires_battery_not_low',
  'requires_storage_not_low',
] as const;

/**
 * The row holds what the runtime itself writes: the right storage class in every column and the timing
 * values within the limits the request checks enforce. SQLite's columns take any value, so a row changed by
 * hand can hold text where a number belongs; the scheduler's arithmetic then yields NaN, and a periodic work
 * whose interval was the text 'abc' ran again at once after every run, for ever. Enum ids are checked where
 * they are converted (`TypeConverters`), Data where it is decoded (`storedData`). Checked on every read,
 * before the row becomes a WorkSpec.
 * @throws StoredValueError naming the column, the work and what it should hold.
 */
export function checkWorkSpecRow(r: WorkSpecRow): void {
  if (typeof r.id !== 'string') refuse(r, 'id', 'a work id');
  if (typeof r.worker_name !== 'string' || r.worker_name === '') refuse(r, 'worker_name', "a worker's name");
  if (typeof r.input_merger !== 'string') refuse(r, 'input_merger', "an input merger's name");
  if (!(r.content_uri_triggers instanceof Uint8Array)) refuse(r, 'content_uri_triggers', 'a blob');
  if (r.trace_tag !== null && typeof r.trace_tag !== 'string') refuse(r, 'trace_tag', 'text or NULL');
  for (const flag of FLAGS) if (r[flag] !== 0 && r[flag] !== 1) refuse(r, flag, '0 or 1');
  integer(r, 'initial_delay', 0);
  if (r.interval_duration !== 0) {
    integer(r, 'interval_duration', MIN_PERIODIC_INTERVAL_MILLIS);
    integer(r, 'flex_duration', MIN_PERIODIC_FLEX_MILLIS, r.interval_duration);
  } else integer(r, 'flex_duration', 0);
  integer(r, 'backoff_delay_duration', MIN_BACKOFF_MILLIS, MAX_BACKOFF_MILLIS);
  integer(r, 'run_attempt_count', 0);
  integer(r, 'period_count', 0);
  integer(r, 'generation', 0);
  integer(r, 'minimum_retention_duration', 0);
  // Times may be negative: the TestDriver's setPeriodDelayMet moves lastEnqueueTime back by an interval.
  integer(r, 'last_enqueue_time', -Number.MAX_SAFE_INTEGER);
  integer(r, 'schedule_requested_at', -Number.MAX_SAFE_INTEGER);
  // -1: no content-trigger delay, as androidx stores it.
  integer(r, 'trigger_content_update_delay', -1);
  integer(r, 'trigger_max_content_delay', -1);
  integer(r, 'next_schedule_time_override_generation', 0);
  integer(r, 'stop_reason', -(2 ** 31), 2 ** 31 - 1);
  // Long.MAX_VALUE ("no override") reads back as 2^63, past the safe integers.
  if (r.next_schedule_time_override !== LONG_MAX_VALUE)
    integer(r, 'next_schedule_time_override', -Number.MAX_SAFE_INTEGER);
}
