import type { Clock } from '../clock.js';
import type { Timer, TimerHandle } from '../timer.js';

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

  /** @param startMillis - initial epoch ms. Default {@link DEFAULT_TEST_CLOCK_START}. */
  constructor(startMillis = DEFAULT_TEST_CLOCK_START) {
    this.#now = startMillis;
  }

  /** @inheritDoc */
  currentTimeMillis(): number {
    return this.#now;
  }

  /** @inheritDoc */
  setTimeout(callback: () => void, delayMs: number): TimerHandle {
    const handle = {};
    this.#timers.set(handle, { at: this.#now + Math.max(0, delayMs), seq: this.#seq++, callback });
    return handle;
  }

  /** @inheritDoc */
  clearTimeout(handle: TimerHandle): void {
    this.#timers.delete(handle);
  }

  /**
   * Moves time forward by `ms` (≥ 0), firing every timer due on the way at its own time and settling
   * after each. The clock already shows the target time when no timer is due, even before awaiting.
   */
  async advance(ms: number): Promise<void> {
    if (!(ms >= 0)) throw new RangeError(`TestClock.advance(${ms}): use a non-negative number of ms`);
    const target = this.#now + ms;
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
