import type { WorkSpec } from '../model/work-spec.js';

/** Attempts of one work generation a process lets through before it starts spacing them out (androidx: 5). */
export const NON_THROTTLE_RUN_ATTEMPT_COUNT = 5;
/** How far each attempt beyond {@link NON_THROTTLE_RUN_ATTEMPT_COUNT} is pushed back (androidx: 30 s). */
export const THROTTLE_MAX_ATTEMPT_DELAY_MS = 30_000;

/**
 * androidx `GreedyScheduler`'s in-process throttling (spec §12): work that keeps coming back within one
 * process — a constraint that flaps, a time limit hit again and again — is spaced out even when its own
 * backoff would let it run. For each work generation the first time the scheduler sees it (attempt count
 * a0, time t0) is remembered; its earliest run is then t0 + max(runAttemptCount − a0 − 5, 0) × 30 s. The
 * memory is per process, like androidx's: a restart starts over. It is forgotten when the work finishes
 * (an execution that needs no reschedule), so the next period of periodic work starts afresh.
 */
export class AttemptThrottle {
  readonly #firstSeen = new Map<
    string,
    { readonly generation: number; readonly attempts: number; readonly at: number }
  >();

  /** The earliest time `spec` may run on account of throttling (0 or a past time when it need not wait). */
  earliestRun(spec: WorkSpec, now: number): number {
    let first = this.#firstSeen.get(spec.id);
    // A new generation (updateWork) is new work to the throttle, as androidx keys it by (id, generation).
    if (first?.generation !== spec.generation) {
      first = { generation: spec.generation, attempts: spec.runAttemptCount, at: now };
      this.#firstSeen.set(spec.id, first);
    }
    const beyond = Math.max(spec.runAttemptCount - first.attempts - NON_THROTTLE_RUN_ATTEMPT_COUNT, 0);
    return first.at + beyond * THROTTLE_MAX_ATTEMPT_DELAY_MS;
  }

  /** Forgets `id` once it finished (androidx `onExecuted` with `needsReschedule == false`). */
  forget(id: string): void {
    this.#firstSeen.delete(id);
  }
}
