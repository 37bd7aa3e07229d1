/**
 * One codegen benchmark case, in its own process: N synthetic workers (see project.ts) in a temp project.
 *
 *   npx tsx bench/codegen/codegen-case.ts <workers> [repeats]       (after building packages/codegen)
 *
 * Measured in this process, alternating so that load from other jobs hits both alike:
 * - generate:  `generate(options)` of the built @workscript/codegen: parse (ts-morph) → IR → checks →
 *              Kotlin → esbuild bundle → manifest → write, into a fresh output directory each time.
 * - no bundle: the same with `bundle: false` (where the time goes).
 * - baseline:  `ts.createProgram` of the same files with the codegen's compiler options for a file list +
 *              `ts.getPreEmitDiagnostics` (a full type check), then one esbuild bundle of all of them
 *              (bundle: true, iife, es2020, platform neutral, in memory).
 * - watch:     the incremental path `workscript generate --watch` uses (`createGenerator(...).generate(changed)`,
 *              the project kept in memory): one worker file rewritten with an extra output field, timed from
 *              the call to the written result. Also end to end through the CLI (`--watch` child process):
 *              from the file write to the summary line, which includes the CLI's 100 ms debounce.
 * One warm-up of generate and baseline first (reported as `cold*`); the figures are medians of `repeats`;
 * `ratio` is the median of the per-repetition generate/baseline ratios.
 * Prints one JSON line.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import ts from 'typescript';
import { generate, type GenerateOptions, type GenerateResult } from '@workscript/codegen';
import { createGenerator } from '../../packages/codegen/dist/pipeline.js';
import { nowMs, report, round } from '../runtime/support.js';
import { createSyntheticProject, type SyntheticProject } from './project.js';

const n = Number(process.argv[2] ?? 10);
const repeats = Number(process.argv[3] ?? 5);
const CLI = fileURLToPath(new URL('../../packages/codegen/bin/workscript.js', import.meta.url));

/** The codegen's compiler options for a file list (packages/codegen/src/parse/load-project.ts). */
const COMPILER_OPTIONS: ts.CompilerOptions = {
  strict: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  skipLibCheck: true,
  noEmit: true,
};

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};

function mustSucceed(result: GenerateResult, label: string): GenerateResult {
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0 || result.ir?.workers.length !== n)
    throw new Error(
      `${label}: ${errors.length} errors, ${result.ir?.workers.length ?? 0} workers: ${errors[0]?.message ?? ''}`,
    );
  return result;
}

async function timeGenerate(project: SyntheticProject, run: number, bundle: boolean): Promise<number> {
  const options: GenerateOptions = {
    projectRoot: project.root,
    files: project.files,
    outDir: `out/${bundle ? 'full' : 'nobundle'}-${run}`,
    bundle,
  };
  const t = nowMs();
  const result = await generate(options);
  const ms = nowMs() - t;
  mustSucceed(result, 'generate');
  return ms;
}

async function timeBaseline(project: SyntheticProject): Promise<{ check: number; bundle: number }> {
  const files = project.files.map((f) => project.abs(f));
  const t0 = nowMs();
  const program = ts.createProgram(files, COMPILER_OPTIONS);
  const diagnostics = ts.getPreEmitDiagnostics(program);
  const t1 = nowMs();
  if (diagnostics.length > 0)
    throw new Error(`baseline: ${ts.flattenDiagnosticMessageText(diagnostics[0]?.messageText, '\n')}`);
  const entry = project.files.map((f, i) => `export * as w${i} from './${f}';`).join('\n');
  const result = await build({
    stdin: { contents: entry, resolveDir: project.root, sourcefile: 'entry.ts', loader: 'ts' },
    absWorkingDir: project.root,
    bundle: true,
    write: false,
    format: 'iife',
    globalName: 'workers',
    target: 'es2020',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    sourcemap: 'external',
    outfile: 'workers.js',
    logLevel: 'silent',
  });
  const t2 = nowMs();
  if (result.errors.length > 0) throw new Error(`baseline bundle: ${result.errors[0]?.text ?? ''}`);
  return { check: t1 - t0, bundle: t2 - t1 };
}

