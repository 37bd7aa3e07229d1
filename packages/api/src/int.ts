import { WorkscriptError } from './errors.js';

declare const intBrand: unique symbol;
declare const longBrand: unique symbol;

/**
 * A 32-bit signed integer. At run time it is a plain `number`; the brand tells the codegen to use Kotlin
 * `Int` (and Data's `putInt`) instead of `Double`. Create one with {@link int}.
 */
export type Int = number & { readonly [intBrand]: 'Int' };

/**
 * A 64-bit integer restricted to JavaScript's safe range (±2^53−1), so it survives the trip through JSON
 * and `number` unchanged. The codegen maps it to Kotlin `Long`. Create one with {@link long}.
 */
export type Long = number & { readonly [longBrand]: 'Long' };

/** Smallest value of Kotlin `Int`. */
export const INT_MIN_VALUE = -2_147_483_648;
/** Largest value of Kotlin `Int`. */
export const INT_MAX_VALUE = 2_147_483_647;

/**
 * Kotlin `Long.MAX_VALUE` as the nearest `number` (2^63). WorkManager uses it as "never"
 * (`nextScheduleTimeMillis` of work that is not ENQUEUED, "no schedule override"). Hosts map it to and from
 * the exact `Long.MAX_VALUE` when crossing the bridge.
 */
export const LONG_MAX_VALUE = 2 ** 63; // Long.MAX_VALUE (2^63 − 1) rounds to exactly this double.

/** Thrown by {@link int} and {@link long} for values the Kotlin type cannot hold. */
export class IntegerRangeError extends WorkscriptError {
  constructor(message: string) {
    super('integer-out-of-range', message);
  }
}

/** True when `value` is an integer in Kotlin `Int`'s range. */
export function isInt(value: unknown): value is Int {
  return (
    typeof value === 'number' && Number.isInteger(value) && value >= INT_MIN_VALUE && value <= INT_MAX_VALUE
  );
}

/** True when `value` is a safe integer (and therefore a {@link Long} that round-trips exactly). */
export function isLong(value: unknown): value is Long {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

/**
 * Checks and brands a number as {@link Int}.
 * @throws IntegerRangeError when `value` is not an integer in [−2^31, 2^31−1].
 */
export function int(value: number): Int {
  if (!isInt(value)) {
    throw new IntegerRangeError(
      `${String(value)} is not an Int: use an integer between ${INT_MIN_VALUE} and ${INT_MAX_VALUE}` +
        (Number.isInteger(value) ? ' (or a Long for larger values)' : ''),
    );
  }
  return value;
}

/**
 * Checks and brands a number as {@link Long}.
 * @throws IntegerRangeError when `value` is not a safe integer (|value| ≤ 2^53−1).
 */
export function long(value: number): Long {
  if (!isLong(value)) {
    throw new IntegerRangeError(
      `${String(value)} is not a Long: use an integer between ${Number.MIN_SAFE_INTEGER} and ` +
        `${Number.MAX_SAFE_INTEGER} (JavaScript numbers lose precision beyond that)`,
    );
  }
  return value;
}
