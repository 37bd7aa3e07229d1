import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createOneTimeWorkRequest,
  createPeriodicWorkRequest,
  isBuiltInInputMergerName,
  isInputMergerDefinition,
  isWorkerDefinition,
  type InputMerger,
  type OneTimeWorkRequest,
  type OneTimeWorkRequestOptions,
  type PeriodicWorkRequest,
  type PeriodicWorkRequestOptions,
  type RequestEnvironment,
  type WorkerDefinition,
  type WorkerRef,
  type WorkscriptManifest,
} from '@workscript/api';
import type { Diagnostic } from '@workscript/codegen';
import type { QuickJsEngineOptions } from '@workscript/runtime';
import { createTestWorkManager, type TestWorkManagerOptions } from '@workscript/runtime/testing';
import { importDefinitions } from './build/import-definitions.js';
import { nestDefaults } from './build/nest-defaults.js';
import { buildWorkers } from './build/build-workers.js';
import { RECENT_USE_MS } from './build/choose-prunable.js';
import { markBuildUsed } from './build/prune-builds.js';
import { resolveWorkerSources } from './build/resolve-worker-sources.js';
import { createWorkscriptTestRun, type WorkscriptTestRun } from './workscript-test-run.js';

/** Options of {@link createWorkscriptTest}. */
export interface WorkscriptTestOptions {
  /**
   * The workers: a `.ts` file, a folder (every `.ts` file below it except tests, `.d.ts`, `node_modules`
   * and `dist`), or a list of both, relative to `root`. Files they import are read too. Required unless
   * `tsconfig` is given.
   */
  readonly workers?: string | readonly string[];
  /** A tsconfig.json whose files hold the workers, as `workscript generate --project`. Default none. */
  readonly tsconfig?: string;
  /**
   * The project root: `workers` and `tsconfig` are relative to it, and so are the paths in diagnostics and
   * in the bundle's source map. A `file:` URL is accepted (`new URL('..', import.meta.url)`). Default
   * `process.cwd()`.
   */
  readonly root?: string | URL;
  /**
   * Where builds are kept, one folder per content hash. Default `node_modules/.cache/workscript` in the
   * nearest folder at or above `root` that has a `node_modules`, else in the OS temp folder.
   */
  readonly cacheDir?: string;
  /** Kotlin package given to the codegen (it only appears in the manifest). Default the codegen's. */
  readonly kotlinPackage?: string;
  /**
   * How many builds the cache keeps: after a build, the builds past this many most recently used are
   * deleted, except those used in the last 10 minutes (test files running in parallel may be using them).
   * A whole number ≥ 1. Default 8.
   */
  readonly keepBuilds?: number;
}

/** Options of {@link WorkscriptTest.start}: `createTestWorkManager`'s, with the engine chosen by name. */
export interface WorkscriptTestRunOptions extends Omit<TestWorkManagerOptions, 'engine' | 'bundlePath'> {
  /**
   * `'quickjs'` (default): the bundle runs in QuickJS, exactly the code that ships in the APK.
   * `'inline'`: the TS definitions run on the main thread, to step through them with a debugger; they get
   * the manifest's shapes. Without `workers` (and `inputMergers`), the modules named by the manifest are
   * imported (which needs a runner that compiles TS, such as vitest).
   */
  readonly engine?: 'quickjs' | 'inline';
  /** Limits of the QuickJS engine. Default the Kotlin runtime's (see `QuickJsEngineOptions`). */
  readonly quickjs?: Omit<QuickJsEngineOptions, 'bundlePath' | 'manifestPath'>;
}

/** A worker for {@link WorkscriptTest.request}: its definition, or `{ name }`. */
export type WorkerOrRef = WorkerDefinition<never, unknown, unknown, unknown> | WorkerRef;

/** The input a request for `W` takes: the definition's input type, or any object for a bare `{ name }`. */
export type RequestInputOf<W> =
  W extends WorkerDefinition<infer I, unknown, unknown, unknown> ? I : Readonly<Record<string, unknown>>;

