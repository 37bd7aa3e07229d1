import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** Where the workers come from, resolved to what the codegen reads. */
export interface WorkerSources {
  /** Absolute project root; every other path is relative to it. */
  readonly root: string;
  /** The tsconfig.json whose files are read, when one was given. */
  readonly tsconfig: string | undefined;
  /** Source files to read when there is no tsconfig: the given files and the `.ts` files of given folders, sorted. */
  readonly files: readonly string[];
  /**
   * The files whose presence decides what is read: `files`, or every `.ts` file under the tsconfig's folder
   * (a new file there may be included by the tsconfig). Part of the cache key, so adding one rebuilds.
   */
  readonly listing: readonly string[];
}

/** Folders never searched for workers: dependencies, build output and tests. */
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', 'build', 'tests', '__tests__', 'coverage']);
const SOURCE_FILE = /\.(ts|tsx|mts)$/;
const NOT_A_WORKER_FILE = /\.(d\.ts|d\.mts|test\.tsx?|spec\.tsx?|test-d\.ts)$/;

const slash = (p: string): string => p.split(path.sep).join('/');

/**
 * Expands `workers` (files and folders) or a tsconfig into the codegen's input, relative to `root`.
 * @throws Error naming the entry and the root when an entry does not exist, a folder holds no `.ts` file,
 * or neither `workers` nor `tsconfig` is given.
 */
export function resolveWorkerSources(
  root: string,
  workers: string | readonly string[] | undefined,
  tsconfig: string | undefined,
): WorkerSources {
  if (tsconfig !== undefined) {
    const file = path.resolve(root, tsconfig);
    if (!existsSync(file)) {
      throw new Error(
        `createWorkscriptTest: tsconfig '${tsconfig}' does not exist (looked for ${file}); pass a path relative to root (${root})`,
      );
    }
    return {
      root,
      tsconfig: slash(path.relative(root, file)),
      files: [],
      listing: listSources(path.dirname(file)).map((f) => slash(path.relative(root, f))),
    };
  }
  const entries = typeof workers === 'string' ? [workers] : (workers ?? []);
  if (entries.length === 0) {
    throw new Error(
      "createWorkscriptTest: no workers given; pass workers: 'workers/index.ts' (a file, a folder or a list of them) or tsconfig: 'tsconfig.json'",
    );
  }
  const files = new Set<string>();
  for (const entry of entries) {
    const absolute = path.resolve(root, entry);
    if (!existsSync(absolute)) {
      throw new Error(
        `createWorkscriptTest: workers entry '${entry}' does not exist (looked for ${absolute}); pass .ts files or folders relative to root (${root})`,
      );
    }
    if (statSync(absolute).isDirectory()) {
      const found = listSources(absolute);
      if (found.length === 0) {
        throw new Error(
          `createWorkscriptTest: folder '${entry}' holds no .ts worker files (tests, declarations, node_modules and dist are skipped)`,
        );
      }
      for (const f of found) files.add(slash(path.relative(root, f)));
    } else {
      files.add(slash(path.relative(root, absolute)));
    }
  }
  const sorted = [...files].sort();
  return { root, tsconfig: undefined, files: sorted, listing: sorted };
}

/** Every worker source file below `dir`, sorted, skipping tests, declarations and dependency folders. */
function listSources(dir: string): string[] {
  const out: string[] = [];
  const walk = (current: string): void => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) walk(full);
      } else if (SOURCE_FILE.test(entry.name) && !NOT_A_WORKER_FILE.test(entry.name)) {
        out.push(full);
      }
    }
  };
  walk(dir);
  return out.sort();
}
