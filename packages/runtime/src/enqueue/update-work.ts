import { isFinished, type WorkRequest } from '@workscript/api';
import { UnsupportedWorkOperationError, WorkNotEnqueuedError } from '../errors.js';
import type { RuntimeContext } from '../internal/runtime-context.js';
import type { UpdateResult } from '../model/update-result.js';
import { createWorkSpec, isPeriodic, SCHEDULE_NOT_REQUESTED_YET } from '../model/work-spec.js';

/**
 * Updates stored work in place, inside the caller's transaction (androidx `WorkerUpdater.updateWorkImpl`).
 * The new spec comes from the request but keeps the stored state, attempt count, `lastEnqueueTime` and
 * period count (the stop reason is the request's NOT_STOPPED); `generation` + 1; the override is replaced
 * only when the request sets or clears it. Tags are replaced. Work that is not executing is unscheduled and
 * loses its progress.
 * @param isRunning - whether an attempt is executing now (it keeps the old spec: APPLIED_FOR_NEXT_RUN).
 * @throws WorkNotEnqueuedError when the id is unknown; UnsupportedWorkOperationError on a kind change.
 */
export function updateWorkInTransaction(
  ctx: RuntimeContext,
  request: WorkRequest,
  isRunning: boolean,
): UpdateResult {
  const db = ctx.database;
  const old = db.workSpecDao.get(request.id);
  if (old === null) throw new WorkNotEnqueuedError(request.id, ' updateWork needs the id of existing work');
  if (isFinished(old.state)) return 'NOT_APPLIED';
  const next = createWorkSpec(request, ctx.inputShapeOf(request.workerName));
  if (isPeriodic(old) !== isPeriodic(next)) {
    throw new UnsupportedWorkOperationError(
      `Can't update ${isPeriodic(old) ? 'PeriodicWorker' : 'OneTimeWorker'} to ${isPeriodic(next) ? 'PeriodicWorker' : 'OneTimeWorker'}; an update must preserve the worker's type`,
    );
  }
  const overrideChanged = next.nextScheduleTimeOverrideGeneration === 1;
  db.workSpecDao.update({
    ...next,
    state: old.state,
    runAttemptCount: old.runAttemptCount,
    lastEnqueueTime: old.lastEnqueueTime,
    periodCount: old.periodCount,
    generation: old.generation + 1,
    // The request's NOT_STOPPED, not the stored reason: androidx copies the new WorkSpec and keeps only the
    // fields below and above (spec §11.5), so an update clears the previous stop's reason.
    stopReason: next.stopReason,
    output: old.output,
    scheduleRequestedAt: isRunning ? old.scheduleRequestedAt : SCHEDULE_NOT_REQUESTED_YET,
    nextScheduleTimeOverride: overrideChanged ? next.nextScheduleTimeOverride : old.nextScheduleTimeOverride,
    nextScheduleTimeOverrideGeneration: overrideChanged
      ? old.nextScheduleTimeOverrideGeneration + 1
      : old.nextScheduleTimeOverrideGeneration,
  });
  db.workTagDao.replaceTags(request.id, request.workerName, request.tags);
  if (!isRunning) db.workProgressDao.delete(request.id);
  return isRunning ? 'APPLIED_FOR_NEXT_RUN' : 'APPLIED_IMMEDIATELY';
}
