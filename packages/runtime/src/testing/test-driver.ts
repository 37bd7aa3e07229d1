import type { StopReason } from '@workscript/api';

/**
 * Drives work in tests (androidx `TestDriver`). Each call resolves once the work it released has settled.
 * Every method rejects with a TypeError, changing nothing, when `id` is not a string.
 */
export interface TestDriver {
  /**
   * Pretends every constraint of the work is met. Like every "met" flag, it is kept until the work is
   * launched (also while the work is BLOCKED) and dropped then, so each run needs fresh calls.
   * @throws WorkNotEnqueuedError (rejection) for an unknown id.
   */
  setAllConstraintsMet(id: string): Promise<void>;
  /**
   * Pretends the initial delay of the work has passed. One-time work waiting for its backoff is released
   * by any driver call; periodic work after its first attempt (a retry too) or with a next-schedule-time
   * override waits for {@link TestDriver.setPeriodDelayMet} instead, as in androidx's TestScheduler.
   * @throws WorkNotEnqueuedError for an unknown id; TestDriverModeError in time-based mode.
   */
  setInitialDelayMet(id: string): Promise<void>;
  /**
   * Pretends the period of periodic work has passed.
   * @throws WorkNotEnqueuedError for an unknown id; WorkNotPeriodicError for one-time work;
   *   TestDriverModeError in time-based mode.
   */
  setPeriodDelayMet(id: string): Promise<void>;
  /**
   * Stops a running worker with `reason`; the work returns to ENQUEUED with that stop reason.
   * @param reason - a {@link StopReason}, or any integer in Kotlin `Int` range (newer Android reasons) other
   *   than NOT_STOPPED.
   * @throws InvalidStopReasonError for NOT_STOPPED (−256) or a value that is not such an integer;
   *   WorkNotRunningError when it is not running.
   */
  stopRunningWorkWithReason(id: string, reason: StopReason): Promise<void>;
}
