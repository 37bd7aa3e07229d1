import type { Clock } from '../clock.js';
import type { SerialTaskExecutor } from '../execution/serial-task-executor.js';
import { showValue } from '../internal/show-value.js';
import type { Logger } from '../logger.js';
import type { Timer, TimerHandle } from '../timer.js';
import { isDatabaseAccessFailure } from './database-access.js';
import type { WorkDatabase } from './work-database.js';

const TAG = 'workscript:prune';

/**
 * Finished work is pruned once `lastEnqueueTime + keepResultsForAtLeast` is this much in the past (androidx
 * `WorkDatabase`'s cleanup callback: one day).
 */
export const PRUNE_THRESHOLD_MILLIS = 86_400_000;

/** How often a running WorkManager repeats the start-up prune unless told otherwise: every hour. */
export const DEFAULT_EXPIRED_WORK_PRUNE_INTERVAL_MS = 3_600_000;

/**
 * The shortest interval taken. A shorter one is far more likely seconds given as milliseconds (3600 for an
 * hour) than a wish to delete rows many times a second.
 */
export const MIN_EXPIRED_WORK_PRUNE_INTERVAL_MS = 60_000;

/**
 * Checks `expiredWorkPruneIntervalMs`.
 * @throws RangeError naming the option when `ms` is not a number of milliseconds ≥
 * {@link MIN_EXPIRED_WORK_PRUNE_INTERVAL_MS}, or `Infinity`.
 */
export function checkExpiredWorkPruneInterval(ms: unknown): number {
  if (typeof ms !== 'number' || !(ms >= MIN_EXPIRED_WORK_PRUNE_INTERVAL_MS))
    throw new RangeError(
      `expiredWorkPruneIntervalMs must be a number of milliseconds ≥ ${MIN_EXPIRED_WORK_PRUNE_INTERVAL_MS} (3_600_000 is an hour), or Infinity to prune only at start, got ${showValue(ms)}`,
    );
  return ms;
}

/** What {@link startExpiredWorkPruner} needs. */
export interface ExpiredWorkPrunerDeps {
  readonly database: WorkDatabase;
  readonly clock: Clock;
  readonly timer: Timer;
  /** Prunes run here, so they never interleave with an operation or a worker's result. */
  readonly taskExecutor: SerialTaskExecutor;
  readonly logger: Logger;
}

/** A running {@link startExpiredWorkPruner}. */
export interface ExpiredWorkPruner {
  /** No prune starts after this; one already queued on the task executor still runs. */
  stop(): void;
}

/**
 * Repeats, every `intervalMs` on `timer`, the prune that every start runs (see `openAndRecover`): finished
 * work whose `lastEnqueueTime + keepResultsForAtLeast` is more than {@link PRUNE_THRESHOLD_MILLIS} before
 * `clock`'s now, and on which no unfinished work depends, is deleted with its tags, names and progress.
 *
 * Why: androidx prunes only when the app's process starts, and an Android process rarely lives a day. A Node
 * process may run for months, and without this its database would keep every finished work until the next
 * restart: the file grows, and an APPEND to a unique name reads all of the name's members. A prune the
 * database refuses is logged, and the next one tries again. `Infinity` starts nothing.
 */
export function startExpiredWorkPruner(deps: ExpiredWorkPrunerDeps, intervalMs: number): ExpiredWorkPruner {
  let handle: TimerHandle | undefined;
  let stopped = false;
  const prune = (): void => {
    const threshold = deps.clock.currentTimeMillis() - PRUNE_THRESHOLD_MILLIS;
    const pruned = deps.database.runInTransaction(() =>
      deps.database.workSpecDao.pruneExpiredFinishedWork(threshold),
    );
    if (pruned > 0) deps.logger.log('debug', TAG, `Pruned ${pruned} finished work(s) past their retention`);
  };
  const arm = (): void => {
    handle = deps.timer.setTimeout(() => {
      if (stopped) return;
      deps.taskExecutor
        .execute(() => {
          if (!stopped) prune();
        })
        .catch((e: unknown) =>
          deps.logger.log(
            isDatabaseAccessFailure(e) ? 'warn' : 'error',
            TAG,
            `Could not prune finished work past its retention (${(e as Error).message}); trying again in ${intervalMs} ms`,
          ),
        )
        .finally(() => {
          if (!stopped) arm();
        });
    }, intervalMs);
  };
  if (Number.isFinite(intervalMs)) arm();
  return {
    stop() {
      stopped = true;
      if (handle !== undefined) deps.timer.clearTimeout(handle);
    },
  };
}
