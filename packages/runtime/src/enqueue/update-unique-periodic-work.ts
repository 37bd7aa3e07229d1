import type { PeriodicWorkRequest } from '@workscript/api';
import { UnsupportedWorkOperationError } from '../errors.js';
import type { RuntimeContext } from '../internal/runtime-context.js';
import type { UpdateResult } from '../model/update-result.js';
import { updateWorkInTransaction } from './update-work.js';

/**
 * `enqueueUniquePeriodicWork(name, UPDATE, request)` inside the caller's transaction (androidx
 * `WorkerUpdater.enqueueUniquelyNamedPeriodic`). Returns `'enqueue'` when the request must be inserted as
 * new work (no member, or the member was CANCELLED and has been deleted) and `'updated'` otherwise (a
 * finished member counts as updated: the update is NOT_APPLIED but the operation succeeds).
 * @param isRunning - whether an attempt of `id` is executing now.
 * @throws UnsupportedWorkOperationError for a chain under the name or a one-time member.
 */
export function updateUniquePeriodicWork(
  ctx: RuntimeContext,
  name: string,
  request: PeriodicWorkRequest,
  isRunning: (id: string) => boolean,
):
  | { readonly outcome: 'enqueue' }
  | { readonly outcome: 'updated'; readonly id: string; readonly result: UpdateResult } {
  const db = ctx.database;
  const existing = db.workSpecDao.getWorkSpecIdAndStatesForName(name);
  if (existing.length > 1)
    throw new UnsupportedWorkOperationError("Can't apply UPDATE policy to the chains of work.");
  const current = existing[0];
  if (current === undefined) return { outcome: 'enqueue' };
  const spec = db.workSpecDao.get(current.id);
  if (spec === null || spec.intervalDuration === 0) {
    throw new UnsupportedWorkOperationError(
      "Can't update OneTimeWorker to Periodic Worker. Update operation must preserve worker's type.",
    );
  }
  if (current.state === 'CANCELLED') {
    db.workSpecDao.delete(current.id);
    return { outcome: 'enqueue' };
  }
  return {
    outcome: 'updated',
    id: current.id,
    result: updateWorkInTransaction(ctx, { ...request, id: current.id }, isRunning(current.id)),
  };
}
