import { StopReason } from '@workscript/api';
import { InvalidStopReasonError, WorkManagerClosedError } from '../errors.js';
import type { WorkDatabase } from '../store/work-database.js';

/**
 * A stop reason the driver can record: an integer (the database column is one; Android adds reasons over
 * API levels, so any integer is allowed) other than NOT_STOPPED, which androidx's TestDriver refuses.
 * @throws InvalidStopReasonError naming the value.
 */
export function checkStopReason(reason: unknown): asserts reason is StopReason {
  if (typeof reason !== 'number' || !Number.isInteger(reason) || reason === StopReason.NOT_STOPPED)
    throw new InvalidStopReasonError(reason);
}

/** @throws WorkManagerClosedError once the WorkManager (and so its database) is closed. */
export function checkOpen(database: WorkDatabase): void {
  if (!database.isOpen) throw new WorkManagerClosedError();
}
