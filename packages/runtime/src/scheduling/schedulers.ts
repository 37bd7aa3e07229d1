import type { RuntimeContext } from '../internal/runtime-context.js';
import type { WorkSpec } from '../model/work-spec.js';
import type { Scheduler } from './scheduler.js';

/** `Scheduler.MAX_GREEDY_SCHEDULER_LIMIT`: how many ENQUEUED specs unlimited schedulers see at once. */
export const MAX_GREEDY_SCHEDULER_LIMIT = 200;
/** `Configuration.MIN_SCHEDULER_LIMIT`: default slots of limited schedulers. */
export const DEFAULT_MAX_SCHEDULER_LIMIT = 20;

/**
 * Selects eligible work in one transaction and hands it to every scheduler (androidx `Schedulers`).
 * Limited-slot schedulers get ENQUEUED specs not yet scheduled, oldest enqueue first, up to the free
 * slots, and those are stamped `scheduleRequestedAt = now` in the same transaction; unlimited schedulers
 * get up to 200 ENQUEUED specs.
 */
export class Schedulers {
  readonly #ctx: RuntimeContext;
  readonly #schedulers: readonly Scheduler[];
  readonly #maxSchedulerLimit: number;

  constructor(
    ctx: RuntimeContext,
    schedulers: readonly Scheduler[],
    maxSchedulerLimit = DEFAULT_MAX_SCHEDULER_LIMIT,
  ) {
    this.#ctx = ctx;
    this.#schedulers = schedulers;
    this.#maxSchedulerLimit = maxSchedulerLimit;
  }

  /** The schedulers, in order. */
  get all(): readonly Scheduler[] {
    return this.#schedulers;
  }

  /** Selects and delegates. Call outside any transaction: schedulers may start work at once. */
  schedule(): void {
    const limited = this.#schedulers.filter((s) => s.hasLimitedSlots);
    const unlimited = this.#schedulers.filter((s) => !s.hasLimitedSlots);
    const { database: db, clock } = this.#ctx;
    const picked = db.runInTransaction((): { limited: WorkSpec[]; all: WorkSpec[] } => {
      let forLimited: WorkSpec[] = [];
      if (limited.length > 0) {
        const free = Math.max(this.#maxSchedulerLimit - db.workSpecDao.countScheduledWork(), 0);
        forLimited = db.workSpecDao.getEligibleWorkForScheduling(free);
        const now = clock.currentTimeMillis();
        for (const spec of forLimited) db.workSpecDao.markScheduled(spec.id, now);
      }
      const all =
        unlimited.length > 0
          ? db.workSpecDao.getAllEligibleWorkForScheduling(MAX_GREEDY_SCHEDULER_LIMIT)
          : [];
      return { limited: forLimited, all };
    });
    this.#ctx.events.emit('scheduler:tick', { eligible: picked.limited.length + picked.all.length });
    if (picked.limited.length > 0) for (const s of limited) s.schedule(picked.limited);
    if (picked.all.length > 0) for (const s of unlimited) s.schedule(picked.all);
  }

  /** Tells every scheduler to forget `id`. */
  cancel(id: string): void {
    for (const s of this.#schedulers) s.cancel(id);
  }

  /** Closes every scheduler. */
  close(): void {
    for (const s of this.#schedulers) s.close();
  }
}
