import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { MANIFEST_FILE_NAME, parseWorkscriptManifest, type WorkscriptManifest } from '@workscript/api';
import { ASSETS_DIR, formatDiagnostics, generate, type Diagnostic } from '@workscript/codegen';
import { WorkscriptGenerateError } from '../workscript-generate-error.js';
import { markBuildUsed, pruneBuilds } from './prune-builds.js';
import type { WorkerSources } from './resolve-worker-sources.js';

/** A bundle and manifest in the cache, ready for the QuickJS engine. */
export interface BuiltWorkers {
  /** The cache folder of this build, named after {@link BuiltWorkers.hash}. */
  readonly dir: string;
  /** `workers.js` (its source map `workers.js.map` is beside it). */
  readonly bundlePath: string;
  /** `workscript.json`. */
  readonly manifestPath: string;
  /** The parsed manifest. */
  readonly manifest: WorkscriptManifest;
  /** Content hash over every file the generation read, the options and the codegen itself. */
  readonly hash: string;
  /** True when an earlier build with the same content hash was reused and nothing was generated. */
  readonly reused: boolean;
  /** The codegen's warnings for this build (kept with it, so a reused build has them too). */
  readonly warnings: readonly Diagnostic[];
}

/** The three assets the engine needs; the Kotlin sources are not kept. */
const ASSETS = ['workers.js', 'workers.js.map', MANIFEST_FILE_NAME] as const;
/** The codegen's warnings, as JSON, beside the assets. */
const WARNINGS = 'warnings.json';
const BUILD_FILES = [...ASSETS, WARNINGS] as const;
/** Version of the cache layout; part of every key, so a harness that lays out builds differently never reads them. */
const CACHE_FORMAT = 2;

/**
 * What the last build for one set of options read, so the next run can tell without the codegen whether
 * anything changed: every file's SHA-256 (null for a file that did not exist) and the resulting hash.
 */
interface InputRecord {
  readonly hash: string;
  readonly inputs: Readonly<Record<string, string | null>>;
}

const sha256 = (content: string | Buffer): string => createHash('sha256').update(content).digest('hex');

/**
 * Builds the bundle and manifest for `sources` with `@workscript/codegen`, once per content hash.
 *
 * Cache layout under `cacheDir`: `inputs-<key>.json` records, per set of options (`key`), the files the
 * last generation read with their hashes; `<hash>/` holds `workers.js`, `workers.js.map` and
 * `workscript.json`. The files read are the project's TypeScript files (also those only imported for their
 * types) and every module the bundle contains, so a change anywhere the workers reach rebuilds, and a
 * second call with unchanged sources only hashes them. Folders are written to a temporary name and
 * renamed, so test files building in parallel never see half a build. Every reuse marks the build used;
 * after a build, {@link pruneBuilds} deletes the builds past the `keepBuilds` most recently used.
 *
 * @throws WorkscriptGenerateError with the rendered diagnostics when the codegen reports an error.
 */
export async function buildWorkers(
  sources: WorkerSources,
  options: {
    readonly cacheDir: string;
    readonly kotlinPackage: string | undefined;
    /** Builds kept in the cache, the most recently used; a whole number ≥ 1 (checked by the caller). */
    readonly keepBuilds: number;
  },
): Promise<BuiltWorkers> {
  const { root } = sources;
  const key = sha256(
    JSON.stringify({
      format: CACHE_FORMAT,
      root,
      tsconfig: sources.tsconfig ?? null,
      files: sources.files,
      listing: sources.listing,
      kotlinPackage: options.kotlinPackage ?? null,
      toolchain: toolchainFingerprint(),
    }),
  ).slice(0, 16);
  const recordFile = path.join(options.cacheDir, `inputs-${key}.json`);
  const record = readRecord(recordFile);
  if (record !== undefined && unchanged(root, record.inputs)) {
    const dir = path.join(options.cacheDir, record.hash);
    // Marked used before it is checked (see markBuildUsed); a record whose build was pruned rebuilds it.
    if (markBuildUsed(dir) && complete(dir)) return built(dir, record.hash, true);
  }

  const result = await generate({
    projectRoot: root,
    ...(sources.tsconfig === undefined ? { files: sources.files } : { tsconfig: sources.tsconfig }),
    outDir: options.cacheDir,
    ...(options.kotlinPackage === undefined ? {} : { kotlinPackage: options.kotlinPackage }),
    write: false,
  });
  if (result.diagnostics.some((d) => d.severity === 'error')) {
    throw new WorkscriptGenerateError(
      result.diagnostics,
      formatDiagnostics(result.diagnostics, { sources: result.sources }),
    );
  }
  const assets = new Map(
    result.files
      .filter((f) => f.path.startsWith(`${ASSETS_DIR}/`))
      .map((f) => [f.path.slice(ASSETS_DIR.length + 1), f.content]),
  );
  assets.set(WARNINGS, `${JSON.stringify(result.diagnostics, null, 2)}\n`);
  const map = JSON.parse(assets.get('workers.js.map') ?? '{"sources":[]}') as { sources: string[] };
  const read = new Set([
    ...Object.keys(result.sources),
    ...map.sources,
    ...sources.listing,
    ...(sources.tsconfig === undefined ? [] : [sources.tsconfig]),
  ]);
  const inputs = Object.fromEntries([...read].sort().map((f) => [f, hashFile(root, f)]));
  const hash = sha256(JSON.stringify({ key, inputs })).slice(0, 16);
  const dir = path.join(options.cacheDir, hash);
  if (!(markBuildUsed(dir) && complete(dir))) writeFolder(dir, assets);
  writeAtomically(recordFile, `${JSON.stringify({ hash, inputs } satisfies InputRecord, null, 2)}\n`);
  pruneBuilds(options.cacheDir, { keep: options.keepBuilds, current: hash });
  return built(dir, hash, false);
}

