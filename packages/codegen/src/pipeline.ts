/**
 * The codegen pipeline; the only module that knows the order of the stages (style.md R21, R47).
 *
 * 0. **options**: an invalid Kotlin package or no input at all is reported before anything is read.
 * 1. **parse** (`parse/`): load the TypeScript project through ts-morph (from a tsconfig or a file list,
 *    sorted; kept between runs by {@link createGenerator}) and read every `defineWorker(...)` with its
 *    options and its input/output/failure/progress types into `*Decl`s with source spans, and every
 *    `defineInputMerger(...)` with its name. Also collects literal request inputs.
 *    Stop here when the project could not be loaded, has syntax errors or cannot resolve `@workscript/api`.
 * 2. **model** (`model/`): turn the declarations into the IR, plain JSON-serialisable data (`ir.json`).
 * 3. **check** (`check/`): pure `check*(ir) => Diagnostic[]` rules (unsupported types, names, WorkManager
 *    limits, impossible combinations). Every diagnostic is collected; stop on any error.
 * 4. **layout** (`layout/`): decide every Kotlin name once (classes, nested types, properties, escaping).
 *    Then the one check that needs those names: an input merger's class carries the merger's name and
 *    cannot move, so a name the layout already gave away is an error (WS1051); stop on it.
 * 5. **emit** (`emit/kotlin/`): builders `prepare()` then `build()` the Kotlin files.
 * 6. **bundle** (`bundle/`): one ES2020 script for QuickJS with its source map (`workers.js`, `.map`).
 *    An esbuild error on the user's code becomes a diagnostic; a dynamic `import()` that stays in the bundle
 *    (QuickJS cannot load it) becomes a warning at the user's line. Started right after check: esbuild runs
 *    in its own process, so it overlaps layout and emit.
 * 7. **manifest** (`emit/manifest.ts`): `workscript.json` with workers, shapes, input mergers and content
 *    hashes.
 * 8. **write** (`write/`): atomic writes into the output directory; stale generated files are removed.
 *    A file system that refuses the write is a diagnostic (WS1032), not an internal error.
 *
 * A {@link Generator} (`--watch`) reuses work between runs: the parse results of files that did not change
 * and import nothing that changed, esbuild's incremental context, and what it last wrote. Its output is
 * byte-identical to {@link generate}'s.
 *
 * User errors never throw: they come back as diagnostics. Anything else is wrapped in an
 * {@link InternalCodegenError} naming the stage.
 */
import path from 'node:path';
import { MANIFEST_FILE_NAME } from '@workscript/api';
import { bundleWorkers, type BundleOutput, type BundleWorker } from './bundle/create-bundle.js';
import { createBundler, type Bundler } from './bundle/create-bundler.js';
import { unbundledImportWarnings } from './bundle/unbundled-import-warnings.js';
import { checkInputMergerClasses } from './check/check-input-merger-classes.js';
import { runChecks } from './check/run-checks.js';
import { createDiagnostic, hasErrors, sortDiagnostics, type Diagnostic } from './diagnostics/diagnostic.js';
import type { GeneratedFile } from './emit/generated-file.js';
import { emitKotlin } from './emit/kotlin/emit-kotlin.js';
import { emitManifest } from './emit/manifest.js';
import { InternalCodegenError, type StageName } from './errors.js';
import { createLayout } from './layout/create-layout.js';
import { isValidPackageName, suggestPackageName } from './layout/kotlin-names.js';
import { createKotlinEmitter, type KotlinEmitter } from './incremental/kotlin-reuse.js';
import { createMemoHash, type MemoHash } from './incremental/memo-hash.js';
import { buildModel } from './model/build-model.js';
import type { ProjectModel } from './model/project-model.js';
import { workerShapes } from './model/to-data-shape.js';
import {
  createFileDeclCache,
  createProjectSession,
  parseProject,
  type FileDeclCache,
  type ProjectDecl,
  type ProjectSession,
} from './parse/index.js';
import { writeFiles, type WriteSummary, type WrittenFiles } from './write/write-files.js';

/** Default Kotlin package of the generated code. */
export const DEFAULT_KOTLIN_PACKAGE = 'dev.workscript.generated';
/** Folder of the assets (bundle, source map, manifest) inside the output directory. */
export const ASSETS_DIR = 'assets';

