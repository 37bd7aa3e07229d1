import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
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

/** Generated files under the managed folders of `outDir`, relative and sorted. */
async function listGenerated(outDir: string): Promise<string[]> {
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
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile() && (await readOrUndefined(full))?.startsWith(GENERATED_HEADER) === true) {
        out.push(path.relative(outDir, full).split(path.sep).join('/'));
      }
    }
  };
  for (const d of MANAGED_DIRS) await walk(path.join(outDir, d));
  return out.sort();
}

/**
 * Writes the files into `outDir` (the only place besides parse that does I/O). Each file is written to a
 * temporary sibling and renamed over the target, so a crash never leaves a half-written file; files whose
 * content is unchanged are not touched; generated files that are no longer produced are deleted.
 */
export async function writeFiles(outDir: string, files: readonly GeneratedFile[]): Promise<WriteSummary> {
  const root = path.resolve(outDir);
  const targets = files.map((f) => ({ file: f, target: resolveInside(root, f.path) }));
  const written: string[] = [];
  const unchanged: string[] = [];
  for (const { file, target } of targets) {
    if ((await readOrUndefined(target)) === file.content) {
      unchanged.push(file.path);
      continue;
    }
    await fs.mkdir(path.dirname(target), { recursive: true });
    const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await fs.writeFile(temp, file.content, 'utf8');
      await fs.rename(temp, target);
    } catch (e) {
      await fs.rm(temp, { force: true });
      throw e;
    }
    written.push(file.path);
  }
  const wanted = new Set(files.map((f) => f.path));
  const deleted = (await listGenerated(root)).filter((p) => !wanted.has(p));
  for (const p of deleted) await fs.rm(resolveInside(root, p));
  return { written: written.sort(), unchanged: unchanged.sort(), deleted };
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
  for (const p of await listGenerated(root)) if (!wanted.has(p)) out.push({ path: p, kind: 'stale' });
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
