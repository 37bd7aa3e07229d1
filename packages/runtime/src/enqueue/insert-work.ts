import type { ExistingWorkPolicy, WorkRequest, WorkState } from '@workscript/api';
import { DuplicateWorkIdError } from '../errors.js';
import type { RuntimeContext } from '../internal/runtime-context.js';
import { createWorkSpec } from '../model/work-spec.js';
import { sortTags } from '../store/work-tag-dao.js';
import { cancelWorkAndDependents } from './cancel-work.js';

/** What one level of a continuation did. */
export interface InsertResult {
  /** Ids inserted, with their initial states. */
  readonly inserted: readonly { id: string; workerName: string; state: WorkState }[];
  /** Ids cancelled by REPLACE (their running attempts must be stopped after the commit). */
  readonly cancelled: readonly string[];
}

const TAG = 'workscript:enqueue';
const NOTHING: InsertResult = { inserted: [], cancelled: [] };

/**
 * Inserts one level of work with its prerequisites, inside the caller's transaction (androidx
 * `EnqueueRunnable.enqueueWorkWithPrerequisites`):
 * - the initial state follows the prerequisites: all SUCCEEDED (or none) → ENQUEUED with
 *   `lastEnqueueTime = now`; else any FAILED → FAILED; else any CANCELLED → CANCELLED; else BLOCKED;
 * - a unique name's policy applies only at the root (no prerequisites): KEEP keeps existing ENQUEUED or
 *   RUNNING work (no-op), otherwise KEEP/REPLACE cancel and delete every member; APPEND chains onto the
 *   leaves; APPEND_OR_REPLACE starts afresh when a leaf FAILED or was CANCELLED;
 * - every inserted work is linked to its tags (plus the worker name, the implicit tag) and the name.
 * A prerequisite that no longer exists makes the whole level a logged no-op, as in androidx.
 */
export function insertWorkWithPrerequisites(
  ctx: RuntimeContext,
  requests: readonly WorkRequest[],
  prerequisiteIds: readonly string[],
  name: string | undefined,
  policy: ExistingWorkPolicy | 'UPDATE',
): InsertResult {
  const { database: db, clock, logger } = ctx;
  const now = clock.currentTimeMillis();
  let prerequisites = [...prerequisiteIds];
  let completedAll = true;
  let failed = false;
  let cancelled = false;
  for (const id of prerequisites) {
    const state = db.workSpecDao.getState(id);
    if (state === null) {
      logger.log('error', TAG, `Prerequisite ${id} doesn't exist; not enqueuing`);
      return NOTHING;
    }
    completedAll &&= state === 'SUCCEEDED';
    if (state === 'FAILED') failed = true;
    else if (state === 'CANCELLED') cancelled = true;
  }
  let cancelledByReplace: string[] = [];
  if (name !== undefined && prerequisites.length === 0) {
    if (policy === 'APPEND' || policy === 'APPEND_OR_REPLACE') {
      // Only the leaves matter (a name without members has none), so only they are read.
      const leaves: string[] = [];
      for (const { id, state } of db.workSpecDao.getLeavesForName(name)) {
        completedAll &&= state === 'SUCCEEDED';
        if (state === 'FAILED') failed = true;
        else if (state === 'CANCELLED') cancelled = true;
        leaves.push(id);
      }
      if (policy === 'APPEND_OR_REPLACE' && (failed || cancelled)) {
        // A broken chain is dropped, not cancelled: its members are already finished or stuck behind it.
        for (const id of db.workNameDao.getWorkSpecIdsWithName(name)) db.workSpecDao.delete(id);
        leaves.length = 0;
        failed = false;
        cancelled = false;
      }
      prerequisites = leaves;
    } else {
      const existing = db.workSpecDao.getWorkSpecIdAndStatesForName(name);
      if (existing.length > 0) {
        if (policy === 'KEEP' && existing.some((e) => e.state === 'ENQUEUED' || e.state === 'RUNNING'))
          return NOTHING;
        cancelledByReplace = cancelWorkAndDependents(db, db.workSpecDao.getUnfinishedIdsForName(name));
        for (const id of db.workNameDao.getWorkSpecIdsWithName(name)) db.workSpecDao.delete(id);
      }
    }
  }
  const inserted: { id: string; workerName: string; state: WorkState }[] = [];
  const hasPrerequisites = prerequisites.length > 0;
  for (const request of requests) {
    const base = createWorkSpec(request, ctx.inputShapeOf(request.workerName));
    const tags = new Set([...request.tags, request.workerName]);
    const state: WorkState =
      hasPrerequisites && !completedAll
        ? failed
          ? 'FAILED'
          : cancelled
            ? 'CANCELLED'
            : 'BLOCKED'
        : 'ENQUEUED';
    try {
      db.workSpecDao.insert(
        { ...base, state, lastEnqueueTime: state === 'ENQUEUED' ? now : -1 },
        { tags: sortTags(tags), hasPrerequisites },
      );
    } catch (e) {
      // The primary key finds an existing id (one statement fewer than looking it up first); the caller's
      // transaction rolls back everything this enqueue wrote.
      if ((e as { code?: unknown }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY')
        throw new DuplicateWorkIdError(request.id);
      throw e;
    }
    for (const p of prerequisites) db.dependencyDao.insert(request.id, p);
    db.workTagDao.insertTags(request.id, request.workerName, tags);
    if (name !== undefined) db.workNameDao.insert(name, request.id);
    inserted.push({ id: request.id, workerName: request.workerName, state });
  }
  return { inserted, cancelled: cancelledByReplace };
}
