import { sha256 } from '../emit/manifest.js';

/** A {@link sha256} that remembers the hashes of the last run's contents. */
export interface MemoHash {
  /** The SHA-256 (hex) of `content`. */
  hash(content: string): string;
  /** Ends a run: forgets the hashes of contents this run did not ask for. */
  endRun(): void;
}

/**
 * Creates a {@link MemoHash} for `--watch`. Reused Kotlin files hand the manifest the very same string as the
 * run before, whose lookup is cheap; only changed files (and the bundle) are hashed again.
 */
export function createMemoHash(): MemoHash {
  let previous = new Map<string, string>();
  let current = new Map<string, string>();
  return {
    hash(content) {
      let h = current.get(content) ?? previous.get(content);
      if (h === undefined) h = sha256(content);
      current.set(content, h);
      return h;
    },
    endRun() {
      previous = current;
      current = new Map();
    },
  };
}
