import {
  checkUniquePeriodicWork,
  checkUniqueWork,
  createOneTimeWorkRequest,
  InvalidWorkRequestError,
  StopReason,
  toExistingWorkPolicy,
  type ExistingPeriodicWorkPolicy,
  type ExistingWorkPolicy,
  type OneTimeWorkRequest,
  type PeriodicWorkRequest,
  type WorkRequest,
} from '@workscript/api';
import type { DeviceState } from './constraints/device-state.js';
import { checkString } from './internal/argument-checks.js';
import { isCorruption } from './store/database-access.js';
import { checkIsWorkRequest } from './model/check-work-request.js';
import { cancelWorkAndDependents } from './enqueue/cancel-work.js';
import { enqueueContinuation } from './enqueue/enqueue-continuation.js';
import type { InsertResult } from './enqueue/insert-work.js';
import { updateUniquePeriodicWork } from './enqueue/update-unique-periodic-work.js';
import { updateWorkInTransaction } from './enqueue/update-work.js';
import { WorkContinuation, type ContinuationHost } from './enqueue/work-continuation.js';
import { CorruptDatabaseError, WorkManagerClosedError } from './errors.js';
import type { WorkEventName, WorkEvents } from './events.js';
import { COMBINE_CONTINUATIONS_WORKER_NAME } from './execution/combine-continuations-worker.js';
import type { Processor } from './execution/processor.js';
import type { RuntimeContext } from './internal/runtime-context.js';
import type { UpdateResult } from './model/update-result.js';
import { createWorkInfo, workInfoEquals, type WorkInfo } from './model/work-info.js';
import { checkWorkQuery, type WorkQuery } from './model/work-query.js';
import { listenForQuery } from './observe/query-listener.js';
import { watchChanges } from './observe/watch-changes.js';
import type { Schedulers } from './scheduling/schedulers.js';
import type { ExpiredWorkPruner } from './store/expired-work-pruner.js';
import { LAST_CANCEL_ALL_TIME_KEY } from './store/preference-dao.js';

/**
 * From this many WorkInfos on, a query watcher (`watchWorkInfos`) is not recomputed at every commit but paced
 * by its own cost (see `watchChanges`): 64 WorkInfos take ~1.3 ms to read on the benchmark machine.
 */
export const PACED_WATCH_WORK_INFOS = 64;

/** The result of a mutation: resolves once the change is committed to the database (androidx `Operation`). */
export type Operation = Promise<void>;

/** @internal How the composition root wires a {@link WorkManager}. */
export interface WorkManagerParts {
  readonly ctx: RuntimeContext;
  readonly processor: Processor;
  readonly schedulers: Schedulers;
  readonly deviceState: DeviceState;
  /** When true, operations also wait for the work they made runnable to settle (test mode). */
  readonly settleOperations: boolean;
  /** Repeats the start-up prune while the WorkManager runs; stopped by `close()`. */
  readonly expiredWorkPruner: ExpiredWorkPruner;
}

/** The request or requests a method was given, each checked to be a request. */
function asList<T extends WorkRequest>(r: T | readonly T[]): readonly T[] {
  const list = Array.isArray(r) ? (r as readonly T[]) : [r as T];
  list.forEach((request, i) => checkIsWorkRequest(request, Array.isArray(r) ? `requests[${i}]` : 'requests'));
  return list;
}

/**
 * WorkManager on Node. Every mutation runs on one serial task executor and is committed to SQLite before
 * its {@link Operation} resolves; reads run on the same executor, so they see every earlier mutation.
 * Create one with `createWorkManager({ workers })` (or `createTestWorkManager` from
 * `@workscript/runtime/testing`).
 */
export class WorkManager implements ContinuationHost {
  /** The simulated device that constraints are judged against; set it to start or stop constrained work. */
  readonly deviceState: DeviceState;
  readonly #ctx: RuntimeContext;
  readonly #processor: Processor;
  readonly #schedulers: Schedulers;
  readonly #settleOperations: boolean;
  readonly #expiredWorkPruner: ExpiredWorkPruner;
  #version = 0;
  #closed = false;