/** The `--watch` path in-process: one project kept in memory, one file changed per run. */
async function timeWatch(project: SyntheticProject): Promise<{ first: number; change: number[] }> {
  const generator = createGenerator({ projectRoot: project.root, files: project.files, outDir: 'out/watch' });
  try {
    let t = nowMs();
    mustSucceed(await generator.generate(), 'watch: first run');
    const first = nowMs() - t;
    const change: number[] = [];
    for (let r = 1; r <= repeats; r++) {
      const file = project.edit((r * 7919) % n, r);
      t = nowMs();
      const result = mustSucceed(await generator.generate([file]), 'watch: change');
      change.push(nowMs() - t);
      // The worker's Kotlin, the bundle, its map and the manifest change; the rest is left alone.
      if ((result.written?.written.length ?? 0) < 2) throw new Error('watch: the change was not picked up');
    }
    return { first, change };
  } finally {
    await generator.dispose(); // esbuild's incremental context would keep the process alive
  }
}

/** `workscript generate --watch` as a child process: file write → "Generated ..." summary line. */
async function timeCliWatch(project: SyntheticProject): Promise<number[]> {
  const child = spawn(
    process.execPath,
    [CLI, 'generate', ...project.files, '--out', 'out/cli', '--root', project.root, '--watch'],
    { cwd: project.root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const waiters: { pattern: RegExp; resolve: () => void }[] = [];
  let buffered = '';
  child.stdout.on('data', (d: Buffer) => {
    buffered += d.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      const w = waiters[0];
      if (w !== undefined && w.pattern.test(line)) {
        waiters.shift();
        w.resolve();
      }
    }
  });
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`CLI exited with ${code}: ${stderr}`))),
  );
  const next = (pattern: RegExp) =>
    Promise.race([new Promise<void>((resolve) => waiters.push({ pattern, resolve })), exited]);
  try {
    await next(/^Watching /);
    const times: number[] = [];
    for (let r = 1; r <= repeats; r++) {
      await new Promise((resolve) => setTimeout(resolve, 300)); // let the watcher settle
      const done = next(/^Generated /);
      const t = nowMs();
      project.edit((r * 104_729) % n, 100 + r);
      await done;
      times.push(nowMs() - t);
    }
    return times;
  } finally {
    child.kill('SIGINT');
    exited.catch(() => undefined);
  }
}

const project = createSyntheticProject(n);
try {
  const coldGenerate = await timeGenerate(project, 0, true);
  const coldBaseline = await timeBaseline(project);
  const gen: number[] = [];
  const noBundle: number[] = [];
  const check: number[] = [];
  const bundle: number[] = [];
  const baseline: number[] = [];
  const pairRatio: number[] = [];
  for (let r = 1; r <= repeats; r++) {
    const b = await timeBaseline(project);
    check.push(b.check);
    bundle.push(b.bundle);
    baseline.push(b.check + b.bundle);
    gen.push(await timeGenerate(project, r, true));
    pairRatio.push((gen.at(-1) ?? Number.NaN) / (b.check + b.bundle));
    noBundle.push(await timeGenerate(project, r, false));
  }
  const watch = await timeWatch(project);
  const cliWatch = await timeCliWatch(project);
  const generateMs = median(gen);
  const baselineMs = median(baseline);
  report({
    workers: n,
    repeats,
    generateMs: round(generateMs, 1),
    generateNoBundleMs: round(median(noBundle), 1),
    checkMs: round(median(check), 1),
    bundleMs: round(median(bundle), 1),
    baselineMs: round(baselineMs, 1),
    // The median of each repetition's generate/baseline pair (run back to back): steadier under load
    // from other jobs than the ratio of the two medians.
    ratio: round(median(pairRatio), 2),
    watchChangeMs: round(median(watch.change), 1),
    watchRatio: round(median(watch.change) / generateMs, 3),
    cliWatchChangeMs: round(median(cliWatch), 1),
    cliWatchRatio: round(median(cliWatch) / generateMs, 3),
    coldGenerateMs: round(coldGenerate, 1),
    coldBaselineMs: round(coldBaseline.check + coldBaseline.bundle, 1),
    peakRssMiB: round((process.resourceUsage().maxRSS * 1024) / 2 ** 20, 1),
  });
} finally {
  project.remove();
}
