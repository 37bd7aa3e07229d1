import { CyclicWorkContinuationError } from '../errors.js';
import type { WorkContinuation } from './work-continuation.js';

/** Ids of every ancestor of `c` (its parents' work, recursively). */
function prerequisitesFor(c: WorkContinuation): Set<string> {
  const ids = new Set<string>();
  const visit = (p: WorkContinuation): void => {
    p.ids.forEach((id) => ids.add(id));
    p.parents.forEach(visit);
  };
  c.parents.forEach(visit);
  return ids;
}

/**
 * Throws when some work id appears among its own ancestors (androidx `WorkContinuationImpl.hasCycles`).
 * Diamonds that reach the same ancestor twice are fine.
 * @throws CyclicWorkContinuationError naming the repeated id.
 */
export function checkCycles(continuation: WorkContinuation, visited: Set<string> = new Set()): void {
  continuation.ids.forEach((id) => visited.add(id));
  const prerequisites = prerequisitesFor(continuation);
  for (const id of visited) if (prerequisites.has(id)) throw new CyclicWorkContinuationError(id);
  for (const parent of continuation.parents) checkCycles(parent, visited);
  continuation.ids.forEach((id) => visited.delete(id));
}
