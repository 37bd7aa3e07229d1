import { watch } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { hasErrors } from './diagnostics/diagnostic.js';
import { formatDiagnostics } from './diagnostics/format.js';
import { InternalCodegenError } from './errors.js';
import {
  createGenerator,
  DEFAULT_KOTLIN_PACKAGE,
  generate,
  type GenerateOptions,
  type GenerateResult,
  type Generator,
} from './pipeline.js';
import { compareFiles } from './write/write-files.js';

/** Where the CLI writes and what stops `--watch`. */
export interface CliIo {
  /** Normal output (summaries). */
  readonly stdout: (text: string) => void;
  /** Diagnostics and errors. */
  readonly stderr: (text: string) => void;
  /** Working directory; the default project root. */
  readonly cwd: string;
  /** Colour code frames. Default `false`. */
  readonly color?: boolean;
  /** Ends `--watch` when aborted. */
  readonly signal?: AbortSignal;
}

const USAGE = `Usage:
  workscript generate [--project tsconfig.json | files...] --out <dir> [--kotlin-package <pkg>] [--no-bundle] [--watch]
  workscript check    [--project tsconfig.json | files...] --out <dir> [--kotlin-package <pkg>] [--no-bundle]

Options:
  --project, -p       tsconfig.json whose files are read (default: the files given as arguments)
  --out, -o           output directory: Kotlin under kotlin/, bundle and manifest under assets/ (required)
  --kotlin-package    package of the generated Kotlin (default ${DEFAULT_KOTLIN_PACKAGE})
  --root              project root that paths are relative to (default: the current directory)
  --no-bundle         skip the QuickJS bundle (Kotlin and manifest only)
  --watch, -w         regenerate when a source file changes (generate only)
`;

