import type { Clock } from '../clock.js';
import type { Timer, TimerHandle } from '../timer.js';

/**
 * One timer per work id until its next run time (androidx `DelayedWorkTracker`); scheduling an id again
 * replaces its timer. When a timer fires, `onDue(id)` runs.
 */
export class DelayedWorkTracker {
  readonly #timer: Timer;
  readonly #clock: Clock;
  readonly #onDue: (id: string) => void;
  readonly #pending = new Map<string, TimerHandle>();

  constructor(timer: Timer, clock: Clock, onDue: (id: string) => void) {
    this.#timer = timer;
    this.#clock = clock;
    this.#onDue = onDue;
  }

  /** Calls back for `id` at `nextRunTime` (epoch ms). */
  schedule(id: string, nextRunTime: number): void {
    this.unschedule(id);
    const handle = this.#timer.setTimeout(
      () => {
        this.#pending.delete(id);
        this.#onDue(id);
      },
      Math.max(0, nextRunTime - this.#clock.currentTimeMillis()),
    );
    this.#pending.set(id, handle);
  }

  /** Cancels the timer of `id`, if any. */
  unschedule(id: string): void {
    const handle = this.#pending.get(id);
    if (handle !== undefined) this.#timer.clearTimeout(handle);
    this.#pending.delete(id);
  }

  /** True while a timer for `id` is pending. */
  isScheduled(id: string): boolean {
    return this.#pending.has(id);
  }

  /** Cancels every timer. */
  close(): void {
    for (const id of [...this.#pending.keys()]) this.unschedule(id);
  }
}
