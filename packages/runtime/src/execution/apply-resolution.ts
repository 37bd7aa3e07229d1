import { Data, isFinished, StopReason } from '@workscript/api';
import type { RuntimeContext } from '../internal/runtime-context.js';
import { isPeriodic, nextRunTimeOf, SCHEDULE_NOT_REQUESTED_YET, type WorkSpec } from '../model/work-spec.js';
import type { Resolution } from './resolution.js';

/** What applying a resolution changed, for events and the "needs reschedule" answer. */
export interface AppliedResolution {
  /** androidx WorkerWrapper's future value: true when the work must be handed to schedulers again. */
  readonly needsReschedule: boolean;
  /** Emits the matching events; call after the transaction committed. */
  readonly emit: () => void;
}

/**
 * Applies one attempt's {@link Resolution} in ONE transaction, exactly as androidx's WorkerWrapper
 * finishes: success unblocks dependents whose prerequisites all SUCCEEDED, failure fails every transitive
 * dependent (except CANCELLED ones), retry re-enqueues with `lastEnqueueTime = now`, periodic work resets
 * for its next period, and stops return the work to ENQUEUED with the stop reason.
 * @param spec - the spec as read when the run started (its override generation guards override clearing).
 */
export function applyResolution(
  ctx: RuntimeContext,
  spec: WorkSpec,
  resolution: Resolution,
): AppliedResolution {
  const { database: db, clock, events } = ctx;
  const dao = db.workSpecDao;
  const id = spec.id;
  const periodic = isPeriodic(spec);
  const emits: (() => void)[] = [];
  /** Events of dependents, emitted after the work's own. */
  const dependentEmits: (() => void)[] = [];

  const reschedule = (stopReason: number): void => {
    dao.setState(id, 'ENQUEUED');
    dao.setLastEnqueueTime(id, clock.currentTimeMillis());
    dao.resetNextScheduleTimeOverride(id, spec.nextScheduleTimeOverrideGeneration);
    dao.markScheduled(id, SCHEDULE_NOT_REQUESTED_YET);
    dao.setStopReason(id, stopReason);
  };
  const resetPeriodic = (): void => {
    dao.setLastEnqueueTime(id, clock.currentTimeMillis());
    dao.setState(id, 'ENQUEUED');
    dao.resetRunAttemptCount(id);
    dao.incrementPeriodCount(id);
    dao.resetNextScheduleTimeOverride(id, spec.nextScheduleTimeOverrideGeneration);
    dao.markScheduled(id, SCHEDULE_NOT_REQUESTED_YET);
  };
  const setSucceeded = (output: Data): void => {
    dao.setStateAndOutput(id, 'SUCCEEDED', output);
    const now = clock.currentTimeMillis();
    for (const dependent of db.dependencyDao.getDependentWorkIds(id)) {
      if (dao.getState(dependent) === 'BLOCKED' && db.dependencyDao.hasCompletedAllPrerequisites(dependent)) {
        dao.setState(dependent, 'ENQUEUED');
        dao.setLastEnqueueTime(dependent, now);
      }
    }
  };
  /** Fails the work and every transitive dependent that is not CANCELLED; dependents get their own event. */
  const setFailed = (output: Data): void => {
    // Iterative, not recursive: a 501-deep chain must not blow the stack (androidx testFailedOnDeepHierarchy).
    const toProcess = [id];
    const seen = new Set<string>();
    while (toProcess.length > 0) {
      const current = toProcess.pop() as string;
      if (seen.has(current)) continue;
      seen.add(current);
      if (dao.getState(current) !== 'CANCELLED') {
        dao.setState(current, 'FAILED');
        if (current !== id)
          dependentEmits.push(() =>
            events.emit('work:failed', { id: current, output: Data.EMPTY, periodic: false }),
          );
      }
      toProcess.push(...db.dependencyDao.getDependentWorkIds(current));
    }
    dao.setOutput(id, output);
    dao.resetNextScheduleTimeOverride(id, spec.nextScheduleTimeOverrideGeneration);
  };
  const emitRetry = (): void => {
    const now = dao.get(id);
    if (now)
      emits.push(() =>
        events.emit('work:retry-scheduled', {
          id,
          runAttemptCount: now.runAttemptCount,
          nextScheduleTimeMillis: nextRunTimeOf(now),
        }),
      );
  };

  const needsReschedule = db.runInTransaction((): boolean => {
    const state = dao.getState(id);
    if (resolution.kind === 'reset') {
      if (state !== null && isFinished(state) && resolution.stopReason !== undefined) {
        // Cancelled while running: the stop still happened, and the work stays CANCELLED.
        const reason = resolution.stopReason;
        emits.push(() => events.emit('work:stopped', { id, reason }));
      }
      if (state === null || isFinished(state) || !resolution.needsReschedule) return false;
      if (
        resolution.stopReason !== undefined &&
        resolution.processDeath !== true &&
        spec.backOffOnSystemInterruptions &&
        resolution.stopReason !== StopReason.CANCELLED_BY_APP
      ) {
        // setBackoffForSystemInterruptions: a system stop counts as a retry, measured from the stop.
        reschedule(resolution.stopReason);
      } else {
        // androidx resetWorkerStatus: an attempt that did not run (not due, not ENQUEUED) records
        // NOT_STOPPED, a stopped one its reason.
        dao.setState(id, 'ENQUEUED');
        dao.markScheduled(id, SCHEDULE_NOT_REQUESTED_YET);
        dao.setStopReason(id, resolution.stopReason ?? StopReason.NOT_STOPPED);
      }
      if (resolution.stopReason !== undefined) {
        const reason = resolution.stopReason;
        emits.push(() => events.emit('work:stopped', { id, reason }));
      }
      return true;
    }
    if (resolution.kind === 'failed' && resolution.beforeRun) {
      // The worker or merger could not be created: the work can never run, so it fails for good.
      if (state === null || isFinished(state)) return false;
      setFailed(Data.EMPTY);
      const error = resolution.error;
      emits.push(() => events.emit('work:failed', { id, output: Data.EMPTY, periodic, error }));
      return false;
    }
    db.workProgressDao.delete(id);
    if (state === null) return false; // deleted meanwhile (REPLACE): the result has nowhere to go
    if (state !== 'RUNNING') {
      if (isFinished(state)) return false; // e.g. cancelled while running: the result is ignored
      reschedule(StopReason.UNKNOWN);
      return true;
    }
    if (resolution.kind === 'finished' && resolution.status === 'retry') {
      reschedule(StopReason.NOT_STOPPED);
      emitRetry();
      return true;
    }
    const success = resolution.kind === 'finished' && resolution.status === 'success';
    const output = resolution.kind === 'finished' ? resolution.output : Data.EMPTY;
    if (periodic) resetPeriodic();
    else if (success) setSucceeded(output);
    else setFailed(output);
    if (success) emits.push(() => events.emit('work:succeeded', { id, output, periodic }));
    else {
      const error = resolution.kind === 'failed' ? resolution.error : undefined;
      emits.push(() => events.emit('work:failed', { id, output, periodic, ...(error ? { error } : {}) }));
    }
    return false;
  });
  const emit = (): void => {
    for (const e of emits) e();
    for (const e of dependentEmits) e();
  };
  return { needsReschedule, emit };
}
