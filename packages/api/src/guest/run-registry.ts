import type { StopReason } from '../stop-reason.js';
import type { WorkSignalController } from './create-work-signal.js';

/**
 * The runs in progress, keyed by runId, and which run's code is executing synchronously right now. Timers
 * use {@link RunRegistry.currentRunId} to say which run they belong to.
 */
export class RunRegistry {
  private readonly runs = new Map<string, WorkSignalController>();
  private syncRunId: string | null = null;

  /** True while `runId` runs. */
  has(runId: string): boolean {
    return this.runs.has(runId);
  }

  /** Registers a run until {@link RunRegistry.finish}. */
  start(runId: string, controller: WorkSignalController): void {
    this.runs.set(runId, controller);
  }

  /** Forgets a run. */
  finish(runId: string): void {
    this.runs.delete(runId);
  }

  /** Aborts the signal of `runId`; does nothing for runs that already finished. */
  stop(runId: string, reason: StopReason): void {
    this.runs.get(runId)?.abort(reason);
  }

  /** Calls `fn` with `runId` marked as the run whose code executes (the synchronous part of `run`). */
  within<T>(runId: string, fn: () => T): T {
    const previous = this.syncRunId;
    this.syncRunId = runId;
    try {
      return fn();
    } finally {
      this.syncRunId = previous;
    }
  }

  /**
   * The run a timer created now belongs to: the run whose synchronous code is executing, else the only run in
   * progress. With several runs in progress, code resumed after an `await` cannot be attributed (QuickJS has
   * no async context tracking), and the answer is null.
   */
  currentRunId(): string | null {
    if (this.syncRunId !== null) return this.syncRunId;
    if (this.runs.size !== 1) return null;
    const [only] = this.runs.keys();
    return only ?? null;
  }
}
