import type { Clock } from '../clock.js';
import type { Timer, TimerHandle } from '../timer.js';
import { showValue } from '../internal/show-value.js';

/** Default start of a {@link TestClock}: 2023-11-14T22:13:20Z, far from 0 so "−1 = never" stays distinct. */
export const DEFAULT_TEST_CLOCK_START = 1_700_000_000_000;

/** Two event-loop turns: enough for promise chains started by a timer callback to run. */
const twoTurns = async (): Promise<void> => {
  await new Promise<void>((resolve) => setImmediate(resolve));
  await new Promise<void>((resolve) => setImmediate(resolve));
};

/**
 * A manual clock that is also a {@link Timer}: time moves only through {@link TestClock.advance}, which
 * fires due timers in time order (timers they set that fall inside the step fire too). After each timer
 * it awaits {@link TestClock.settle}, so what a timer starts (a worker run and its result) happens at that
 * timer's time, not at the end of the step.
 */
export class TestClock implements Clock, Timer {
  /**
   * Awaited after each fired timer and at the end of `advance`. Default: two event-loop turns;
   * `createTestWorkManager` sets it to the WorkManager's `settle()`.
   */
  settle: () => Promise<void> = twoTurns;
  #now: number;
  #seq = 0;
  readonly #timers = new Map<TimerHandle, { at: number; seq: number; callback: () => void }>();

  /**
   * @param startMillis - initial epoch ms: a whole number from 0 to `Number.MAX_SAFE_INTEGER`. Default
   *   {@link DEFAULT_TEST_CLOCK_START}.
   * @throws TypeError when `startMillis` is not a number; RangeError when it is not such a whole number.
   */
  constructor(startMillis = DEFAULT_TEST_CLOCK_START) {
    // Times are WorkManager's Long epoch ms: a fraction or NaN reaches SQLite (NaN as a NOT NULL failure),
    // and −1 is WorkManager's "never enqueued", so work enqueued at that time would never run.
    this.#now = checkWholeMillis(
      'new TestClock(startMillis): startMillis',
      startMillis,
      Number.MAX_SAFE_INTEGER,
    );
  }

  /** @inheritDoc */
  currentTimeMillis(): number {
    return this.#now;
  }

  /**
   * Calls `callback` once {@link TestClock.advance} reaches `delayMs` from now. As with Node's timers, a
   * negative delay counts as 0; a fraction rounds up to the next whole ms (the clock shows whole ms, and a
   * timer must not fire early); `Infinity` never fires.
   * @throws TypeError when `callback` is not a function or `delayMs` not a number; RangeError for NaN.
   */
  setTimeout(callback: () => void, delayMs: number): TimerHandle {
    // Checked here, not when the timer fires: by then the caller that passed it is long gone.
    if (typeof callback !== 'function')
      throw new TypeError(`TestClock.setTimeout: callback must be a function, got ${showValue(callback)}`);
    if (typeof delayMs !== 'number' || Number.isNaN(delayMs))
      throw new (typeof delayMs === 'number' ? RangeError : TypeError)(
        `TestClock.setTimeout: delayMs must be a number of milliseconds, got ${showValue(delayMs)}`,
      );
    const handle = {};
    this.#timers.set(handle, { at: this.#now + Math.max(0, Math.ceil(delayMs)), seq: this.#seq++, callback });
    return handle;
  }

  /** @inheritDoc */
  clearTimeout(handle: TimerHandle): void {
    this.#timers.delete(handle);
  }

  /**
   * Moves time forward by `ms`, firing every timer due on the way at its own time and settling after each.
   * The clock already shows the target time when no timer is due, even before awaiting.
   * @param ms - a whole number of milliseconds ≥ 0 that keeps the time a safe integer (at most
   *   `Number.MAX_SAFE_INTEGER` − now).
   * @throws TypeError (rejection) when `ms` is not a number; RangeError (rejection) when it is not such a
   *   whole number. The clock does not move.
   */
  async advance(ms: number): Promise<void> {
    // Infinity (or a huge step) would fire periodic work forever and never resolve; a string would be
    // concatenated into the time.
    const step = checkWholeMillis('TestClock.advance(ms): ms', ms, Number.MAX_SAFE_INTEGER - this.#now);
    const target = this.#now + step;
    for (;;) {
      let next: [TimerHandle, { at: number; seq: number; callback: () => void }] | undefined;
      for (const entry of this.#timers) {
        if (
          entry[1].at <= target &&
          (!next || entry[1].at < next[1].at || (entry[1].at === next[1].at && entry[1].seq < next[1].seq))
        )
          next = entry;
      }
      if (!next) break;
      this.#timers.delete(next[0]);
      this.#now = Math.max(this.#now, next[1].at);
      next[1].callback();
      await this.settle();
    }
    this.#now = target;
    await this.settle();
  }

  /** Number of pending timers (handy to assert that nothing waits). */
  get pendingTimers(): number {
    return this.#timers.size;
  }
}

/**
 * `value` as a whole number of milliseconds from 0 to `max`, the range WorkManager's Long times take here
 * (as the request builders check durations).
 * @throws TypeError when it is not a number; RangeError when it is not a whole number in range.
 */
function checkWholeMillis(name: string, value: unknown, max: number): number {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= max) return value;
  throw new (typeof value === 'number' ? RangeError : TypeError)(
    `${name} must be a whole number of milliseconds from 0 to ${max}, got ${showValue(value)}`,
  );
}
