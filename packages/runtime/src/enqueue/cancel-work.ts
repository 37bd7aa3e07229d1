import { isFinished } from '@workscript/api';
import type { WorkDatabase } from '../store/work-database.js';

/**
 * Cancels each target and every transitive dependent that is still unfinished (androidx
 * `CancelWorkRunnable.iterativelyCancelWorkAndDependents`): state CANCELLED with stop reason
 * CANCELLED_BY_APP if it was RUNNING, else NOT_STOPPED. Finished work (including already CANCELLED work,
 * which keeps its stop reason) is untouched. Must run inside a transaction; returns the ids it cancelled.
 * The caller stops running attempts and tells schedulers after the commit.
 */
export function cancelWorkAndDependents(db: WorkDatabase, targets: readonly string[]): string[] {
  const cancelled: string[] = [];
  const seen = new Set<string>();
  for (const target of targets) {
    const toProcess = [target];
    while (toProcess.length > 0) {
      const id = toProcess.pop() as string;
      if (seen.has(id)) continue;
      seen.add(id);
      const state = db.workSpecDao.getState(id);
      if (state !== null && !isFinished(state)) {
        db.workSpecDao.setCancelledState(id);
        cancelled.push(id);
      }
      toProcess.push(...db.dependencyDao.getDependentWorkIds(id));
    }
  }
  return cancelled;
}
