import type { StopReason } from '@workscript/api';
import { hasConstraints, LONG_MAX_VALUE } from '@workscript/api';
import type { Clock } from '../clock.js';
import {
  TestDriverModeError,
  WorkNotEnqueuedError,
  WorkNotPeriodicError,
  WorkNotRunningError,
} from '../errors.js';
import type { WorkLauncher } from '../execution/work-launcher.js';
import { isBackedOff, isPeriodic, nextRunTimeOf, type WorkSpec } from '../model/work-spec.js';
import { DelayedWorkTracker } from '../scheduling/delayed-work-tracker.js';
import type { Scheduler } from '../scheduling/scheduler.js';
import type { WorkDatabase } from '../store/work-database.js';
import type { Timer } from '../timer.js';
import { checkOpen, checkStopReason, checkWorkId } from './driver-checks.js';
import type { TestDriver } from './test-driver.js';

/** How a {@link TestScheduler} decides that time has passed. */
export type TestSchedulingMode =
  /** Only TestDriver calls release delays (androidx's default synchronous executors mode). */
  | 'driver'
  /** Delays follow the clock (androidx `USE_TIME_BASED_SCHEDULING`); the delay setters throw. */
  | 'time-based'
  /**
   * Not a TestScheduler mode: the real GreedyScheduler runs on the TestClock and the simulated device, so
   * `deviceState` changes start and stop work (Workscript-only; androidx's TestDriver ignores the device).
   */
  | 'device';

interface PendingState {
  readonly constraintsMet: boolean;
  readonly initialDelayMet: boolean;
  readonly periodDelayMet: boolean;
  readonly isScheduled: boolean;
}
const INITIAL: PendingState = {
  constraintsMet: false,
  initialDelayMet: false,
  periodDelayMet: false,
  isScheduled: false,
};

/** A first periodic run: no period finished, no attempt yet, no override (overrides count as later periods). */
const isFirstPeriodicRun = (s: WorkSpec): boolean =>
  s.periodCount === 0 && s.runAttemptCount === 0 && s.nextScheduleTimeOverride === LONG_MAX_VALUE;

/** What a {@link TestScheduler} needs. */
export interface TestSchedulerDeps {
  readonly database: WorkDatabase;
  readonly launcher: WorkLauncher;
  readonly clock: Clock;
  readonly timer: Timer;
  /** `'driver'` or `'time-based'` (`'device'` uses the GreedyScheduler instead). */
  readonly mode: Exclude<TestSchedulingMode, 'device'>;
  /** Waits until released work settled; called at the end of each driver method. */
  readonly settle: () => Promise<void>;
}

/**
 * A real, limited-slot scheduler that tests drive (androidx `TestScheduler`). Per work it tracks
 * {isScheduled, constraintsMet, initialDelayMet, periodDelayMet}; the flags are dropped when the work is
 * launched, so every run needs fresh "met" calls. In `driver` mode the clock is ignored: before launching,
 * it rewinds `lastEnqueueTime` (or the override) so that `calculateNextRunTime() ≤ now` and the
 * WorkerWrapper's timing guard passes.
 */
export class TestScheduler implements Scheduler, TestDriver {
  /** @inheritDoc */
  readonly hasLimitedSlots = true;
  readonly #deps: TestSchedulerDeps;
  readonly #pending = new Map<string, PendingState>();
  readonly #delayed: DelayedWorkTracker;