/**
 * Runs the `workscript` command line and returns the exit code: 0 on success, 1 on any error diagnostic,
 * out-of-date files (`check`), bad usage or an internal error.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io.stdout(USAGE);
    return command === undefined ? 1 : 0;
  }
  if (command !== 'generate' && command !== 'check') {
    io.stderr(`Unknown command '${command}'. Known commands: generate, check.\n\n${USAGE}`);
    return 1;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: [...rest],
      allowPositionals: true,
      options: {
        project: { type: 'string', short: 'p' },
        out: { type: 'string', short: 'o' },
        'kotlin-package': { type: 'string' },
        root: { type: 'string' },
        'no-bundle': { type: 'boolean' },
        watch: { type: 'boolean', short: 'w' },
      },
    });
  } catch (e) {
    io.stderr(`${e instanceof Error ? e.message : String(e)}\n\n${USAGE}`);
    return 1;
  }
  const { values, positionals } = parsed;
  if (values.out === undefined) {
    io.stderr(`Missing --out <dir>: where to write the generated files.\n\n${USAGE}`);
    return 1;
  }
  if (values.watch === true && command === 'check') {
    io.stderr(`--watch works with 'generate' only.\n`);
    return 1;
  }
  const projectRoot = path.resolve(io.cwd, values.root ?? '.');
  const options: GenerateOptions = {
    projectRoot,
    outDir: values.out,
    files: positionals,
    ...(values.project === undefined ? {} : { tsconfig: values.project }),
    ...(values['kotlin-package'] === undefined ? {} : { kotlinPackage: values['kotlin-package'] }),
    bundle: values['no-bundle'] !== true,
    write: command === 'generate',
  };
  // Only --watch keeps a generator: its caches (and esbuild's context) are worth it from the second run on.
  const generator: Generator =
    values.watch === true
      ? createGenerator(options)
      : { generate: () => generate(options), dispose: () => Promise.resolve() };
  const once = (changed: readonly string[] = []): Promise<number> =>
    command === 'generate' ? runGenerate(generator, changed, options, io) : runCheck(generator, io);
  try {
    const code = await once();
    if (values.watch !== true) return code;
    return await watchAndRegenerate(projectRoot, path.resolve(projectRoot, values.out), once, io);
  } finally {
    await generator.dispose();
  }
}

async function runSafely(
  generator: Generator,
  changed: readonly string[],
  io: CliIo,
): Promise<GenerateResult | undefined> {
  try {
    const result = await generator.generate(changed);
    if (result.diagnostics.length > 0)
      io.stderr(
        `${formatDiagnostics(result.diagnostics, { sources: result.sources, color: io.color ?? false })}\n`,
      );
    const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = result.diagnostics.length - errors;
    if (errors > 0)
      io.stderr(
        `Found ${errors} error${errors === 1 ? '' : 's'}${warnings > 0 ? ` and ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}. Nothing was written.\n`,
      );
    return result;
  } catch (e) {
    io.stderr(
      `${e instanceof InternalCodegenError ? e.message : `Internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`}\n`,
    );
    return undefined;
  }
}

async function runGenerate(
  generator: Generator,
  changed: readonly string[],
  options: GenerateOptions,
  io: CliIo,
): Promise<number> {
  const result = await runSafely(generator, changed, io);
  if (result === undefined || hasErrors(result.diagnostics)) return 1;
  const workers = result.ir?.workers.length ?? 0;
  const w = result.written;
  const where = path.relative(options.projectRoot ?? io.cwd, result.outDir) || '.';
  io.stdout(
    `Generated ${result.files.length} files for ${workers} worker${workers === 1 ? '' : 's'} in ${where}` +
      (w === undefined
        ? '.\n'
        : ` (${w.written.length} written, ${w.unchanged.length} unchanged, ${w.deleted.length} deleted).\n`),
  );
  for (const f of w?.written ?? []) io.stdout(`  wrote   ${f}\n`);
  for (const f of w?.deleted ?? []) io.stdout(`  deleted ${f}\n`);
  return 0;
}

async function runCheck(generator: Generator, io: CliIo): Promise<number> {
  const result = await runSafely(generator, [], io);
  if (result === undefined || hasErrors(result.diagnostics)) return 1;
  const differences = await compareFiles(result.outDir, result.files);
  if (differences.length === 0) {
    io.stdout(`Generated files are up to date (${result.files.length} files).\n`);
    return 0;
  }
  io.stderr(
    `Generated files are out of date:\n${differences.map((d) => `  ${d.kind.padEnd(8)}${d.path}\n`).join('')}Run 'workscript generate' with the same options.\n`,
  );
  return 1;
}

/** Regenerates on changes to TypeScript files or tsconfigs under the root, outside the output directory. */
function watchAndRegenerate(
  root: string,
  outDir: string,
  once: (changed: readonly string[]) => Promise<number>,
  io: CliIo,
): Promise<number> {
  return new Promise((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    const pending = new Set<string>();
    let running = Promise.resolve();
    const watcher = watch(root, { recursive: true }, (_event, file) => {
      if (file === null) return;
      const full = path.resolve(root, file.toString());
      const rel = path.relative(outDir, full);
      const insideOut = !rel.startsWith('..') && !path.isAbsolute(rel);
      if (
        insideOut ||
        full.includes(`${path.sep}node_modules${path.sep}`) ||
        !/\.(ts|tsx|mts|cts|json)$/.test(full)
      )
        return;
      pending.add(full);
      clearTimeout(timer);
      // Editors write a file in several steps; wait for them to settle before regenerating.
      timer = setTimeout(() => {
        const changed = [...pending].sort();
        pending.clear();
        running = running.then(async () => {
          io.stdout(`Changed: ${changed.map((f) => path.relative(root, f)).join(', ')}; regenerating.\n`);
          await once(changed);
        });
      }, 100);
    });
    io.stdout(`Watching ${root} for changes. Press Ctrl+C to stop.\n`);
    const stop = (): void => {
      clearTimeout(timer);
      watcher.close();
      void running.then(() => resolve(0));
    };
    if (io.signal?.aborted === true) stop();
    io.signal?.addEventListener('abort', stop, { once: true });
  });
}

/** Entry point of `bin/workscript.js`. */
export async function main(argv: readonly string[]): Promise<number> {
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  return runCli(argv, {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    cwd: process.cwd(),
    color: process.stderr.isTTY,
    signal: controller.signal,
  });
}
