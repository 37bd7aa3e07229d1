import { randomBytes } from 'node:crypto';
import fsSync, { promises as fs } from 'node:fs';
import path from 'node:path';
import type { GeneratedFile } from '../emit/generated-file.js';
import { GENERATED_HEADER } from '../emit/kotlin/kotlin-writer.js';

/** What a write did, by path relative to the output directory (sorted). */
export interface WriteSummary {
  /** Files created or changed. */
  readonly written: readonly string[];
  /** Files already up to date (left untouched, so build tools see no change). */
  readonly unchanged: readonly string[];
  /** Stale generated files removed (only files that start with the generated header). */
  readonly deleted: readonly string[];
}

/** One difference between the output directory and what would be generated. */
export interface FileDifference {
  /** Path relative to the output directory. */
  readonly path: string;
  /** `missing`: not on disk; `changed`: different content; `stale`: generated earlier but no longer. */
  readonly kind: 'missing' | 'changed' | 'stale';
}

/** Folders inside the output directory where stale generated files are looked for. */
const MANAGED_DIRS = ['kotlin'];

/** Resolves `relative` inside `outDir`. @throws Error for a path that escapes `outDir` (a codegen bug). */
export function resolveInside(outDir: string, relative: string): string {
  const root = path.resolve(outDir);
  const target = path.resolve(root, relative);
  const rel = path.relative(root, target);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) {
    throw new Error(`refusing to write '${relative}': it is outside the output directory ${root}`);
  }
  return target;
}

async function readOrUndefined(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/**
 * Generated files under the managed folders of `outDir`, relative and sorted. Files in `known` are taken as
 * generated without reading them (the caller is about to write or keep them).
 */
async function listGenerated(outDir: string, known: ReadonlySet<string> = new Set()): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw e;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      const relative = path.relative(outDir, full).split(path.sep).join('/');
      if (entry.isDirectory()) await walk(full);
      else if (
        entry.isFile() &&
        (known.has(relative) || (await readOrUndefined(full))?.startsWith(GENERATED_HEADER) === true)
      ) {
        out.push(relative);
      }
    }
  };
  for (const d of MANAGED_DIRS) await walk(path.join(outDir, d));
  return out.sort();
}

/** Files written or found up to date by earlier writes, with their size and mtime then (`--watch`). */
export type WrittenFiles = Map<
  string,
  { readonly content: string; readonly size: number; readonly mtimeMs: number }
>;

/**
 * What is on disk at `target` as far as an earlier write knows: its content when the file still has the size
 * and mtime that write left, `undefined` when that is not known (never written, or touched since).
 */
function knownContent(target: string, earlier: WrittenFiles, file: string): string | undefined {
  const known = earlier.get(file);
  if (known === undefined) return undefined;
  const stat = fsSync.statSync(target, { throwIfNoEntry: false });
  return stat !== undefined && stat.size === known.size && stat.mtimeMs === known.mtimeMs
    ? known.content
    : undefined;
}

/**
 * Writes the files into `outDir` (the only place besides parse that does I/O). Each file is written to a
 * temporary sibling and renamed over the target, so a crash never leaves a half-written file; files whose
 * content is unchanged are not touched; generated files that are no longer produced are deleted.
 *
 * The calls are synchronous, one file after the other: for a thousand small files that is half the CPU time
 * and less wall time than promises through libuv's thread pool, even 16 at a time (bench/README.md, Codegen),
 * and nothing else is left to run in this process while the output is written.
 *
 * With `earlier` (kept by a watching generator and updated here), a file that still has the size and mtime an
 * earlier write left is known to hold what that write wrote, so it is not read back, whether it changed or not.
 */
export async function writeFiles(
  outDir: string,
  files: readonly GeneratedFile[],
  earlier?: WrittenFiles,
): Promise<WriteSummary> {
  const root = path.resolve(outDir);
  const targets = files.map((f) => ({ file: f, target: resolveInside(root, f.path) }));
  const written: string[] = [];
  const unchanged: string[] = [];
  // What each folder holds, listed once (undefined: the folder does not exist yet): a file that is not there
  // is not read, and a fresh output has none.
  const listings = new Map<string, ReadonlySet<string> | undefined>();
  const listing = (dir: string): ReadonlySet<string> | undefined => {
    if (!listings.has(dir)) listings.set(dir, readdirOrUndefined(dir));
    return listings.get(dir);
  };
  const remember = (file: GeneratedFile, target: string): void => {
    if (earlier === undefined) return;
    const stat = fsSync.statSync(target);
    earlier.set(file.path, { content: file.content, size: stat.size, mtimeMs: stat.mtimeMs });
  };
  for (const { file, target } of targets) {
    const onDisk = earlier === undefined ? undefined : knownContent(target, earlier, file.path);
    if (onDisk === file.content) {
      unchanged.push(file.path);
      continue;
    }
    const dir = path.dirname(target);
    const names = listing(dir);
    // A file whose content an earlier write knows (and that differs) is not read back to compare.
    if (
      onDisk === undefined &&
      names?.has(path.basename(target)) === true &&
      readSyncOrUndefined(target) === file.content
    ) {
      unchanged.push(file.path);
      remember(file, target);
      continue;
    }
    if (names === undefined) {
      // Once per folder: files share a few, and a thousand mkdir calls are not free.
      fsSync.mkdirSync(dir, { recursive: true });
      listings.set(dir, new Set());
    }
    const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      fsSync.writeFileSync(temp, file.content, 'utf8');
      fsSync.renameSync(temp, target);
    } catch (e) {
      fsSync.rmSync(temp, { force: true });
      earlier?.delete(file.path);
      throw e;
    }
    written.push(file.path);
    remember(file, target);
  }
  const wanted = new Set(files.map((f) => f.path));
  const deleted = (await listGenerated(root, wanted)).filter((p) => !wanted.has(p));
  for (const p of deleted) {
    await fs.rm(resolveInside(root, p));
    earlier?.delete(p);
  }
  return { written: written.sort(), unchanged: unchanged.sort(), deleted };
}

function readdirOrUndefined(dir: string): ReadonlySet<string> | undefined {
  try {
    return new Set(fsSync.readdirSync(dir));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

function readSyncOrUndefined(file: string): string | undefined {
  try {
    return fsSync.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/** Compares `outDir` with the files that would be generated, without writing (for `workscript check`). */
export async function compareFiles(
  outDir: string,
  files: readonly GeneratedFile[],
): Promise<FileDifference[]> {
  const root = path.resolve(outDir);
  const out: FileDifference[] = [];
  for (const f of files) {
    const current = await readOrUndefined(resolveInside(root, f.path));
    if (current === undefined) out.push({ path: f.path, kind: 'missing' });
    else if (current !== f.content) out.push({ path: f.path, kind: 'changed' });
  }
  const wanted = new Set(files.map((f) => f.path));
  for (const p of await listGenerated(root, wanted)) if (!wanted.has(p)) out.push({ path: p, kind: 'stale' });
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