  constructor(deps: TestSchedulerDeps) {
    this.#deps = deps;
    this.#delayed = new DelayedWorkTracker(deps.timer, deps.clock, (id) => {
      const spec = deps.database.workSpecDao.get(id);
      if (spec) this.#maybeSchedule(spec, this.#pending.get(id) ?? INITIAL);
    });
  }

  /** @inheritDoc */
  schedule(specs: readonly WorkSpec[]): void {
    const toSchedule = specs.map((spec) => {
      const state = { ...(this.#pending.get(spec.id) ?? INITIAL), isScheduled: true };
      this.#pending.set(spec.id, state);
      return [spec, state] as const;
    });
    for (const [spec, state] of toSchedule) {
      // Retries wait for a driver call in driver mode, as in androidx.
      if (
        this.#deps.mode === 'driver' &&
        isBackedOff(spec) &&
        nextRunTimeOf(spec) > this.#deps.clock.currentTimeMillis()
      )
        continue;
      this.#maybeSchedule(spec, state);
    }
  }

  /** @inheritDoc */
  cancel(id: string): void {
    // No stop here: cancellation already stopped the attempt with CANCELLED_BY_APP through the Processor,
    // and after a completion a stop could hit the *next* attempt of the same id.
    this.#delayed.unschedule(id);
  }

  /** @inheritDoc */
  forget(id: string): void {
    this.#pending.delete(id);
  }

  /** @inheritDoc */
  close(): void {
    this.#delayed.close();
  }

  /** @inheritDoc */
  async setAllConstraintsMet(id: string): Promise<void> {
    checkWorkId('setAllConstraintsMet', id);
    this.#update(this.#load(id), { constraintsMet: true });
    await this.#deps.settle();
  }

  /** @inheritDoc */
  async setInitialDelayMet(id: string): Promise<void> {
    checkWorkId('setInitialDelayMet', id);
    if (this.#deps.mode === 'time-based') throw new TestDriverModeError('setInitialDelayMet');
    this.#update(this.#load(id), { initialDelayMet: true });
    await this.#deps.settle();
  }

  /** @inheritDoc */
  async setPeriodDelayMet(id: string): Promise<void> {
    checkWorkId('setPeriodDelayMet', id);
    if (this.#deps.mode === 'time-based') throw new TestDriverModeError('setPeriodDelayMet');
    const spec = this.#load(id);
    if (!isPeriodic(spec)) throw new WorkNotPeriodicError(id);
    this.#update(spec, { periodDelayMet: true });
    await this.#deps.settle();
  }

  /** @inheritDoc */
  async stopRunningWorkWithReason(id: string, reason: StopReason): Promise<void> {
    checkWorkId('stopRunningWorkWithReason', id);
    checkOpen(this.#deps.database);
    checkStopReason(reason);
    if (!this.#deps.launcher.isRunning(id)) throw new WorkNotRunningError(id);
    this.#deps.launcher.stopWork(id, reason);
    await this.#deps.settle();
  }

  #load(id: string): WorkSpec {
    checkOpen(this.#deps.database);
    const spec = this.#deps.database.workSpecDao.get(id);
    if (spec === null) throw new WorkNotEnqueuedError(id);
    return spec;
  }

  #update(spec: WorkSpec, change: Partial<PendingState>): void {
    const state = { ...(this.#pending.get(spec.id) ?? INITIAL), ...change };
    this.#pending.set(spec.id, state);
    this.#maybeSchedule(spec, state);
  }

  #maybeSchedule(spec: WorkSpec, state: PendingState): void {
    const constraintsMet = !hasConstraints(spec.constraints) || state.constraintsMet;
    if (this.#deps.mode === 'time-based') {
      if (!state.isScheduled || !constraintsMet) return;
      const next = nextRunTimeOf(spec);
      if (this.#deps.clock.currentTimeMillis() >= next) this.#launch(spec.id);
      else this.#delayed.schedule(spec.id, next);
      return;
    }
    const initialDelayMet = spec.initialDelay === 0 || state.initialDelayMet || !isFirstPeriodicRun(spec);
    const periodMet = isPeriodic(spec) ? state.periodDelayMet || isFirstPeriodicRun(spec) : true;
    if (state.isScheduled && constraintsMet && initialDelayMet && periodMet) {
      this.#rewindNextRunTimeToNow(spec.id);
      this.#launch(spec.id);
    }
  }

  #launch(id: string): void {
    this.#delayed.unschedule(id);
    this.#pending.delete(id);
    this.#deps.launcher.startWork(id);
  }

  /**
   * Moves `lastEnqueueTime` (or the override) back so the spec is due now; timing itself is not recomputed.
   *
   * Deliberate difference from androidx's TestScheduler, which only moves an override to now: after the
   * first period the next run time is `max(override, lastEnqueueTime + 15 min)` (spec §4.2), so that work
   * stayed not due, the worker wrapper skipped it, and as the driver's flag was spent with the launch, it
   * could never run again. Here `lastEnqueueTime` moves back by what is left, which is what the spec's
   * §14 asks of the rewind ("so that calculateNextRunTime ≤ now").
   */
  #rewindNextRunTimeToNow(id: string): void {
    const db = this.#deps.database;
    db.runInTransaction(() => {
      let spec = db.workSpecDao.get(id);
      if (spec === null) return;
      const now = this.#deps.clock.currentTimeMillis();
      if (nextRunTimeOf(spec) <= now) return;
      if (spec.nextScheduleTimeOverride !== LONG_MAX_VALUE) {
        db.workSpecDao.setNextScheduleTimeOverride(id, now);
        spec = { ...spec, nextScheduleTimeOverride: now };
      }
      const offset = nextRunTimeOf(spec) - now;
      if (offset > 0) db.workSpecDao.setLastEnqueueTime(id, spec.lastEnqueueTime - offset);
    });
  }
}
