import type { StopReason } from '@workscript/api';
import type { WorkSpec } from '../model/work-spec.js';
import type { ExecutionListener, Processor } from './processor.js';
import type { RuntimeExtras } from './runtime-extras.js';

/** What schedulers use to start and stop work, so they never touch the `Processor` directly. */
export interface WorkLauncher {
  /**
   * Starts an attempt of `id` (no-op if already running). `spec`, when given, must have been read in the
   * transaction that is open now (a scheduler pass); the attempt then skips re-reading it. `extras` tell the
   * worker what started it (default none).
   */
  startWork(id: string, spec?: WorkSpec, extras?: RuntimeExtras): void;
  /** Stops a running attempt of `id` with `reason` (no-op if not running). */
  stopWork(id: string, reason: StopReason): void;
  /** True while `id` is running. */
  isRunning(id: string): boolean;
  /**
   * Calls `listener(id, needsReschedule)` after each attempt's result is committed; `needsReschedule` is
   * false when the work finished or a period of periodic work ended. Returns the unsubscribe function.
   */
  addExecutionListener(listener: ExecutionListener): () => void;
}

/** Creates the default {@link WorkLauncher} over a `Processor`. */
export function createWorkLauncher(processor: Processor): WorkLauncher {
  return {
    startWork: (id, spec, extras) => void processor.startWork(id, spec, extras),
    stopWork: (id, reason) => void processor.stopWork(id, reason),
    isRunning: (id) => processor.isEnqueued(id),
    addExecutionListener: (listener) => processor.addExecutionListener(listener),
  };
}
