/**
 * How long an entry of the build cache counts as in use after it was last used (a build reused or written, a
 * temporary folder or record written). vitest runs test files in parallel processes that share the cache:
 * one of them may have just reused a build, or be writing a temporary folder, when another prunes. Ten
 * minutes is far longer than a process takes from checking a build folder to loading its bundle, or to
 * write a temporary folder; a killed run's leftovers go with the first build after that.
 */
export const RECENT_USE_MS = 10 * 60 * 1000;

/** One entry of the cache folder that the harness wrote. */
export interface CacheEntry {
  /** Its name in the cache folder. */
  readonly name: string;
  /** A build folder, a temporary folder or record (being written, or left by a killed run), or a record. */
  readonly kind: 'build' | 'temp' | 'record';
  /** Last use: its modification time, which `markBuildUsed` refreshes on every reuse of a build. */
  readonly mtimeMs: number;
  /** For a record: the build it names, or undefined when it cannot be read. */
  readonly build?: string | undefined;
}

/** Names buildWorkers gives: `<hash>/`, `<hash>.tmp-*` (writeFolder's, prune's), `inputs-<key>.json(.*.tmp)`. */
const BUILD = /^[0-9a-f]{16}$/;
const TEMP = /^([0-9a-f]{16}\.tmp-.+|inputs-[0-9a-f]{16}\.json\..+\.tmp)$/;
const RECORD = /^inputs-[0-9a-f]{16}\.json$/;

/** The kind of a cache entry by its name; undefined for a name the harness never writes (left alone). */
export function cacheEntryKind(name: string): CacheEntry['kind'] | undefined {
  if (BUILD.test(name)) return 'build';
  if (TEMP.test(name)) return 'temp';
  if (RECORD.test(name)) return 'record';
  return undefined;
}

/**
 * The entries to delete after a build: every build past the `keep` most recently used (the `current` build
 * counts first), temporary entries, and records naming a build that is already gone — each only when it
 * was not used in the last {@link RECENT_USE_MS}, and never `current`.
 *
 * A record is removed only when its build was missing before this pass, not with the build this pass
 * deletes: if another process reuses that build meanwhile (the deletion then skips it), its record must
 * survive. A record outliving its build until the next pass costs nothing, it only leads to a rebuild.
 */
export function choosePrunable(
  entries: readonly CacheEntry[],
  options: { readonly keep: number; readonly current: string; readonly now: number },
): string[] {
  const stale = (entry: CacheEntry): boolean => entry.mtimeMs < options.now - RECENT_USE_MS;
  const rank = (entry: CacheEntry): number => (entry.name === options.current ? Infinity : entry.mtimeMs);
  // Ties (file systems with coarse times) broken by name, so every process ranks builds the same way.
  const builds = entries
    .filter((entry) => entry.kind === 'build')
    .sort((a, b) => rank(b) - rank(a) || (a.name < b.name ? -1 : 1));
  const present = new Set(builds.map((entry) => entry.name));
  return [
    ...builds.slice(options.keep).filter((entry) => entry.name !== options.current && stale(entry)),
    ...entries.filter((entry) => entry.kind === 'temp' && stale(entry)),
    ...entries.filter(
      (entry) =>
        entry.kind === 'record' && stale(entry) && (entry.build === undefined || !present.has(entry.build)),
    ),
  ].map((entry) => entry.name);
}
