import type { WorkSpec } from '../model/work-spec.js';

/**
 * Picks when work runs, never runs it (androidx `Scheduler`). Limited-slot schedulers only receive specs
 * not yet handed to a scheduler, at most `maxSchedulerLimit` at a time; unlimited ones see every ENQUEUED spec.
 */
export interface Scheduler {
  /** Takes these ENQUEUED specs into account (may start some now). */
  schedule(specs: readonly WorkSpec[]): void;
  /** Forgets `id` and stops it if it was started by this scheduler. */
  cancel(id: string): void;
  /**
   * Optional: `id` was cancelled or replaced and will never run again, so anything kept about it for later
   * runs (throttling, pending state) can go. Called after `cancel(id)`. Without it a long-lived process
   * keeps an entry for every work cancelled before it ran.
   */
  forget?(id: string): void;
  /** True for schedulers with a bounded number of slots (JobScheduler, TestScheduler). */
  readonly hasLimitedSlots: boolean;
  /** Releases timers and listeners. */
  close(): void;
}
