import { isInt, StopReason } from '@workscript/api';
import { InvalidStopReasonError, WorkManagerClosedError } from '../errors.js';
import { checkString } from '../internal/argument-checks.js';
import type { WorkDatabase } from '../store/work-database.js';

/**
 * A stop reason the driver (and `runWorker`'s `stop`) can record: an integer in Kotlin `Int` range (the
 * database column and `WorkInfo.getStopReason()` are one; Android adds reasons over API levels, so any such
 * integer is allowed) other than NOT_STOPPED, which androidx's TestDriver refuses.
 * @throws InvalidStopReasonError naming the value.
 */
export function checkStopReason(reason: unknown): asserts reason is StopReason {
  if (!isInt(reason) || reason === StopReason.NOT_STOPPED) throw new InvalidStopReasonError(reason);
}

/**
 * The id a TestDriver method was given, checked: not a string would otherwise reach SQLite as a bind
 * parameter and fail there ("Too few parameter values were provided") or read as an unknown id.
 * @throws TypeError naming the method and the value.
 */
export function checkWorkId(method: string, id: unknown): asserts id is string {
  checkString(id, `TestDriver.${method}: id`, "a string (a WorkRequest's id)");
}

/** @throws WorkManagerClosedError once the WorkManager (and so its database) is closed. */
export function checkOpen(database: WorkDatabase): void {
  if (!database.isOpen) throw new WorkManagerClosedError();
}