/** What {@link createWorkscriptTest} returns: the built bundle, request builders and test WorkManagers. */
export interface WorkscriptTest {
  /** The bundle (`workers.js`) in the cache. */
  readonly bundlePath: string;
  /** Its manifest (`workscript.json`). */
  readonly manifestPath: string;
  /** The workers of the manifest, sorted by name, with their shapes. */
  readonly workers: WorkscriptManifest['workers'];
  /** Content hash of the build (the name of its cache folder). */
  readonly hash: string;
  /** True when the build was found in the cache and nothing was generated. */
  readonly reused: boolean;
  /**
   * The codegen's warnings (for example WS1023, a backoff delay it clamps), sorted by location; also for a
   * reused build. Render them with `formatDiagnostics` from `@workscript/codegen`.
   */
  readonly warnings: readonly Diagnostic[];
  /**
   * Starts a fresh test WorkManager (`createTestWorkManager`: in-memory database, `TestClock`, TestDriver)
   * on this bundle. Every run is closed by {@link WorkscriptTest.close}.
   * @throws Error when `engine: 'inline'` cannot import a worker module; Error when the build is no longer
   *   in the cache (deleted, or pruned after 10 minutes unused; see {@link WorkscriptTestOptions.keepBuilds}).
   */
  start(options?: WorkscriptTestRunOptions): Promise<WorkscriptTestRun>;
  /**
   * A one-time request (`createOneTimeWorkRequest`) whose input is encoded with the manifest's input shape,
   * exactly as the generated Kotlin request builders encode it: Int/Long stay Int/Long, enums are strings,
   * nested objects become JSON strings. A definition's defaults apply; `{ name }` gets the manifest's literal
   * defaults (constraints, backoff, tags, ...), as the generated Kotlin request builders do.
   * @throws Error naming the bundle's workers when the worker is not in the bundle; the errors of
   *   `createOneTimeWorkRequest` for invalid options or input.
   */
  request<W extends WorkerOrRef>(
    worker: W,
    options?: OneTimeWorkRequestOptions<RequestInputOf<W>>,
    env?: RequestEnvironment,
  ): OneTimeWorkRequest;
  /** A periodic request (`createPeriodicWorkRequest`) with the manifest's input shape; see {@link WorkscriptTest.request}. */
  periodicRequest<W extends WorkerOrRef>(
    worker: W,
    options?: PeriodicWorkRequestOptions<RequestInputOf<W>>,
    env?: RequestEnvironment,
  ): PeriodicWorkRequest;
  /** Closes every WorkManager started by {@link WorkscriptTest.start}. */
  close(): Promise<void>;
}

/**
 * Builds the bundle and manifest for your workers with `@workscript/codegen` (once per content hash; later
 * calls with unchanged sources reuse the cached build) and returns a harness that starts test WorkManagers
 * running that bundle in QuickJS.
 *
 * ```ts
 * const harness = await createWorkscriptTest({ workers: 'src/workers' });
 * const { workManager, driver, runUntilFinished } = await harness.start();
 * const request = harness.request(syncContacts, { input: { accountId: 'ada', pageSize: int(50) } });
 * await workManager.enqueue(request);
 * expect((await runUntilFinished(request.id)).state).toBe('SUCCEEDED');
 * await harness.close();
 * ```
 * @throws WorkscriptGenerateError with the rendered diagnostics (`file:line:col - error WSxxxx: …`) when
 *   the codegen rejects the workers; Error naming the entry when a `workers` entry or `tsconfig` is missing;
 *   Error when `keepBuilds` is not a whole number ≥ 1.
 */
