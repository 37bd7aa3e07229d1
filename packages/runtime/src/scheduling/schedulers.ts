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
 * slots, plus every such spec with content-URI triggers (which holds no slot), and those are stamped
 * `scheduleRequestedAt = now` in the same transaction; unlimited schedulers get up to 200 ENQUEUED specs.
 */
export class Schedulers {
  readonly #ctx: RuntimeContext;
  readonly #schedulers: readonly Scheduler[];
  readonly #limited: readonly Scheduler[];
  readonly #unlimited: readonly Scheduler[];
  readonly #maxSchedulerLimit: number;

  constructor(
    ctx: RuntimeContext,
    schedulers: readonly Scheduler[],
    maxSchedulerLimit = DEFAULT_MAX_SCHEDULER_LIMIT,
  ) {
    this.#ctx = ctx;
    this.#schedulers = schedulers;
    this.#limited = schedulers.filter((s) => s.hasLimitedSlots);
    this.#unlimited = schedulers.filter((s) => !s.hasLimitedSlots);
    this.#maxSchedulerLimit = maxSchedulerLimit;
  }

  /** The schedulers, in order. */
  get all(): readonly Scheduler[] {
    return this.#schedulers;
  }

  /**
   * Selects eligible work and delegates it. The selects need no transaction of their own (JS runs them
   * back to back on the one connection, so nothing changes in between; a read-only transaction measured
   * ~25 µs for nothing). When there is something to hand over, the limited schedulers' marks and every
   * "ENQUEUED → RUNNING" the schedulers cause by starting work commit in ONE transaction (androidx's
   * GreedyScheduler also receives a batch; here its starts share one commit). Workers start after that
   * commit (see `WorkDatabase.afterCommit`), so no worker runs on a RUNNING mark a crash could still lose.
   */
  schedule(): void {
    const limited = this.#limited;
    const unlimited = this.#unlimited;
    const { database: db, clock } = this.#ctx;
    const dao = db.workSpecDao;
    const free = limited.length > 0 ? Math.max(this.#maxSchedulerLimit - dao.countScheduledWork(), 0) : 0;
    // Work with content-URI triggers goes to limited schedulers at once and outside the slots (on a device
    // it must be in JobScheduler from its enqueue on, or a content change could be missed), after the rest.
    const forLimited = [
      ...withExpedited(dao.getEligibleWorkForScheduling(free), free, (n) =>
        dao.getEligibleExpeditedWork(n, true),
      ),
      ...(limited.length > 0 ? dao.getEligibleWorkForSchedulingWithContentUris() : []),
    ];
    const all =
      unlimited.length > 0
        ? withExpedited(
            dao.getAllEligibleWorkForScheduling(MAX_GREEDY_SCHEDULER_LIMIT),
            MAX_GREEDY_SCHEDULER_LIMIT,
            (n) => dao.getEligibleExpeditedWork(n, false),
          )
        : [];
    this.#ctx.events.emit('scheduler:tick', { eligible: forLimited.length + all.length });
    if (forLimited.length === 0 && all.length === 0) return;
    db.runInTransaction(() => {
      const now = clock.currentTimeMillis();
      for (const spec of forLimited) dao.markScheduled(spec.id, now);
      if (forLimited.length > 0) for (const s of limited) s.schedule(forLimited);
      if (all.length > 0) for (const s of unlimited) s.schedule(all);
    });
  }

  /** Tells every scheduler to forget `id`. */
  cancel(id: string): void {
    for (const s of this.#schedulers) s.cancel(id);
  }

  /** Tells every scheduler that `id` was cancelled or replaced for good (see {@link Scheduler.forget}). */
  forget(id: string): void {
    for (const s of this.#schedulers) s.forget?.(id);
  }

  /** Closes every scheduler. */
  close(): void {
    for (const s of this.#schedulers) s.close();
  }
}

/**
 * A full page of eligible work (oldest first) may have left out younger expedited work; put the oldest
 * expedited specs first so schedulers can start them ahead (spec §5.2), keeping the page size.
 */
function withExpedited(
  page: WorkSpec[],
  limit: number,
  expedited: (limit: number) => WorkSpec[],
): WorkSpec[] {
  if (limit === 0 || page.length < limit) return page; // every eligible spec is already in the page
  const first = expedited(limit);
  if (first.length === 0) return page;
  const ids = new Set(first.map((s) => s.id));
  return [...first, ...page.filter((s) => !ids.has(s.id))].slice(0, limit);
}
