import type { StopReason } from '@workscript/api';
import { hasConstraints } from '@workscript/api';
import type { Clock } from '../clock.js';
import { ConstraintsTracker } from '../constraints/constraints-tracker.js';
import type { DeviceState } from '../constraints/device-state.js';
import type { RuntimeExtras } from '../execution/runtime-extras.js';
import type { WorkLauncher } from '../execution/work-launcher.js';
import { nextRunTimeOf, type WorkSpec } from '../model/work-spec.js';
import { isDatabaseAccessFailure } from '../store/database-access.js';
import type { WorkSpecDao } from '../store/work-spec-dao.js';
import type { Logger } from '../logger.js';
import type { Timer } from '../timer.js';
import { AttemptThrottle } from './attempt-throttle.js';
import { ContentTriggerTracker } from './content-trigger-tracker.js';
import { DelayedWorkTracker } from './delayed-work-tracker.js';
import { UNLIMITED_EXPEDITED_QUOTA, type ExpeditedQuota } from './expedited-quota.js';
import type { Scheduler } from './scheduler.js';

const TAG = 'workscript:greedy-scheduler';

/** How long to wait before reading a spec again when the database refused the read at the end of its delay. */
const DELAY_READ_RETRY_MS = 1_000;

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
  /** The host's expedited quota. Default {@link UNLIMITED_EXPEDITED_QUOTA} (Node has no OS quota). */
  readonly expeditedQuota?: ExpeditedQuota;
  /** Where dropped expedited work and unreadable specs are reported. Default nowhere. */
  readonly logger?: Logger;
}

/**
 * The in-process scheduler (androidx `GreedyScheduler`): work due in the future waits on a timer, due work
 * with constraints waits for the `ConstraintsTracker`, due unconstrained work starts at once. When a
 * constraint stops holding, running work it started is stopped with the matching stop reason.
 *
 * Expedited work (spec §5.2) also stands in for JobScheduler's expedited jobs: of the work handed over
 * together, expedited work within the host's {@link ExpeditedQuota} starts first. Out of quota,
 * `RUN_AS_NON_EXPEDITED_WORK_REQUEST` work starts as regular work (in its enqueue order) and
 * `DROP_WORK_REQUEST` work is not started by this scheduler: it stays ENQUEUED (WorkManager writes nothing
 * for a refused job) until it is handed over anew after `cancel(id)` (an update) or a restart.
 *
 * Work that keeps coming back in one process is spaced out as androidx does (`scheduling/attempt-throttle.ts`):
 * from the sixth attempt of a generation this scheduler has seen, each attempt waits at least 30 s more.
 *
 * Deliberate difference from androidx: device-idle work is handled here (there is no JobScheduler on Node
 * to leave it to).
 */
export class GreedyScheduler implements Scheduler {
  /** @inheritDoc */
  readonly hasLimitedSlots = false;
  readonly #deps: GreedySchedulerDeps;
  readonly #delayed: DelayedWorkTracker;
  readonly #constraints: ConstraintsTracker;
  /** Ids this scheduler started and that may still run (androidx `StartStopTokens`). */
  readonly #started = new Set<string>();
  /** Expedited work refused for lack of quota under DROP_WORK_REQUEST. */
  readonly #dropped = new Set<string>();
  readonly #quota: ExpeditedQuota;
  readonly #throttle = new AttemptThrottle();
  readonly #contentTriggers: ContentTriggerTracker;
  readonly #stopListening: () => void;

