import type { WorkContinuation } from './work-continuation.js';

// Walks over a continuation's ancestry. All are iterative: `then()` called 100,000 times makes a chain that
// deep, and a recursive walk overflowed the stack at a few thousand levels (5,000 here; 2,000 did not). Each
// continuation is visited once, so `combine` diamonds cost no more than their nodes.

/**
 * Every continuation reachable from `root` through `parents`, each once, parents before children and in the
 * order of each `parents` list (`root` last): the order androidx's `EnqueueRunnable` inserts them. The walk
 * does not go past a parent for which `follow` is false.
 */
export function continuationsFrom(
  root: WorkContinuation,
  follow: (parent: WorkContinuation) => boolean = () => true,
): WorkContinuation[] {
  const order: WorkContinuation[] = [];
  const seen = new Set<WorkContinuation>([root]);
  const stack: { readonly node: WorkContinuation; next: number }[] = [{ node: root, next: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as { readonly node: WorkContinuation; next: number };
    const parent = top.node.parents[top.next];
    if (parent === undefined) {
      stack.pop();
      order.push(top.node);
      continue;
    }
    top.next++;
    if (!seen.has(parent) && follow(parent)) {
      seen.add(parent);
      stack.push({ node: parent, next: 0 });
    }
  }
  return order;
}

/** The ids of `root`'s work and all its ancestors' work, each once: `root`'s first, then depth first. */
export function idsOfAncestry(root: WorkContinuation): string[] {
  const ids = new Set<string>();
  const seen = new Set<WorkContinuation>();
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop() as WorkContinuation;
    if (seen.has(node)) continue;
    seen.add(node);
    for (const id of node.ids) ids.add(id);
    for (let i = node.parents.length - 1; i >= 0; i--) stack.push(node.parents[i] as WorkContinuation);
  }
  return [...ids];
}

/** True when `ancestor` is reachable from `node` through `parents` (`node` itself excluded). */
export function isAncestor(ancestor: WorkContinuation, node: WorkContinuation): boolean {
  const seen = new Set<WorkContinuation>();
  const stack = [...node.parents];
  while (stack.length > 0) {
    const current = stack.pop() as WorkContinuation;
    if (current === ancestor) return true;
    if (seen.has(current)) continue;
    seen.add(current);
    stack.push(...current.parents);
  }
  return false;
}
