/**
 * Listeners filed under keys (a work id, a unique name, a tag), so that a commit finds the ones its changes
 * concern without asking every listener.
 */
export class KeyedListeners<L> {
  readonly #byKey = new Map<string, Set<L>>();

  /** Files `listener` under `key`; returns the function that takes it out again. */
  add(key: string, listener: L): () => void {
    let set = this.#byKey.get(key);
    if (set === undefined) this.#byKey.set(key, (set = new Set()));
    set.add(listener);
    return () => {
      const current = this.#byKey.get(key);
      if (current?.delete(listener) && current.size === 0) this.#byKey.delete(key);
    };
  }

  /** How many (key, listener) pairs are filed. */
  get size(): number {
    let n = 0;
    for (const set of this.#byKey.values()) n += set.size;
    return n;
  }

  /** Adds to `into` the listeners under any of `keys`, or under every key for `'all'`. */
  collect(keys: Iterable<string> | 'all', into: Set<L>): void {
    if (keys === 'all') {
      for (const set of this.#byKey.values()) for (const l of set) into.add(l);
      return;
    }
    for (const key of keys) {
      const set = this.#byKey.get(key);
      if (set !== undefined) for (const l of set) into.add(l);
    }
  }
}