  constructor(deps: GreedySchedulerDeps) {
    this.#deps = deps;
    this.#stopListening = deps.launcher.addExecutionListener((id, needsReschedule) => {
      if (!needsReschedule) this.#throttle.forget(id);
    });
    this.#quota = deps.expeditedQuota ?? UNLIMITED_EXPEDITED_QUOTA;
    this.#delayed = new DelayedWorkTracker(deps.timer, deps.clock, (id) => this.#delayEnded(id));
    this.#constraints = new ConstraintsTracker(deps.deviceState, {
      onConstraintsMet: (spec) => this.#startConstrained(spec),
      onConstraintsNotMet: (spec, reason) => this.#stop(spec.id, reason),
    });
    // Triggers that fire for work already waiting on the device's constraints re-judge it now; work still
    // waiting for its delay finds them fired when the delay ends.
    this.#contentTriggers = new ContentTriggerTracker(deps.deviceState, deps.timer, (spec) => {
      if (this.#constraints.isTracking(spec.id)) this.#constraints.track(spec);
    });
  }

  /** @inheritDoc */
  schedule(specs: readonly WorkSpec[]): void {
    const now = this.#deps.clock.currentTimeMillis();
    // Expedited work that can start now and is within quota goes first; everything else keeps the order
    // it was handed over in (oldest enqueue first), including expedited work that runs as regular work.
    const first: WorkSpec[] = [];
    const rest: (readonly [WorkSpec, number])[] = [];
    for (const spec of specs) {
      if (spec.state !== 'ENQUEUED' || this.#dropped.has(spec.id)) continue;
      if (this.#started.has(spec.id) && this.#deps.launcher.isRunning(spec.id)) continue;
      // Content changes count from the moment work is handed over, through any delay (as a JobScheduler
      // job observes its URIs from when it is scheduled).
      if (spec.constraints.contentUriTriggers.length > 0) this.#contentTriggers.observe(spec);
      const nextRunTime = Math.max(nextRunTimeOf(spec), this.#throttle.earliestRun(spec, now));
      // Only expedited work needs the timing and constraint checks here; the loop below does them for the rest.
      if (!spec.expedited || now < nextRunTime || hasConstraints(spec.constraints))
        rest.push([spec, nextRunTime]);
      else if (this.#quota.tryAcquire(now)) first.push(spec);
      else if (spec.outOfQuotaPolicy === 'RUN_AS_NON_EXPEDITED_WORK_REQUEST') rest.push([spec, nextRunTime]);
      else this.#drop(spec);
    }
    // Specs handed over by a scheduler pass are current in its transaction: the attempt need not re-read them.
    for (const spec of first) this.#start(spec, true);
    for (const [spec, nextRunTime] of rest) {
      if (now < nextRunTime) {
        this.#delayed.schedule(spec.id, nextRunTime);
      } else if (hasConstraints(spec.constraints)) {
        this.#constraints.track(spec);
      } else {
        this.#start(spec, true);
      }
    }
  }

  /** @inheritDoc */
  cancel(id: string): void {
    this.#dropped.delete(id);
    this.#delayed.unschedule(id);
    this.#constraints.untrack(id);
    this.#contentTriggers.forget(id);
    this.#started.delete(id);
  }

  /** @inheritDoc */
  forget(id: string): void {
    // androidx drops its first-attempt record only when an attempt ends for good, so work cancelled before
    // it ran stays in the map until the process dies; a Node process may live for months.
    this.#throttle.forget(id);
  }

  /** @inheritDoc */
  close(): void {
    this.#stopListening();
    this.#delayed.close();
    this.#constraints.close();
    this.#contentTriggers.close();
  }

  /**
   * Constrained work whose device constraints now hold; work with content-URI triggers also waits for them
   * to fire, and expedited work asks for quota at this point.
   */
  #startConstrained(spec: WorkSpec): void {
    if (this.#deps.launcher.isRunning(spec.id)) return;
    if (spec.constraints.contentUriTriggers.length > 0) {
      const extras = this.#contentTriggers.triggered(spec.id);
      if (extras === undefined) return;
      this.#contentTriggers.forget(spec.id);
      this.#start(spec, false, extras);
      return;
    }
    const outOfQuota = spec.expedited && !this.#quota.tryAcquire(this.#deps.clock.currentTimeMillis());
    if (outOfQuota && spec.outOfQuotaPolicy === 'DROP_WORK_REQUEST') {
      this.#constraints.untrack(spec.id);
      this.#drop(spec);
      return;
    }
    this.#start(spec);
  }

  /**
   * A delay ended: the spec is read again (it may have changed meanwhile). This runs on a timer, where a
   * throw would end the process, so a read the database refuses is logged instead: one that may pass (a
   * lock, an I/O error) is tried again after {@link DELAY_READ_RETRY_MS}; a damaged row leaves the work
   * ENQUEUED, and the operations that read it report the file as damaged.
   */
  #delayEnded(id: string): void {
    let spec: WorkSpec | null;
    try {
      spec = this.#deps.workSpecDao.get(id);
    } catch (e) {
      const retry = isDatabaseAccessFailure(e);
      this.#deps.logger?.log(
        'error',
        TAG,
        `Could not read work ${id} when its delay ended (${(e as Error).message}); ${retry ? `trying again in ${DELAY_READ_RETRY_MS} ms` : 'it stays ENQUEUED and is not started'}`,
      );
      if (retry) this.#delayed.schedule(id, this.#deps.clock.currentTimeMillis() + DELAY_READ_RETRY_MS);
      return;
    }
    if (spec && spec.state === 'ENQUEUED') this.schedule([spec]);
  }

  #drop(spec: WorkSpec): void {
    this.#dropped.add(spec.id);
    this.#deps.logger?.log(
      'warn',
      TAG,
      `Expedited work ${spec.id} (${spec.workerName}) is out of quota and its OutOfQuotaPolicy is DROP_WORK_REQUEST; it stays ENQUEUED and is not started until it is updated or WorkManager restarts`,
    );
  }

  #start(spec: WorkSpec, current = false, extras?: RuntimeExtras): void {
    if (this.#deps.launcher.isRunning(spec.id)) return;
    this.#started.add(spec.id);
    this.#deps.launcher.startWork(spec.id, current ? spec : undefined, extras);
  }

  #stop(id: string, reason: StopReason): void {
    if (this.#started.has(id) && this.#deps.launcher.isRunning(id)) this.#deps.launcher.stopWork(id, reason);
  }
}
