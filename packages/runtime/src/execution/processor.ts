import { StopReason } from '@workscript/api';
import type { RuntimeContext } from '../internal/runtime-context.js';
import type { WorkSpec } from '../model/work-spec.js';
import type { TimerHandle } from '../timer.js';
import type { Resolution } from './resolution.js';
import type { RuntimeExtras } from './runtime-extras.js';
import { WorkerWrapper } from './worker-wrapper.js';

const TAG = 'workscript:processor';

/**
 * Called when an attempt finished and its resolution was committed (androidx `ExecutionListener.onExecuted`):
 * `needsReschedule` is true after a retry or a stop, false when the work finished or a period ended.
 */
export type ExecutionListener = (id: string, needsReschedule: boolean) => void;

/**
 * The registry of running {@link WorkerWrapper}s (androidx `Processor`): starts an attempt unless the
 * same work is already running, stops or cancels running attempts, enforces the execution time limit,
 * and tells listeners when an attempt's result is committed. It never decides *what* should run.
 */
export class Processor {
  readonly #ctx: RuntimeContext;
  readonly #running = new Map<string, { wrapper: WorkerWrapper; limit: TimerHandle; done: Promise<void> }>();
  readonly #listeners = new Set<ExecutionListener>();
  readonly #cancelled = new Set<string>();
  #shuttingDown = false;

  constructor(ctx: RuntimeContext) {
    this.#ctx = ctx;
  }

  /**
   * Starts one attempt of `id`. Returns false when it is already running (androidx refuses duplicates) or
   * the WorkManager is closing.
   * `spec` may be passed when it was read in the transaction open now (see `WorkLauncher.startWork`);
   * `extras` reach the worker's parameters. The attempt runs asynchronously; its result is applied through
   * the serial task executor.
   */
  startWork(id: string, spec?: WorkSpec, extras?: RuntimeExtras): boolean {
    // After shutdown() nothing starts: the work stays ENQUEUED for the next start.
    if (this.#shuttingDown) return false;
    if (this.#running.has(id)) {
      this.#ctx.logger.log('debug', TAG, `Work ${id} is already enqueued for processing`);
      return false;
    }
    const wrapper = new WorkerWrapper(this.#ctx, id, spec, extras);
    // In-process time limit (androidx TimeLimiter): exceeding it is a stop with TIMEOUT, not a failure.
    const limit = this.#ctx.timer.setTimeout(
      () => wrapper.interrupt(StopReason.TIMEOUT),
      this.#ctx.executionTimeLimitMs,
    );
    const done = wrapper
      .run()
      .then((resolution) =>
        this.#ctx.taskExecutor.execute(() => {
          const applied = wrapper.apply(this.#asProcessDeath(resolution));
          // In the task, right after the commit: events follow commit order, so no later operation's
          // event (a cancel a listener issued, say) can come out before this one.
          applied.emit();
          return applied;
        }),
      )
      .then(
        (applied) => {
          this.#finish(id, limit);
          for (const l of [...this.#listeners]) {
            try {
              l(id, applied.needsReschedule);
            } catch (e) {
              this.#ctx.logger.log(
                'error',
                TAG,
                `Execution listener failed for ${id}: ${(e as Error).message}`,
              );
            }
          }
        },
        (e: unknown) => {
          this.#finish(id, limit);
          this.#ctx.logger.log('error', TAG, `Could not record the result of ${id}: ${(e as Error).message}`);
        },
      );
    this.#running.set(id, { wrapper, limit, done });
    return true;
  }

  #finish(id: string, limit: TimerHandle): void {
    this.#ctx.timer.clearTimeout(limit);
    this.#running.delete(id);
    this.#cancelled.delete(id);
  }

  /** Stops a running attempt with `reason` (first stop wins). Returns false if it was not running. */
  stopWork(id: string, reason: StopReason): boolean {
    const entry = this.#running.get(id);
    if (!entry) return false;
    entry.wrapper.interrupt(reason);
    return true;
  }

  /**
   * Stops every running attempt because the WorkManager closes. androidx has no such call (its process
   * just dies), so each stop is recorded as the next start's recovery would record a death: ENQUEUED with
   * stop reason UNKNOWN, attempt count and `lastEnqueueTime` kept, never backed off from now (even with
   * `backoffOnSystemInterruptions`, which applies to stops a live process receives).
   */
  shutdown(): void {
    this.#shuttingDown = true;
    for (const id of this.runningIds()) this.stopWork(id, StopReason.UNKNOWN);
  }

  #asProcessDeath(resolution: Resolution): Resolution {
    return this.#shuttingDown && resolution.kind === 'reset' && resolution.stopReason !== undefined
      ? { ...resolution, processDeath: true }
      : resolution;
  }

  /** Stops a running attempt because its work was cancelled (androidx `stopAndCancelWork`). */
  stopAndCancelWork(id: string, reason: StopReason): boolean {
    if (this.#running.has(id)) this.#cancelled.add(id);
    return this.stopWork(id, reason);
  }

  /** True while an attempt of `id` is running (androidx `isEnqueued`). */
  isEnqueued(id: string): boolean {
    return this.#running.has(id);
  }

  /** True if `id` was cancelled while running and its attempt has not wound down yet. */
  isCancelled(id: string): boolean {
    return this.#cancelled.has(id);
  }

  /** Ids currently running. */
  runningIds(): string[] {
    return [...this.#running.keys()];
  }

  /** Resolves when every attempt running now has been applied. */
  async whenAllApplied(): Promise<void> {
    await Promise.all([...this.#running.values()].map((e) => e.done));
  }

  /** Registers an {@link ExecutionListener}; returns the unsubscribe function. */
  addExecutionListener(listener: ExecutionListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
