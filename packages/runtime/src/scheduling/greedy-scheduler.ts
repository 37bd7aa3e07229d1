import type { StopReason } from '@workscript/api';
import { hasConstraints } from '@workscript/api';
import type { Clock } from '../clock.js';
import { ConstraintsTracker } from '../constraints/constraints-tracker.js';
import type { DeviceState } from '../constraints/device-state.js';
import type { WorkLauncher } from '../execution/work-launcher.js';
import { nextRunTimeOf, type WorkSpec } from '../model/work-spec.js';
import type { WorkSpecDao } from '../store/work-spec-dao.js';
import type { Timer } from '../timer.js';
import { DelayedWorkTracker } from './delayed-work-tracker.js';
import type { Scheduler } from './scheduler.js';

/** What a {@link GreedyScheduler} needs. */
export interface GreedySchedulerDeps {
  /** Starts and stops work. */
  readonly launcher: WorkLauncher;
  /** Time source. */
  readonly clock: Clock;
  /** Timers for delayed work. */
  readonly timer: Timer;
  /** The device constraints are judged against. */
  readonly deviceState: DeviceState;
  /** Re-reads specs when a delay expires (they may have changed meanwhile). */
  readonly workSpecDao: WorkSpecDao;
}

/**
 * The in-process scheduler (androidx `GreedyScheduler`): work due in the future waits on a timer, due work
 * with constraints waits for the `ConstraintsTracker`, due unconstrained work starts at once. When a
 * constraint stops holding, running work it started is stopped with the matching stop reason.
 *
 * Deliberate differences from androidx: device-idle work is handled here (there is no JobScheduler on
 * Node to leave it to), and the "more than 5 attempts" in-process throttling is not applied.
 */
export class GreedyScheduler implements Scheduler {
  /** @inheritDoc */
  readonly hasLimitedSlots = false;
  readonly #deps: GreedySchedulerDeps;
  readonly #delayed: DelayedWorkTracker;
  readonly #constraints: ConstraintsTracker;
  /** Ids this scheduler started and that may still run (androidx `StartStopTokens`). */
  readonly #started = new Set<string>();

  constructor(deps: GreedySchedulerDeps) {
    this.#deps = deps;
    this.#delayed = new DelayedWorkTracker(deps.timer, deps.clock, (id) => {
      const spec = deps.workSpecDao.get(id);
      if (spec && spec.state === 'ENQUEUED') this.schedule([spec]);
    });
    this.#constraints = new ConstraintsTracker(deps.deviceState, {
      onConstraintsMet: (spec) => this.#start(spec),
      onConstraintsNotMet: (spec, reason) => this.#stop(spec.id, reason),
    });
  }

  /** @inheritDoc */
  schedule(specs: readonly WorkSpec[]): void {
    const now = this.#deps.clock.currentTimeMillis();
    for (const spec of specs) {
      if (spec.state !== 'ENQUEUED') continue;
      if (this.#started.has(spec.id) && this.#deps.launcher.isRunning(spec.id)) continue;
      const nextRunTime = nextRunTimeOf(spec);
      if (now < nextRunTime) {
        this.#delayed.schedule(spec.id, nextRunTime);
      } else if (hasConstraints(spec.constraints)) {
        this.#constraints.track(spec);
      } else {
        this.#start(spec);
      }
    }
  }

  /** @inheritDoc */
  cancel(id: string): void {
    this.#delayed.unschedule(id);
    this.#constraints.untrack(id);
    this.#started.delete(id);
  }

  /** @inheritDoc */
  close(): void {
    this.#delayed.close();
    this.#constraints.close();
  }

  #start(spec: WorkSpec): void {
    if (this.#deps.launcher.isRunning(spec.id)) return;
    this.#started.add(spec.id);
    this.#deps.launcher.startWork(spec.id);
  }

  #stop(id: string, reason: StopReason): void {
    if (this.#started.has(id) && this.#deps.launcher.isRunning(id)) this.#deps.launcher.stopWork(id, reason);
  }
}
