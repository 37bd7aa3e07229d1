/**
 * The host's expedited-job quota, as the scheduler sees it (Android: JobScheduler's expedited quota, which
 * refuses an expedited job when the app is out of it). The scheduler asks once per expedited start; a
 * refusal applies the work's `OutOfQuotaPolicy`.
 */
export interface ExpeditedQuota {
  /** True (and the start is counted) when an expedited start at `now` (epoch ms) is within quota. */
  tryAcquire(now: number): boolean;
}

/** Node has no OS quota: every expedited start is within quota (the default). */
export const UNLIMITED_EXPEDITED_QUOTA: ExpeditedQuota = Object.freeze({ tryAcquire: () => true });

/** Options of {@link createExpeditedQuota}. */
export interface ExpeditedQuotaOptions {
  /** Expedited starts allowed per window (≥ 0; 0 models a host that is always out of quota). */
  readonly maxStarts: number;
  /** The rolling window in ms (> 0). */
  readonly windowMs: number;
}

/**
 * A rolling-window quota: at most `maxStarts` expedited starts in any `windowMs`. Android budgets expedited
 * *execution time* per standby bucket, which the OS decides and androidx never sees; counting starts is the
 * part a test can set up exactly.
 * @throws RangeError naming the option when `maxStarts` is not a whole number ≥ 0 or `windowMs` is not > 0.
 */
export function createExpeditedQuota(options: ExpeditedQuotaOptions): ExpeditedQuota {
  const { maxStarts, windowMs } = options;
  if (!Number.isInteger(maxStarts) || maxStarts < 0)
    throw new RangeError(`maxStarts must be a whole number ≥ 0, got ${String(maxStarts)}`);
  if (!Number.isFinite(windowMs) || windowMs <= 0)
    throw new RangeError(`windowMs must be a finite number of milliseconds > 0, got ${String(windowMs)}`);
  const starts: number[] = [];
  return {
    tryAcquire(now) {
      while (starts.length > 0 && (starts[0] as number) <= now - windowMs) starts.shift();
      if (starts.length >= maxStarts) return false;
      starts.push(now);
      return true;
    },
  };
}