export async function createWorkscriptTest(options: WorkscriptTestOptions): Promise<WorkscriptTest> {
  const root = path.resolve(
    options.root instanceof URL ? fileURLToPath(options.root) : (options.root ?? process.cwd()),
  );
  const keepBuilds = options.keepBuilds ?? DEFAULT_KEEP_BUILDS;
  if (!Number.isInteger(keepBuilds) || keepBuilds < 1) {
    throw new Error(
      `createWorkscriptTest: keepBuilds must be a whole number ≥ 1 (how many builds the cache keeps; default ${DEFAULT_KEEP_BUILDS}), got ${typeof keepBuilds === 'string' ? `'${keepBuilds}'` : String(keepBuilds)}`,
    );
  }
  const sources = resolveWorkerSources(root, options.workers, options.tsconfig);
  const built = await buildWorkers(sources, {
    cacheDir: options.cacheDir === undefined ? defaultCacheDir(root) : path.resolve(root, options.cacheDir),
    kotlinPackage: options.kotlinPackage,
    keepBuilds,
  });
  const byName = new Map(built.manifest.workers.map((w) => [w.name, w]));
  const runs = new Set<WorkscriptTestRun>();

  const shaped = <W extends WorkerOrRef>(worker: W): W => {
    const entry = typeof worker?.name === 'string' ? byName.get(worker.name) : undefined;
    if (entry === undefined) {
      throw new Error(
        `Unknown worker '${String(worker?.name)}': the bundle has ${[...byName.keys()].join(', ') || 'no workers'}; pass one of their definitions or { name }`,
      );
    }
    // A definition brings its own defaults; a bare { name } gets the manifest's, as the Kotlin builders do.
    return 'kind' in worker
      ? { ...worker, shapes: entry.shapes }
      : ({
          ...nestDefaults(withMergerByName(entry.defaults)),
          kind: 'workscript.worker',
          name: entry.name,
          shapes: entry.shapes,
        } as W);
  };

  return {
    bundlePath: built.bundlePath,
    manifestPath: built.manifestPath,
    workers: built.manifest.workers,
    hash: built.hash,
    reused: built.reused,
    warnings: built.warnings,
    async start(runOptions = {}) {
      // Every run is a use: a test file that starts runs for longer than the prune's grace keeps its build.
      if (!markBuildUsed(built.dir)) {
        throw new Error(
          `The build ${built.dir} is no longer in the cache: it was deleted, or pruned after it had not been used for ${RECENT_USE_MS / 60_000} minutes (see keepBuilds); call createWorkscriptTest again`,
        );
      }
      const { engine = 'quickjs', quickjs, ...rest } = runOptions;
      const inline = engine === 'inline';
      const workers =
        inline && rest.workers === undefined
          ? await importDefinitions(root, built.manifest.workers, isWorkerDefinition, 'worker', 'workers')
          : rest.workers;
      const inputMergers =
        inline && rest.inputMergers === undefined
          ? await importDefinitions(
              root,
              built.manifest.inputMergers ?? [],
              isInputMergerDefinition,
              'input merger',
              'inputMergers',
            )
          : rest.inputMergers;
      const test = createTestWorkManager({
        ...rest,
        ...(workers === undefined ? {} : { workers }),
        ...(inputMergers === undefined ? {} : { inputMergers }),
        bundlePath: built.bundlePath,
        engine:
          engine === 'inline'
            ? { kind: 'inline' }
            : { kind: 'quickjs', ...quickjs, manifestPath: built.manifestPath },
      });
      const run = createWorkscriptTestRun(test, rest.scheduling ?? 'driver');
      runs.add(run);
      return run;
    },
    // The options' input is checked against the manifest's shape at encoding; the static type is the user's.
    request: (worker, requestOptions, env) =>
      createOneTimeWorkRequest(shaped(worker), requestOptions as OneTimeWorkRequestOptions<never>, env),
    periodicRequest: (worker, requestOptions, env) =>
      createPeriodicWorkRequest(shaped(worker), requestOptions as PeriodicWorkRequestOptions<never>, env),
    async close() {
      await Promise.all([...runs].map((run) => run.close()));
      runs.clear();
    },
  };
}

/** Builds kept by default: a few branches' worth of sources, a few MB for a small project. */
const DEFAULT_KEEP_BUILDS = 8;

/** `node_modules/.cache/workscript` of the nearest folder at or above `root` with a `node_modules`. */
function defaultCacheDir(root: string): string {
  for (let dir = root; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'node_modules')))
      return path.join(dir, 'node_modules', '.cache', 'workscript');
    if (path.dirname(dir) === dir) return path.join(tmpdir(), 'workscript-cache');
  }
}

/**
 * The manifest names a worker's custom default merger by name; a request takes a merger object, so that name
 * gets a stand-in that carries it. The runtime finds the merger that runs by the stored name (the bundle's in
 * QuickJS, or the imported definition inline) and never calls the stand-in.
 */
function withMergerByName(defaults: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
  const name = defaults['inputMerger'];
  if (typeof name !== 'string' || isBuiltInInputMergerName(name)) return defaults;
  const standIn: InputMerger = Object.freeze({
    name,
    merge(): never {
      throw new Error(
        `Input merger '${name}' is a name taken from the manifest; the runtime runs the real one`,
      );
    },
  });
  return { ...defaults, inputMerger: standIn };
}
