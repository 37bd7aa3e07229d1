import { isFinished, type WorkState } from '@workscript/api';
import { WorkNotEnqueuedError, type WorkInfo } from '@workscript/runtime';
import type { TestSchedulingMode, TestWorkManager } from '@workscript/runtime/testing';

/** Options of {@link WorkscriptTestRun.runUntilFinished}. */
export interface RunUntilFinishedOptions {
  /**
   * How many times the work may be released (constraints, delays, backoff) before giving up: a worker that
   * retries forever fails the test instead of hanging it. Default 50.
   */
  readonly maxReleases?: number;
}

/** A started test WorkManager (see `WorkscriptTest.start`) with helpers that wait for work. */
export interface WorkscriptTestRun extends TestWorkManager {
  /** The scheduling mode it was started with. */
  readonly scheduling: TestSchedulingMode;
  /**
   * Resolves with the work's WorkInfo once no attempt of it is in flight (it is not RUNNING) and the
   * WorkManager is quiet. QuickJS attempts run on worker threads and outlive the driver call that started
   * them: await this before asserting on their result.
   * @throws WorkNotEnqueuedError (rejection) when no work has this id.
   */
  settled(id: string): Promise<WorkInfo>;
  /**
   * Releases the work until it finishes, the way the scheduling mode allows, and resolves with its final
   * WorkInfo (SUCCEEDED, FAILED or CANCELLED). In `'driver'` mode it meets the constraints and then the
   * initial delay or backoff through the TestDriver; in `'time-based'` mode it meets the constraints and
   * advances the clock to the next run time; in `'device'` mode it only advances the clock, so the
   * constraints must hold on `deviceState`.
   * @throws Error (rejection) for periodic work (it never finishes), work BLOCKED behind unfinished
   *   prerequisites, work that makes no progress when released, or more than `maxReleases` releases.
   */
  runUntilFinished(id: string, options?: RunUntilFinishedOptions): Promise<WorkInfo>;
  /** Closes the WorkManager and its engine threads. Idempotent. */
  close(): Promise<void>;
}

const DEFAULT_MAX_RELEASES = 50;

/** Whether a release moved the work: another state, or another attempt in the same state. */
const progressed = (before: WorkInfo, now: WorkInfo): boolean =>
  now.state !== before.state || now.runAttemptCount !== before.runAttemptCount;

/** Wraps a TestWorkManager into a {@link WorkscriptTestRun}. */
export function createWorkscriptTestRun(
  test: TestWorkManager,
  scheduling: TestSchedulingMode,
): WorkscriptTestRun {
  const { workManager, driver, clock } = test;
  let closed: Promise<void> | undefined;

  const settled = async (id: string): Promise<WorkInfo> => {
    for (;;) {
      // Quiet first, so an attempt a driver call or device change just started is already RUNNING.
      await workManager.settle();
      const info = await workManager.getWorkInfoById(id);
      if (info === null) throw new WorkNotEnqueuedError(id);
      if (info.state !== 'RUNNING') return info;
      for await (const next of workManager.watchWorkInfoById(id)) {
        if (next === null) throw new WorkNotEnqueuedError(id);
        if (next.state !== 'RUNNING') break;
      }
    }
  };

  /** One release in the run's mode; returns the WorkInfo once that release settled. */
  const release = async (info: WorkInfo): Promise<WorkInfo> => {
    const toNextRun = (): Promise<void> =>
      clock.advance(Math.max(0, info.nextScheduleTimeMillis - clock.currentTimeMillis()));
    if (scheduling === 'device') {
      await toNextRun();
      return settled(info.id);
    }
    await driver.setAllConstraintsMet(info.id);
    const afterConstraints = await settled(info.id);
    if (progressed(info, afterConstraints)) return afterConstraints;
    if (scheduling === 'driver') await driver.setInitialDelayMet(info.id);
    else await toNextRun();
    return settled(info.id);
  };

  const runUntilFinished = async (id: string, options: RunUntilFinishedOptions = {}): Promise<WorkInfo> => {
    const maxReleases = options.maxReleases ?? DEFAULT_MAX_RELEASES;
    let info = await settled(id);
    if (info.periodicityInfo !== null) {
      throw new Error(
        `runUntilFinished(${id}): periodic work never finishes; release one period with driver.setPeriodDelayMet(id) and await settled(id)`,
      );
    }
    for (let releases = 0; !isFinished(info.state); releases++) {
      if (info.state === 'BLOCKED') {
        throw new Error(
          `runUntilFinished(${id}): the work is BLOCKED behind prerequisites that have not finished; run them first`,
        );
      }
      if (releases >= maxReleases) {
        throw new Error(
          `runUntilFinished(${id}): not finished after ${maxReleases} releases (state ${info.state}, runAttemptCount ${info.runAttemptCount}); a worker that keeps retrying needs a larger maxReleases or a fix`,
        );
      }
      const next = await release(info);
      if (!progressed(info, next)) {
        throw new Error(
          `runUntilFinished(${id}): releasing the work did not run it (state ${next.state as WorkState}${
            scheduling === 'device'
              ? '; in device mode its constraints must hold on deviceState, and content-URI triggers need deviceState.notifyContentChange'
              : ''
          })`,
        );
      }
      info = next;
    }
    return info;
  };

  return {
    ...test,
    scheduling,
    settled,
    runUntilFinished,
    close: () => (closed ??= workManager.close()),
  };
}