  /** @internal Use `createWorkManager`. */
  constructor(parts: WorkManagerParts) {
    this.#ctx = parts.ctx;
    this.#processor = parts.processor;
    this.#schedulers = parts.schedulers;
    this.deviceState = parts.deviceState;
    this.#settleOperations = parts.settleOperations;
    this.#expiredWorkPruner = parts.expiredWorkPruner;
    this.#ctx.database.onCommit(() => this.#version++);
    // After every attempt: forget it in all schedulers, then pick work again (retries, unblocked dependents).
    // Bookkeeping runs on the serial task executor, like every other mutation.
    this.#processor.addExecutionListener((id) => {
      this.#version++;
      this.#ctx.taskExecutor
        .execute(() => {
          if (this.#closed) return;
          this.#schedulers.cancel(id);
          this.#schedulers.schedule();
        })
        .catch((e: unknown) =>
          this.#ctx.logger.log(
            'error',
            'workscript:work-manager',
            `Rescheduling after ${id} failed: ${(e as Error).message}`,
          ),
        );
    });
  }

  // ---- enqueue ---------------------------------------------------------------------------------------

  /**
   * Enqueues independent work.
   * @throws InvalidWorkRequestError (synchronously) for an empty list.
   */
  enqueue(requests: WorkRequest | readonly WorkRequest[]): Operation {
    const list = asList(requests);
    if (list.length === 0)
      throw new InvalidWorkRequestError('requests', 'enqueue needs at least one work request');
    return new WorkContinuation(this, list).enqueue();
  }

  /**
   * Starts a chain; nothing is written until `.enqueue()`.
   * @throws InvalidWorkRequestError (synchronously) for an empty list or periodic work (it cannot be chained).
   */
  beginWith(requests: OneTimeWorkRequest | readonly OneTimeWorkRequest[]): WorkContinuation {
    return new WorkContinuation(this, checkChainable(asList(requests), 'beginWith'));
  }

  /** Starts a unique chain; `policy` applies when it is enqueued. */
  beginUniqueWork(
    name: string,
    policy: ExistingWorkPolicy,
    requests: OneTimeWorkRequest | readonly OneTimeWorkRequest[],
  ): WorkContinuation {
    const p = checkUniqueWork(name, policy);
    return new WorkContinuation(this, checkChainable(asList(requests), 'beginUniqueWork'), {
      name,
      policy: p,
    });
  }

  /**
   * Joins continuations: a synthetic `CombineContinuationsWorker` (ArrayCreatingInputMerger) runs after all
   * of them and passes their merged outputs on, so work added with `.then()` sees every branch's output.
   */
  combine(continuations: readonly WorkContinuation[]): WorkContinuation {
    if (continuations.length === 0)
      throw new InvalidWorkRequestError('continuations', 'combine needs at least one continuation');
    continuations.forEach((c, i) => {
      // Another WorkManager's chain would be written into this one's database, and never into its own.
      if (!(c instanceof WorkContinuation) || !c.isFrom(this))
        throw new InvalidWorkRequestError(
          `continuations[${i}]`,
          "not a continuation of this WorkManager (another one's, or not one at all); build every branch with this WorkManager's beginWith or beginUniqueWork",
        );
    });
    const combiner = createOneTimeWorkRequest(
      { name: COMBINE_CONTINUATIONS_WORKER_NAME },
      { inputMerger: 'ArrayCreatingInputMerger' },
      { now: this.#ctx.clock.currentTimeMillis() },
    );
    return new WorkContinuation(this, [combiner], { parents: continuations });
  }

  /** `enqueueUniqueWork(name, policy, requests)`: see `ExistingWorkPolicy`. */
  enqueueUniqueWork(
    name: string,
    policy: ExistingWorkPolicy,
    requests: OneTimeWorkRequest | readonly OneTimeWorkRequest[],
  ): Operation {
    return this.beginUniqueWork(name, policy, requests).enqueue();
  }

  /**
   * `enqueueUniquePeriodicWork`: KEEP and REPLACE/CANCEL_AND_REENQUEUE map to ExistingWorkPolicy; UPDATE
   * updates the existing periodic work in place (same id, period progress kept).
   * @throws InvalidWorkRequestError (synchronously) for an override combined with a replacing policy.
   */
  enqueueUniquePeriodicWork(
    name: string,
    policy: ExistingPeriodicWorkPolicy,
    request: PeriodicWorkRequest,
  ): Operation {
    checkIsWorkRequest(request, 'request');
    if (request.kind !== 'periodic')
      throw new InvalidWorkRequestError(
        'request',
        'enqueueUniquePeriodicWork takes a PeriodicWorkRequest; use enqueueUniqueWork for one-time work',
      );
    const p = toExistingWorkPolicy(checkUniquePeriodicWork(name, policy, request));
    if (p !== 'UPDATE') return new WorkContinuation(this, [request], { name, policy: p }).enqueue();
    return this.#operation(() => {
      // One transaction: deleting a CANCELLED member and inserting the new work commit (or fail) together.
      const done = this.#ctx.database.runInTransaction(() => {
        const update = updateUniquePeriodicWork(this.#ctx, name, request, (id) =>
          this.#processor.isEnqueued(id),
        );
        const continuation = new WorkContinuation(this, [request], { name, policy: 'KEEP' });
        return update.outcome === 'enqueue'
          ? { update, inserted: this.#insertContinuation(continuation) }
          : { update, inserted: [] };
      });
      if (done.update.outcome === 'updated' && done.update.result === 'APPLIED_IMMEDIATELY')
        this.#schedulers.cancel(done.update.id);
      this.#afterInsert([done.inserted]);
    });
  }

  /** @internal Enqueues a continuation; used by {@link WorkContinuation.enqueue}. */
  enqueueContinuation(continuation: WorkContinuation): Operation {
    return this.#operation(() => this.#afterInsert([this.#insertContinuation(continuation)]));
  }

  #insertContinuation(continuation: WorkContinuation): InsertResult[] {
    return enqueueContinuation(this.#ctx, continuation);
  }

  #afterInsert(batches: readonly InsertResult[][]): void {
    const results = batches.flat();
    this.#stopCancelled(results.flatMap((r) => r.cancelled));
    for (const r of results) for (const w of r.inserted) this.#ctx.events.emit('work:enqueued', w);
    this.#schedulers.schedule();
  }

  // ---- update & cancel -------------------------------------------------------------------------------

  /**
   * Updates stored work with the request of the same id: APPLIED_IMMEDIATELY, APPLIED_FOR_NEXT_RUN (an
   * attempt is running and keeps the old spec) or NOT_APPLIED (the work finished).
   * @throws WorkNotEnqueuedError (rejection) for an unknown id; UnsupportedWorkOperationError for a kind change.
   */
  updateWork(request: WorkRequest): Promise<UpdateResult> {
    checkIsWorkRequest(request, 'request');
    return this.#operation(() => {
      const running = this.#processor.isEnqueued(request.id);
      const result = this.#ctx.database.runInTransaction(() =>
        updateWorkInTransaction(this.#ctx, request, running),
      );
      if (result === 'APPLIED_IMMEDIATELY') {
        this.#schedulers.cancel(request.id);
        this.#schedulers.schedule();
      }
      return result;
    });
  }

  /** Cancels the work and its unfinished dependents. Unknown ids are ignored. */
  cancelWorkById(id: string): Operation {
    checkString(id, 'id');
    return this.#cancel(() => [id]);
  }

  /** Cancels every unfinished work with the tag, with its dependents. */
  cancelAllWorkByTag(tag: string): Operation {
    checkString(tag, 'tag');
    return this.#cancel(() => this.#ctx.database.workSpecDao.getUnfinishedIdsForTag(tag));
  }

  /** Cancels every unfinished member of the unique name, with dependents. */
  cancelUniqueWork(name: string): Operation {
    checkString(name, 'name');
    return this.#cancel(() => this.#ctx.database.workSpecDao.getUnfinishedIdsForName(name));
  }

  /** Cancels all unfinished work and records the time (see {@link WorkManager.getLastCancelAllTimeMillis}). */
  cancelAllWork(): Operation {
    return this.#cancel(() => {
      this.#ctx.database.preferenceDao.setLong(LAST_CANCEL_ALL_TIME_KEY, this.#ctx.clock.currentTimeMillis());
      return this.#ctx.database.workSpecDao.getUnfinishedIds();
    }, false);
  }

  #cancel(targets: () => string[], reschedule = true): Operation {
    return this.#operation(() => {
      const db = this.#ctx.database;
      const cancelled = db.runInTransaction(() => cancelWorkAndDependents(db, targets()));
      this.#stopCancelled(cancelled);
      if (reschedule) this.#schedulers.schedule();
    });
  }

  #stopCancelled(ids: readonly string[]): void {
    for (const id of ids) {
      this.#processor.stopAndCancelWork(id, StopReason.CANCELLED_BY_APP);
      this.#schedulers.cancel(id);
      this.#schedulers.forget(id);
      this.#ctx.events.emit('work:cancelled', { id });
    }
  }

  /** Deletes every finished work without unfinished dependents, ignoring `keepResultsForAtLeast`. */
  pruneWork(): Operation {
    return this.#operation(
      () =>
        void this.#ctx.database.runInTransaction(() => this.#ctx.database.workSpecDao.pruneFinishedWork()),
    );
  }

  /** Epoch ms of the last `cancelAllWork()`, or 0 if never. */
  getLastCancelAllTimeMillis(): Promise<number> {
    return this.#read(() => this.#ctx.database.preferenceDao.getLong(LAST_CANCEL_ALL_TIME_KEY) ?? 0);
  }

  // ---- observe ---------------------------------------------------------------------------------------

  /** The WorkInfo of `id`, or null if unknown. */
  getWorkInfoById(id: string): Promise<WorkInfo | null> {
    checkString(id, 'id');
    return this.#read(() => this.#workInfo(id));
  }

  /** WorkInfos of work carrying `tag`. */
  getWorkInfosByTag(tag: string): Promise<WorkInfo[]> {
    checkString(tag, 'tag');
    return this.#read(() => this.#workInfos(this.#ctx.database.workTagDao.getWorkSpecIdsWithTag(tag)));
  }

  /** WorkInfos of work linked to the unique name. */
  getWorkInfosForUniqueWork(name: string): Promise<WorkInfo[]> {
    checkString(name, 'name');
    return this.#read(() => this.#workInfos(this.#ctx.database.workNameDao.getWorkSpecIdsWithName(name)));
  }

  /**
   * WorkInfos matching a {@link WorkQuery} (OR inside a list, AND across lists).
   * @throws InvalidWorkQueryError (synchronously) when every list is empty, a list is not an array of
   * strings, or `states` holds something that is not a WorkState.
   */
  getWorkInfos(query: WorkQuery): Promise<WorkInfo[]> {
    const checked = checkWorkQuery(query);
    return this.#read(() => this.#workInfos(this.#ctx.database.workSpecDao.queryIds(checked)));
  }

  /** @internal WorkInfos for ids (used by continuations). */
  getWorkInfosForIds(ids: readonly string[]): Promise<WorkInfo[]> {
    return this.#read(() => this.#workInfos(ids));
  }

  /**
   * Yields the WorkInfo of `id` (null while unknown or after deletion) now and after every change,
   * deduplicated. Stop with `break`; `close()` ends it.
   * @throws WorkManagerClosedError (synchronously) after `close()`.
   */
  watchWorkInfoById(id: string): AsyncIterableIterator<WorkInfo | null> {
    if (this.#closed) throw new WorkManagerClosedError();
    checkString(id, 'id');
    const db = this.#ctx.database;
    return watchChanges(db, () => this.#workInfo(id), workInfoEquals, {
      listen: (wake) => db.onCommitOf(id, wake),
    });
  }

  /**
   * Yields the WorkInfos matching `query` now and after every change, deduplicated. From
   * {@link PACED_WATCH_WORK_INFOS} matches on, it is recomputed at most about as often as the query takes
   * (so a watched run of thousands of works does not read them all at every commit) and a reader may skip
   * intermediate states; `settle()` waits for such a pending update. Stop with `break`; `close()` ends it.
   * @throws InvalidWorkQueryError (synchronously) for a query `getWorkInfos` refuses.
   * @throws WorkManagerClosedError (synchronously) after `close()`.
   */
  watchWorkInfos(query: WorkQuery): AsyncIterableIterator<WorkInfo[]> {
    const checked = checkWorkQuery(query);
    if (this.#closed) throw new WorkManagerClosedError();
    return watchChanges(
      this.#ctx.database,
      () => this.#workInfos(this.#ctx.database.workSpecDao.queryIds(checked)),
      (a, b) => a.length === b.length && a.every((x, i) => workInfoEquals(x, b[i] ?? null)),
      {
        listen: listenForQuery(this.#ctx.database, checked),
        paceAfter: (infos) => infos.length >= PACED_WATCH_WORK_INFOS,
        track: (pending) => void this.#ctx.pendingHostWork.track(pending),
      },
    );
  }

  /** Subscribes to a typed event; returns the unsubscribe function. */
  on<K extends WorkEventName>(name: K, listener: (payload: WorkEvents[K]) => void): () => void {
    return this.#ctx.events.on(name, listener);
  }

  #workInfo(id: string): WorkInfo | null {
    const db = this.#ctx.database;
    return db.readTransaction(() => {
      const spec = db.workSpecDao.get(id);
      return spec
        ? createWorkInfo(
            spec,
            db.workTagDao.getTagsForWorkSpecId(id, spec.workerName),
            db.workProgressDao.getProgressForWorkSpecId(id),
          )
        : null;
    });
  }

  #workInfos(ids: readonly string[]): WorkInfo[] {
    return this.#ctx.database.readTransaction(() =>
      ids.map((id) => this.#workInfo(id)).filter((i): i is WorkInfo => i !== null),
    );
  }

  // ---- lifecycle -------------------------------------------------------------------------------------

  /**
   * Resolves once no bookkeeping is pending (a merge in QuickJS included) and running work has either
   * finished or is waiting on something outside the engine (a timer, I/O, its stop signal): two event-loop
   * turns passed without a database change. This is what makes test-mode operations "synchronous-feeling".
   */
  async settle(): Promise<void> {
    let quietTurns = 0;
    while (quietTurns < 2) {
      const before = this.#version;
      const hostWork = this.#ctx.pendingHostWork.busy;
      await this.#ctx.pendingHostWork.whenIdle();
      await this.#ctx.taskExecutor.execute(() => undefined);
      await new Promise<void>((resolve) => setImmediate(resolve));
      quietTurns = before === this.#version && !this.#ctx.taskExecutor.busy && !hostWork ? quietTurns + 1 : 0;
    }
  }

  /**
   * Stops running attempts and records them as the next start would record a process death (ENQUEUED,
   * stop reason UNKNOWN, attempt count and `lastEnqueueTime` kept, also for `backoffOnSystemInterruptions`),
   * lets operations queued before it finish without starting any work, waits for all that, releases timers
   * and closes the database. Further calls reject with WorkManagerClosedError.
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#expiredWorkPruner.stop();
    this.#schedulers.close();
    // From here nothing starts, and what runs is stopped. Operations queued before this call still run
    // (an enqueue nobody awaited must not be lost); the work they make runnable waits for the next start.
    this.#processor.shutdown();
    await this.#ctx.taskExecutor.execute(() => undefined);
    await this.#processor.whenAllApplied();
    await this.#ctx.taskExecutor.execute(() => undefined);
    await this.#ctx.workExecutor.close();
    this.#ctx.database.close();
  }

  #operation<T>(task: () => T): Promise<T> {
    if (this.#closed) return Promise.reject(new WorkManagerClosedError());
    const run = this.#ctx.taskExecutor.execute(() => this.#namingTheFile(task));
    return this.#settleOperations ? run.then(async (v) => (await this.settle(), v)) : run;
  }

  /** Runs `task`; a row it cannot read is the file's fault, reported as such (the converters know no file). */
  #namingTheFile<T>(task: () => T): T {
    try {
      return task();
    } catch (e) {
      if (isCorruption(e))
        throw new CorruptDatabaseError(this.#ctx.database.filename, (e as Error).message, e);
      throw e;
    }
  }

  #read<T>(task: () => T): Promise<T> {
    if (this.#closed) return Promise.reject(new WorkManagerClosedError());
    return this.#ctx.taskExecutor.execute(() => this.#namingTheFile(task));
  }
}

function checkChainable(list: readonly OneTimeWorkRequest[], method: string): readonly OneTimeWorkRequest[] {
  if (list.length === 0)
    throw new InvalidWorkRequestError('requests', `${method} needs at least one work request`);
  for (const r of list) {
    if ((r as WorkRequest).kind !== 'one-time') {
      throw new InvalidWorkRequestError(
        'requests',
        `${method} takes OneTimeWorkRequests only; periodic work cannot be chained (use enqueueUniquePeriodicWork)`,
      );
    }
  }
  return list;
}
