import { StopReason, type WorkerDefinition, Data } from '@workscript/api';
import type { RuntimeContext } from '../internal/runtime-context.js';
import { isBackedOff, isPeriodic, nextRunTimeOf, type WorkSpec } from '../model/work-spec.js';
import { applyResolution, type AppliedResolution } from './apply-resolution.js';
import type { Resolution } from './resolution.js';
import { NO_RUNTIME_EXTRAS, type RuntimeExtras } from './runtime-extras.js';
import { createWorkerFetch } from './worker-fetch.js';
import { notifyWorkerException } from './worker-exception-handlers.js';
import { createWorkerLogger } from './worker-logger.js';
import { createWorkerStorage } from './worker-storage.js';
import { WorkerThreadDiedError } from './thread-pool.js';
import { createWorkSignal } from './work-signal.js';

const TAG = 'workscript:worker-wrapper';

/**
 * Runs ONE attempt of one unit of work (androidx `WorkerWrapper`): checks the stored state and timing,
 * merges the input, creates the worker, marks it RUNNING, runs it, and returns a {@link Resolution}.
 * {@link WorkerWrapper.apply} writes that resolution in one transaction. A stop aborts `ctx.signal` and
 * resolves the attempt at once, even if the worker ignores the signal; its late result is ignored.
 */
export class WorkerWrapper {
  /** The work's id. */
  readonly id: string;
  readonly #ctx: RuntimeContext;
  readonly #signal = createWorkSignal();
  #stopReason: StopReason | undefined;
  #onStop: ((reason: StopReason) => void) | undefined;
  #specAtStart: WorkSpec | undefined;
  /** The spec as the scheduler pass that started this attempt read it, in the transaction still open. */
  readonly #specFromPass: WorkSpec | undefined;
  readonly #extras: RuntimeExtras;
  #completed = false;

  constructor(ctx: RuntimeContext, id: string, specFromPass?: WorkSpec, extras = NO_RUNTIME_EXTRAS) {
    this.#ctx = ctx;
    this.id = id;
    this.#specFromPass = specFromPass;
    this.#extras = extras;
  }

  /** The reason of the first stop, if stopped. */
  get stopReason(): StopReason | undefined {
    return this.#stopReason;
  }