function built(dir: string, hash: string, reused: boolean): BuiltWorkers {
  const manifestPath = path.join(dir, MANIFEST_FILE_NAME);
  return {
    dir,
    bundlePath: path.join(dir, 'workers.js'),
    manifestPath,
    manifest: parseWorkscriptManifest(readFileSync(manifestPath, 'utf8'), manifestPath),
    hash,
    reused,
    warnings: JSON.parse(readFileSync(path.join(dir, WARNINGS), 'utf8')) as Diagnostic[],
  };
}

/** Whether `dir` holds every file of a build (a folder without them is an interrupted copy or older layout). */
function complete(dir: string): boolean {
  return BUILD_FILES.every((a) => existsSync(path.join(dir, a)));
}

function readRecord(file: string): InputRecord | undefined {
  try {
    const record = JSON.parse(readFileSync(file, 'utf8')) as Partial<InputRecord>;
    return typeof record.hash === 'string' && typeof record.inputs === 'object' && record.inputs !== null
      ? (record as InputRecord)
      : undefined;
  } catch {
    return undefined; // missing or torn: build again
  }
}

function unchanged(root: string, inputs: Readonly<Record<string, string | null>>): boolean {
  return Object.entries(inputs).every(([file, digest]) => hashFile(root, file) === digest);
}

function hashFile(root: string, file: string): string | null {
  try {
    return sha256(readFileSync(path.resolve(root, file)));
  } catch {
    return null; // e.g. the bundle's generated entry module, which exists only in memory
  }
}

/** Writes the assets into a temporary sibling folder, then renames it into place. */
function writeFolder(dir: string, assets: ReadonlyMap<string, string>): void {
  mkdirSync(path.dirname(dir), { recursive: true });
  const tmp = mkdtempSync(`${dir}.tmp-`);
  for (const name of BUILD_FILES) {
    const content = assets.get(name);
    if (content === undefined) throw new Error(`The codegen produced no ${ASSETS_DIR}/${name}`);
    writeFileSync(path.join(tmp, name), content);
  }
  // A folder without every file is left over from an older harness or an interrupted copy: replace it.
  if (existsSync(dir) && !complete(dir)) rmSync(dir, { recursive: true, force: true });
  try {
    renameSync(tmp, dir);
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    // Another test file finished the same build first: its folder has the same content.
    if (!complete(dir)) throw e;
  }
}

function writeAtomically(file: string, content: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(tmp, content);
  renameSync(tmp, file);
}

let toolchain: string | undefined;

/**
 * A hash of the codegen's built files and the API's version: a rebuilt codegen (the same version inside a
 * monorepo) must not reuse bundles it would now generate differently. Computed once per process.
 */
function toolchainFingerprint(): string {
  if (toolchain !== undefined) return toolchain;
  const require = createRequire(import.meta.url);
  const codegenDist = path.dirname(require.resolve('@workscript/codegen'));
  const hash = createHash('sha256');
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    )) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.js')) hash.update(entry.name).update(readFileSync(full));
    }
  };
  walk(codegenDist);
  hash.update(readFileSync(require.resolve('@workscript/api/package.json')));
  toolchain = hash.digest('hex');
  return toolchain;
}
