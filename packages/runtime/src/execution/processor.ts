import { StopReason } from '@workscript/api';
import type { RuntimeContext } from '../internal/runtime-context.js';
import type { WorkSpec } from '../model/work-spec.js';
import { isDatabaseAccessFailure } from '../store/database-access.js';
import type { TimerHandle } from '../timer.js';
import type { AppliedResolution } from './apply-resolution.js';
import type { Resolution } from './resolution.js';
import type { RuntimeExtras } from './runtime-extras.js';
import { WorkerWrapper } from './worker-wrapper.js';

const TAG = 'workscript:processor';

/**
 * How long to wait before trying again to record an attempt's result that the database refused for a reason
 * that may pass (a full disk, a lock held past the busy timeout, an I/O error); the last delay repeats until
 * the write succeeds or the WorkManager closes. Meanwhile the work stays RUNNING, and its result (outputs
 * included) exists only in this process. androidx gives up at once and leaves the row RUNNING until the next
 * process start runs the work again; a Node process may live for months, and the worker may have done
 * something that must not be done twice.
 */
export const RECORD_RESULT_RETRY_DELAYS_MS: readonly number[] = [1_000, 5_000, 30_000, 60_000];

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
  /** Wakes the results waiting to be recorded again (see `#record`). */
  readonly #pauses = new Set<() => void>();
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
      .catch((e: unknown) => this.#couldNotStart(id, e))
      .then((resolution) => this.#record(id, wrapper, resolution))
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
          this.#ctx.logger.log(
            'error',
            TAG,
            `Could not record the outcome of ${id}'s attempt: ${(e as Error).message}. The database keeps its state from before (RUNNING if it had started), and the next start runs it again, as after a process death`,
          );
        },
      );
    this.#running.set(id, { wrapper, limit, done });
    return true;
  }

  /**
   * Applies the attempt's resolution through the serial task executor. A refusal that may pass is retried
   * after {@link RECORD_RESULT_RETRY_DELAYS_MS} while the attempt stays registered here (so nothing starts
   * the work again); each try reads the work's state afresh, so a cancel or a REPLACE meanwhile still wins.
   * After {@link Processor.shutdown} it tries once more at once, then gives up.
   */
  async #record(id: string, wrapper: WorkerWrapper, resolution: Resolution): Promise<AppliedResolution> {
    for (let failures = 0; ; failures++) {
      try {
        return await this.#ctx.taskExecutor.execute(() => {
          const applied = wrapper.apply(this.#asProcessDeath(resolution));
          // In the task, right after the commit: events follow commit order, so no later operation's
          // event (a cancel a listener issued, say) can come out before this one.
          applied.emit();
          return applied;
        });
      } catch (e) {
        if (this.#shuttingDown || !isDatabaseAccessFailure(e)) throw e;
        const delays = RECORD_RESULT_RETRY_DELAYS_MS;
        const delay = delays[Math.min(failures, delays.length - 1)] as number;
        this.#ctx.logger.log(
          'warn',
          TAG,
          `Could not record the outcome of ${id}'s attempt (${(e as Error).message}); trying again in ${delay} ms. Until then the work keeps its state, and nothing starts it again`,
        );
        await this.#pause(delay);
      }
    }
  }

  /**
   * The attempt could not begin because the database refused to mark it RUNNING (its own commit, outside a
   * scheduler pass). For a refusal that may pass, it becomes an attempt that did not run: after the first
   * retry delay (so a database that refuses everything does not spin), a `reset` that puts the work back to
   * the schedulers, recorded by `#record` with its retries. Anything else is rethrown.
   */
  async #couldNotStart(id: string, e: unknown): Promise<Resolution> {
    if (!isDatabaseAccessFailure(e)) throw e;
    const delay = RECORD_RESULT_RETRY_DELAYS_MS[0] as number;
    this.#ctx.logger.log(
      'warn',
      TAG,
      `Could not start ${id} (${(e as Error).message}); it stays ENQUEUED, and is handed to the schedulers again in ${delay} ms`,
    );
    if (!this.#shuttingDown) await this.#pause(delay);
    return { kind: 'reset', needsReschedule: true };
  }

  /** Resolves after `ms` on the WorkManager's timer, or at {@link Processor.shutdown}, whichever comes first. */
  #pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = (): void => {
        this.#ctx.timer.clearTimeout(handle);
        this.#pauses.delete(wake);
        resolve();
      };
      const handle = this.#ctx.timer.setTimeout(wake, ms);
      this.#pauses.add(wake);
    });
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
    for (const wake of [...this.#pauses]) wake();
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