  /**
   * Stops the attempt (first call wins), aborting the worker's signal with `reason`. A worker that already
   * returned is not told (androidx never calls `onStopped` after completion).
   */
  interrupt(reason: StopReason): void {
    if (this.#stopReason !== undefined || this.#completed) return;
    this.#stopReason = reason;
    this.#signal.stop(reason);
    this.#onStop?.(reason);
  }

  /** Runs the attempt. Rejects only when the database refuses a read or the RUNNING mark (outside a pass). */
  async run(): Promise<Resolution> {
    const { database: db, clock, logger, events } = this.#ctx;
    // A spec handed over by a scheduler pass was read in the transaction that is still open (nothing can
    // have changed it); outside that transaction it is read again, as androidx's WorkerWrapper does.
    const given = this.#specFromPass;
    const spec = given !== undefined && db.inTransaction ? given : db.workSpecDao.get(this.id);
    this.#specAtStart = spec ?? undefined;
    if (spec === null) return { kind: 'reset', needsReschedule: false };
    if (this.#stopReason !== undefined) {
      // Stopped before it started: back to the schedulers, with the reason (androidx's stop exception
      // reaches resetWorkerStatus(reason) wherever the attempt was).
      return {
        kind: 'reset',
        needsReschedule: spec.state === 'ENQUEUED' || spec.state === 'RUNNING',
        stopReason: this.#stopReason,
      };
    }
    if (spec.state !== 'ENQUEUED') {
      // Case 1: RUNNING means an earlier attempt died mid-run; hand it back to the schedulers.
      // Case 2: BLOCKED or finished work must not run at all.
      logger.log('debug', TAG, `Status for ${this.id} is ${spec.state}; not doing any work`);
      return { kind: 'reset', needsReschedule: spec.state === 'RUNNING' };
    }
    if ((isPeriodic(spec) || isBackedOff(spec)) && clock.currentTimeMillis() < nextRunTimeOf(spec)) {
      // Periodic and backed-off work can be handed over early (e.g. a rescheduled duplicate); it only runs
      // when due. Plain one-time delays are the scheduler's job, as in androidx.
      logger.log('debug', TAG, `Delaying execution for ${this.id}: not yet due`);
      return { kind: 'reset', needsReschedule: true };
    }
    // Tags and prerequisites as the enqueue wrote them, while the row is unchanged since (no reads).
    const inserted = db.workSpecDao.insertedWork(this.id);
    let input: Data;
    if (isPeriodic(spec)) {
      input = spec.input;
    } else {
      try {
        const merger = this.#ctx.inputMergers.resolve(spec.inputMerger);
        if (merger === null) {
          const known = this.#ctx.inputMergers.knownMergerNames;
          throw new Error(
            `Could not create input merger '${spec.inputMerger}'; known mergers: ${known.join(', ')}. ` +
              'Pass a custom one in createWorkManager({ inputMergers: [...] })',
          );
        }
        const inputs =
          inserted?.hasPrerequisites === false
            ? [spec.input]
            : [spec.input, ...db.dependencyDao.getInputsFromPrerequisites(this.id)];
        const merged = merger.merge(inputs);
        // Only the bundle's mergers answer later (QuickJS); the others keep this path free of awaits, so an
        // attempt started by a scheduler pass still marks RUNNING inside the pass's transaction.
        input = merged instanceof Promise ? await this.#ctx.pendingHostWork.track(merged) : merged;
        if (!(input instanceof Data)) {
          throw new TypeError(
            `Input merger '${spec.inputMerger}' returned something that is not a Data; merge(inputs) must return a Data`,
          );
        }
      } catch (e) {
        // A stop while the bundle's merger ran (a shutdown closes its engine) is a stop, not a failure.
        if (this.#stopReason !== undefined) return { kind: 'reset', needsReschedule: true };
        // androidx: a merger that cannot be created or throws escapes the run routine and fails the work.
        const error = e instanceof Error ? e : new Error(String(e));
        logger.log(
          'error',
          TAG,
          `Could not merge the inputs of ${this.id}: ${error.message}. It fails without running.`,
        );
        return { kind: 'failed', error, beforeRun: true };
      }
    }
    const tags =
      inserted !== undefined
        ? [...inserted.tags]
        : db.workTagDao.getTagsForWorkSpecId(this.id, spec.workerName);
    const params = {
      id: this.id,
      tags,
      runAttemptCount: spec.runAttemptCount,
      generation: spec.generation,
      triggeredContentUris: this.#extras.triggeredContentUris,
      triggeredContentAuthorities: this.#extras.triggeredContentAuthorities,
    };
    const cannotCreate = (error: Error): Resolution => {
      // androidx logs it too ("Could not create Worker …"): without a handler, the log is where it shows.
      logger.log('error', TAG, `${error.message} Work ${this.id} fails without running.`);
      notifyWorkerException(
        this.#ctx.workerInitializationExceptionHandler,
        { workerName: spec.workerName, params: { ...params, input }, error },
        logger,
      );
      return { kind: 'failed', error, beforeRun: true };
    };
    let worker: WorkerDefinition | null;
    try {
      worker = this.#ctx.workerFactory.createWorker(spec.workerName);
    } catch (e) {
      // A factory that throws is a worker that cannot be created: FAILED without running (spec §13.2),
      // not an attempt left ENQUEUED that no scheduler is told about.
      const message = e instanceof Error ? e.message : String(e);
      return cannotCreate(
        new Error(`Could not create worker '${spec.workerName}': ${message}`, { cause: e }),
      );
    }
    if (worker === null) {
      const known = this.#ctx.workerFactory.knownWorkerNames.filter(
        (n) => n !== 'CombineContinuationsWorker',
      );
      return cannotCreate(
        new Error(
          `Unknown worker '${spec.workerName}'. Known workers: ${known.length ? known.join(', ') : '(none)'}. Pass it in createWorkManager({ workers: [...] }).`,
        ),
      );
    }
    // Inside a scheduler pass the mark joins the pass's transaction (one commit for the whole batch), and
    // the worker may only run once RUNNING (and the attempt count) is committed, or a crash could replay
    // an attempt number that already had side effects.
    const inPass = db.inTransaction;
    const started = inPass
      ? db.workSpecDao.trySetRunning(this.id)
      : db.runInTransaction(() => db.workSpecDao.trySetRunning(this.id));
    if (!started) return { kind: 'reset', needsReschedule: true };
    if (inPass) {
      const committed = await new Promise<boolean>((resolve) => db.afterCommit(resolve));
      if (!committed) return { kind: 'reset', needsReschedule: true };
    }
    events.emit('work:started', {
      id: this.id,
      workerName: spec.workerName,
      runAttemptCount: spec.runAttemptCount,
      generation: spec.generation,
    });
    if (this.#stopReason !== undefined)
      return { kind: 'reset', needsReschedule: true, stopReason: this.#stopReason };

    const stopped = new Promise<Resolution>((resolve) => {
      this.#onStop = (reason) => resolve({ kind: 'reset', needsReschedule: true, stopReason: reason });
    });
    const log = createWorkerLogger(logger, spec.workerName, this.id);
    const execution = this.#ctx.workExecutor
      .execute({
        worker,
        input,
        params,
        signal: this.#signal.signal,
        onStop: (listener) => this.#signal.onStop(listener),
        host: {
          setProgress: (p) => this.#setProgress(p),
          log,
          fetch: createWorkerFetch(() => this.#signal.nativeSignal),
          storage: createWorkerStorage(db),
          callNative: (method, argsJson) => this.#ctx.nativeServices.answer(method, argsJson),
        },
      })
      .then(
        (outcome): Resolution => ({ kind: 'finished', status: outcome.status, output: outcome.output }),
        (e: unknown): Resolution => {
          if (e instanceof WorkerThreadDiedError) {
            logger.log(
              'warn',
              TAG,
              `The thread of ${spec.workerName} (${this.id}) died (${e.message}); the attempt ends as in a process death and the work runs again`,
            );
            return {
              kind: 'reset',
              needsReschedule: true,
              stopReason: StopReason.UNKNOWN,
              processDeath: true,
            };
          }
          return { kind: 'failed', error: e instanceof Error ? e : new Error(String(e)), beforeRun: false };
        },
      );
    const resolution = await Promise.race([execution.finally(() => (this.#completed = true)), stopped]);
    this.#completed = true;
    // A stop that raced with the result wins: androidx ignores results of stopped workers.
    if (this.#stopReason !== undefined)
      return { kind: 'reset', needsReschedule: true, stopReason: this.#stopReason };
    if (resolution.kind === 'failed')
      logger.log('error', TAG, `Worker ${spec.workerName} (${this.id}) failed: ${resolution.error.message}`);
    return resolution;
  }

  /** Applies `resolution` in one transaction; returns whether the work needs rescheduling. */
  apply(resolution: Resolution): AppliedResolution {
    const spec = this.#specAtStart;
    if (spec === undefined)
      return {
        needsReschedule: resolution.kind === 'reset' && resolution.needsReschedule,
        emit: () => undefined,
      };
    return applyResolution(this.#ctx, spec, resolution);
  }

  async #setProgress(progress: Data): Promise<void> {
    const { database: db, logger } = this.#ctx;
    db.runInTransaction(() => {
      const state = db.workSpecDao.getState(this.id);
      if (state === null)
        throw new Error(`Calls to setProgress must happen while work ${this.id} exists; it was deleted`);
      // Progress only means something while RUNNING (androidx WorkProgressUpdater ignores it otherwise).
      if (state === 'RUNNING') db.workProgressDao.insert(this.id, progress);
      else logger.log('warn', TAG, `Ignoring setProgress(...); work ${this.id} is not in a RUNNING state`);
    });
  }
}
