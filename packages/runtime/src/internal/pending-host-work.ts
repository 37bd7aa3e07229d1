/**
 * Work the runtime itself awaits outside any worker: a merge by the bundle's input merger, which QuickJS
 * answers on a thread before the attempt is marked RUNNING, and a big query watcher's paced update (see
 * `watchWorkInfos`). Nothing in the database changes while they wait, so `settle()` would call the runtime
 * quiet too early without asking this.
 */
export class PendingHostWork {
  readonly #pending = new Set<Promise<unknown>>();

  /** Tracks `promise` until it settles; returns it. */
  track<T>(promise: Promise<T>): Promise<T> {
    this.#pending.add(promise);
    const done = (): void => void this.#pending.delete(promise);
    promise.then(done, done);
    return promise;
  }

  /** True while something is tracked. */
  get busy(): boolean {
    return this.#pending.size > 0;
  }

  /** Resolves once nothing is tracked (also what was tracked while waiting). */
  async whenIdle(): Promise<void> {
    while (this.#pending.size > 0) await Promise.allSettled([...this.#pending]);
  }
}