/** Options of {@link generate}. */
export interface GenerateOptions {
  /** Project root; spans and the bundle's paths are relative to it. Default `process.cwd()`. */
  readonly projectRoot?: string;
  /** tsconfig.json to read the sources from (relative to the root). Default: none, `files` is used. */
  readonly tsconfig?: string;
  /** Source files to read when there is no tsconfig (relative to the root). Default `[]`. */
  readonly files?: readonly string[];
  /** Output directory (relative to the root): Kotlin under `kotlin/`, assets under `assets/`. Required. */
  readonly outDir: string;
  /** Kotlin package of the generated classes. Default `dev.workscript.generated`. */
  readonly kotlinPackage?: string;
  /** Build the QuickJS bundle (`assets/workers.js` + map). Default `true`. */
  readonly bundle?: boolean;
  /** Write the files; `false` only computes them (for `workscript check` and tests). Default `true`. */
  readonly write?: boolean;
}

/** What {@link generate} produced. */
export interface GenerateResult {
  /** Generated files, paths relative to the output directory, sorted. Empty when there were errors. */
  readonly files: readonly GeneratedFile[];
  /** Every diagnostic, sorted by location. */
  readonly diagnostics: readonly Diagnostic[];
  /** The IR, when parsing succeeded. */
  readonly ir: ProjectModel | undefined;
  /** Source text of the project's files by relative path, for code frames. */
  readonly sources: Readonly<Record<string, string>>;
  /** Absolute output directory. */
  readonly outDir: string;
  /** What the write stage did, when it ran. */
  readonly written: WriteSummary | undefined;
}

function isFileSystemError(e: unknown): e is NodeJS.ErrnoException & Error {
  return e instanceof Error && typeof (e as NodeJS.ErrnoException).code === 'string';
}

/** Runs a stage; anything it throws is a codegen bug. */
async function stage<T>(name: StageName, run: () => T | Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof InternalCodegenError) throw e;
    throw new InternalCodegenError(name, e);
  }
}

/**
 * Generates the Kotlin sources, the bundle and the manifest for the workers of a project.
 * @returns files and diagnostics; never throws for problems in the user's code.
 * @throws InternalCodegenError for a bug in the codegen, with the stage name.
 */
export function generate(options: GenerateOptions): Promise<GenerateResult> {
  const projectRoot = path.resolve(options.projectRoot ?? process.cwd());
  return runPipeline(
    options,
    createProjectSession({ projectRoot, tsconfig: options.tsconfig, files: options.files }),
  );
}

/** A generator that keeps the project and every stage's reusable results between runs, for `--watch`. */
export interface Generator {
  /**
   * Runs the pipeline; `changed` (absolute paths) are re-read first. Same contract as {@link generate}, and
   * byte-identical output: only the work is reused, never a result that the change could affect.
   */
  generate(changed?: readonly string[]): Promise<GenerateResult>;
  /** Stops esbuild's incremental context. Call it when done; the generator must not be used afterwards. */
  dispose(): Promise<void>;
}

/** What a {@link Generator} reuses between runs. */
interface Reuse {
  /** Per-file parse results, read again only for changed files and the files that import them. */
  readonly files: FileDeclCache;
  /** esbuild's incremental context: unchanged modules are not parsed again. */
  readonly bundler: Bundler;
  /** Kotlin files of workers whose model and layout did not change. */
  readonly emitKotlin: KotlinEmitter;
  /** The manifest's hashes of files whose content did not change. */
  readonly hashes: MemoHash;
  /** What the last writes left in the output directory, so unchanged files are not read back. */
  readonly written: WrittenFiles;
}

/** Creates a {@link Generator}; see {@link generate} for the options. */
export function createGenerator(options: GenerateOptions): Generator {
  const projectRoot = path.resolve(options.projectRoot ?? process.cwd());
  const session = createProjectSession({ projectRoot, tsconfig: options.tsconfig, files: options.files });
  const reuse: Reuse = {
    files: createFileDeclCache(),
    bundler: createBundler(projectRoot),
    emitKotlin: createKotlinEmitter(),
    hashes: createMemoHash(),
    written: new Map(),
  };
  return {
    generate: (changed = []) => {
      session.refresh(changed);
      return runPipeline(options, session, reuse);
    },
    dispose: () => reuse.bundler.dispose(),
  };
}

