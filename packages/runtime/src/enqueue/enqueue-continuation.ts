import type { RuntimeContext } from '../internal/runtime-context.js';
import { checkContentUriTriggerLimit } from './check-content-uri-trigger-limit.js';
import { checkCycles } from './check-cycles.js';
import { continuationsFrom } from './continuation-graph.js';
import { insertWorkWithPrerequisites, type InsertResult } from './insert-work.js';
import type { WorkContinuation } from './work-continuation.js';

const TAG = 'workscript:enqueue';

/**
 * Enqueues a continuation in ONE transaction (androidx `EnqueueRunnable`): parents that are not enqueued
 * yet go first, each level depends on all work of its parents, and a continuation enqueued before is
 * skipped with a warning. Cycles are rejected before anything is written.
 * @throws CyclicWorkContinuationError, DuplicateWorkIdError, ContentUriTriggerWorkersLimitError — and then
 * nothing was written.
 */
export function enqueueContinuation(ctx: RuntimeContext, continuation: WorkContinuation): InsertResult[] {
  checkCycles(continuation);
  checkContentUriTriggerLimit(continuation, ctx.database.workSpecDao, ctx.contentUriTriggerWorkersLimit);
  const results: InsertResult[] = [];
  const marked: WorkContinuation[] = [];
  // Parents first; enqueued parents (and what is above them) stay as they are.
  const pending = continuationsFrom(continuation, (parent) => !parent.isEnqueued);
  ctx.database.runInTransaction(() => {
    for (const c of pending) {
      if (c.isEnqueued) {
        ctx.logger.log('warn', TAG, `Already enqueued work ids (${c.ids.join(', ')})`);
        continue;
      }
      const prerequisites = [...new Set(c.parents.flatMap((p) => p.ids))];
      results.push(insertWorkWithPrerequisites(ctx, c.requests, prerequisites, c.name, c.policy));
      marked.push(c);
    }
  });
  // Marked only after the commit, so a rejected enqueue can be retried.
  for (const c of marked) c.markEnqueued();
  return results;
}
