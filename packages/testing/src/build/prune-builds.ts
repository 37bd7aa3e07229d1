import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { cacheEntryKind, choosePrunable, RECENT_USE_MS, type CacheEntry } from './choose-prunable.js';

/**
 * Records a use of the build folder `dir` by setting its modification time to now, which is what
 * {@link pruneBuilds} ranks builds by (a build folder's files never change after it is written, so nothing
 * else moves it). Call it before checking the folder: a prune in another process looks at the time again
 * right before deleting.
 *
 * @returns false when the folder does not exist.
 */
export function markBuildUsed(dir: string): boolean {
  const now = new Date();
  try {
    utimesSync(dir, now, now);
    return true;
  } catch (e) {
    // A cache this process may not write (read-only, another user's) still serves its builds; they only age.
    return !isMissing(e);
  }
}

/**
 * Deletes what {@link choosePrunable} picks in `cacheDir`: builds past the `keep` most recently used (never
 * `current`, the one just built), stale temporary entries and records of deleted builds, none used in the
 * last {@link RECENT_USE_MS}. Other processes may be pruning, building and reusing in the same folder at the
 * same time: an entry that vanishes is skipped, one used since the listing is kept, and a build folder is
 * renamed to a temporary name before it is removed, so no one ever sees half a build under a build's name.
 */
export function pruneBuilds(
  cacheDir: string,
  options: { readonly keep: number; readonly current: string },
): void {
  const now = Date.now();
  let entries: CacheEntry[];
  try {
    entries = readdirSync(cacheDir).flatMap((name) => {
      const entry = readEntry(cacheDir, name);
      return entry === undefined ? [] : [entry];
    });
  } catch (e) {
    warn(cacheDir, 'list', e);
    return;
  }
  for (const name of choosePrunable(entries, { ...options, now })) {
    removeUnused(path.join(cacheDir, name), now - RECENT_USE_MS);
  }
}

function readEntry(cacheDir: string, name: string): CacheEntry | undefined {
  const kind = cacheEntryKind(name);
  if (kind === undefined) return undefined;
  const file = path.join(cacheDir, name);
  try {
    const stat = statSync(file);
    if (kind === 'build' && !stat.isDirectory()) return undefined;
    return {
      name,
      kind,
      mtimeMs: stat.mtimeMs,
      ...(kind === 'record' ? { build: recordedBuild(file) } : {}),
    };
  } catch (e) {
    if (isMissing(e)) return undefined; // pruned or renamed by another process since the listing
    throw e;
  }
}

/** The build an `inputs-<key>.json` record names; undefined when it is torn or unreadable. */
function recordedBuild(file: string): string | undefined {
  try {
    const hash = (JSON.parse(readFileSync(file, 'utf8')) as { hash?: unknown }).hash;
    return typeof hash === 'string' ? hash : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Removes `file` (a folder or a file) unless it was used at or after `usedSince`; nothing when it is gone
 * already (another process pruned it first).
 */
export function removeUnused(file: string, usedSince: number): void {
  try {
    // Looked at again: another process may have reused it since the listing.
    const stat = statSync(file);
    if (stat.mtimeMs >= usedSince) return;
    if (!stat.isDirectory()) {
      rmSync(file); // unlinking a file is atomic
      return;
    }
    // Removing a folder is not: it goes under a temporary name first, one that pruneBuilds removes as a
    // stale temporary folder should this process die half-way.
    const doomed = `${file}.tmp-pruned-${randomBytes(4).toString('hex')}`;
    renameSync(file, doomed);
    rmSync(doomed, { recursive: true, force: true });
  } catch (e) {
    if (!isMissing(e)) warn(file, 'remove', e); // missing: another process pruned it first
  }
}

/** Pruning is housekeeping: a cache it cannot prune (say, permissions) must not fail the test that built. */
function warn(file: string, action: 'list' | 'remove', e: unknown): void {
  process.emitWarning(
    `@workscript/testing could not ${action} ${file} to prune its build cache: ${e instanceof Error ? e.message : String(e)}`,
  );
}

const isMissing = (e: unknown): boolean => (e as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