async function runPipeline(
  options: GenerateOptions,
  session: ProjectSession,
  reuse?: Reuse,
): Promise<GenerateResult> {
  const projectRoot = path.resolve(options.projectRoot ?? process.cwd());
  const outDir = path.resolve(projectRoot, options.outDir);
  const kotlinPackage = options.kotlinPackage ?? DEFAULT_KOTLIN_PACKAGE;
  const fail = (
    diagnostics: readonly Diagnostic[],
    ir?: ProjectModel,
    sources: Readonly<Record<string, string>> = {},
  ): GenerateResult => ({
    files: [],
    diagnostics,
    ir,
    sources,
    outDir,
    written: undefined,
  });

  if (!isValidPackageName(kotlinPackage)) {
    return fail([
      createDiagnostic('invalid-kotlin-package', {
        name: kotlinPackage,
        suggestion: suggestPackageName(kotlinPackage),
      }),
    ]);
  }

  // 1. parse
  if (options.tsconfig === undefined && (options.files ?? []).length === 0)
    return fail([createDiagnostic('no-input-files', {})]);
  let decl: ProjectDecl;
  try {
    const project = session.project();
    decl = await stage('parse', () => parseProject(project, projectRoot, reuse?.files));
  } catch (e) {
    if (e instanceof InternalCodegenError) throw e;
    // ts-morph throws for a missing tsconfig or source file: the user's input, not a bug.
    return fail([
      createDiagnostic('project-load-failed', {
        details: e instanceof Error ? (e.message.split('\n')[0] ?? '') : String(e),
      }),
    ]);
  }

  // Stop after parse when the project cannot be read as a whole (R22): the types would be guesses.
  if (hasErrors(decl.diagnostics)) return fail(decl.diagnostics, undefined, decl.sources);

  // 2. model
  const ir = await stage('model', () => buildModel(decl));

  // 3. check
  let diagnostics = sortDiagnostics([...decl.diagnostics, ...(await stage('check', () => runChecks(ir)))]);
  if (hasErrors(diagnostics)) return fail(diagnostics, ir, decl.sources);

  // 6. bundle, started before layout: esbuild works in its own process while layout and emit run here.
  let bundling: Promise<{ value: BundleOutput } | { error: unknown }> | undefined;
  if (options.bundle ?? true) {
    const workers: BundleWorker[] = ir.workers.map((w) => ({
      name: w.name,
      exportName: w.exportName ?? w.variableName,
      sourceFile: w.sourceFile,
      shapes: workerShapes(w),
    }));
    const inputMergers = (ir.inputMergers ?? []).map((m) => ({
      name: m.name,
      exportName: m.exportName ?? m.variableName,
      sourceFile: m.sourceFile,
    }));
    bundling = settle(
      reuse === undefined
        ? bundleWorkers({ projectRoot, workers, inputMergers })
        : reuse.bundler.bundle(workers, inputMergers),
    );
  }

  // 4. layout
  const layout = await stage('layout', () => createLayout(ir, { kotlinPackage }));
  const clashes = await stage('check', () => checkInputMergerClasses(ir, layout));
  if (clashes.length > 0) return fail(sortDiagnostics([...diagnostics, ...clashes]), ir, decl.sources);

  // 5. emit
  const kotlinFiles = await stage('emit', () => (reuse?.emitKotlin ?? emitKotlin)(ir, layout));

  const assetFiles: GeneratedFile[] = [];
  if (bundling !== undefined) {
    const bundle = await bundling;
    if ('error' in bundle) {
      // createBundle throws for esbuild errors, which point at the user's modules.
      const e = bundle.error;
      const details = e instanceof Error ? e.message : String(e);
      return fail([...diagnostics, createDiagnostic('bundle-failed', { details })], ir, decl.sources);
    }
    const { code, map } = bundle.value.bundle;
    assetFiles.push(
      { path: `${ASSETS_DIR}/workers.js`, content: code },
      { path: `${ASSETS_DIR}/workers.js.map`, content: map },
    );
    const warnings = unbundledImportWarnings(bundle.value.unbundledImports);
    if (warnings.length > 0) diagnostics = sortDiagnostics([...diagnostics, ...warnings]);
  }

  // 7. manifest
  const manifest = await stage('manifest', () =>
    emitManifest(
      ir,
      layout,
      [...kotlinFiles, ...assetFiles],
      `${ASSETS_DIR}/${MANIFEST_FILE_NAME}`,
      reuse?.hashes.hash,
    ),
  );
  reuse?.hashes.endRun();
  const files = [...kotlinFiles, ...assetFiles, manifest].sort((a, b) =>
    a.path < b.path ? -1 : a.path > b.path ? 1 : 0,
  );

  // 8. write
  let written: WriteSummary | undefined;
  if (options.write ?? true) {
    try {
      written = await writeFiles(outDir, files, reuse?.written);
    } catch (e) {
      // The file system refused (permissions, full disk, a file where a folder should be): not a codegen bug.
      if (!isFileSystemError(e)) throw new InternalCodegenError('write', e);
      return fail(
        [...diagnostics, createDiagnostic('write-failed', { details: e.message })],
        ir,
        decl.sources,
      );
    }
  }
  return { files, diagnostics, ir, sources: decl.sources, outDir, written };
}

/** A promise's outcome as a value, so a bundle started early never becomes an unhandled rejection. */
function settle(p: Promise<BundleOutput>): Promise<{ value: BundleOutput } | { error: unknown }> {
  return p.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
}
