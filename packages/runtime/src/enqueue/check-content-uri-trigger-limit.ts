import { hasContentUriTriggers } from '@workscript/api';
import { ContentUriTriggerWorkersLimitError } from '../errors.js';
import type { WorkSpecDao } from '../store/work-spec-dao.js';
import { continuationsFrom } from './continuation-graph.js';
import type { WorkContinuation } from './work-continuation.js';

/**
 * androidx `EnqueueRunnable.checkContentUriTriggerWorkerLimits`: the unfinished workers with content-URI
 * triggers already stored plus those this enqueue writes may not pass `limit`. Only an enqueue that writes
 * trigger work reads the table. The count is of the work the enqueue writes: this continuation and its
 * parents that are not enqueued yet.
 * @throws ContentUriTriggerWorkersLimitError — before anything is written.
 */
export function checkContentUriTriggerLimit(
  continuation: WorkContinuation,
  dao: WorkSpecDao,
  limit: number,
): void {
  let adding = 0;
  for (const c of continuationsFrom(continuation, (parent) => !parent.isEnqueued))
    if (!c.isEnqueued) adding += c.requests.filter((r) => hasContentUriTriggers(r.constraints)).length;
  if (adding === 0) return;
  const already = dao.countNonFinishedContentUriTriggerWorkers();
  if (already + adding > limit) throw new ContentUriTriggerWorkersLimitError(limit, already, adding);
}
