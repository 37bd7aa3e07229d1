import { CyclicWorkContinuationError } from '../errors.js';
import { continuationsFrom, isAncestor } from './continuation-graph.js';
import type { WorkContinuation } from './work-continuation.js';

/**
 * Throws when some work id appears among its own ancestors (androidx `WorkContinuationImpl.hasCycles`):
 * when a continuation and one of its ancestors hold the same id. Diamonds that reach the same ancestor
 * twice are fine, and so is an id held by two continuations neither of which descends from the other.
 * androidx compares every continuation's ids with all its ancestors' (quadratic in the depth); here only
 * ids held by more than one continuation are looked at, which a chain without repeats has none of.
 * @throws CyclicWorkContinuationError naming the repeated id.
 */
export function checkCycles(continuation: WorkContinuation): void {
  const holders = new Map<string, WorkContinuation[]>();
  for (const node of continuationsFrom(continuation)) {
    for (const id of new Set(node.ids)) {
      const list = holders.get(id);
      if (list === undefined) holders.set(id, [node]);
      else list.push(node);
    }
  }
  for (const [id, nodes] of holders) {
    if (nodes.length < 2) continue;
    for (const node of nodes)
      for (const other of nodes)
        if (other !== node && isAncestor(other, node)) throw new CyclicWorkContinuationError(id);
  }
}
