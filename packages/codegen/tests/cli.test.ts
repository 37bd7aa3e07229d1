import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../src/cli.js';
import { createTempProject, SYNC_WORKER } from './helpers/temp-project.js';

function capture(cwd: string, signal?: AbortSignal): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: (t) => (out += t),
    stderr: (t) => (err += t),
    cwd,
    ...(signal === undefined ? {} : { signal }),
    out: () => out,
    err: () => err,
  };
}

function readIfPresent(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

async function waitFor(condition: () => boolean, ms = 60_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('workscript CLI', () => {
  let project: Awaited<ReturnType<typeof createTempProject>>;
  beforeAll(async () => {
    project = await createTempProject({
      'src/sync.ts': SYNC_WORKER,
      'src/bad.ts':
        "import { defineWorker } from '@workscript/api';\nexport const bad = defineWorker({ name: 'Bad', periodic: { intervalMs: 60_000 }, run: (_i: { a: string }, ctx) => ctx.retry() });\n",
    });
  });
  afterAll(() => project.dispose());

  it('generate writes and summarises; check passes, then fails once a generated file is edited', async () => {
    const gen = capture(project.root);
    expect(
      await runCli(
        ['generate', 'src/sync.ts', '--out', 'gen', '--kotlin-package', 'com.example', '--no-bundle'],
        gen,
      ),
    ).toBe(0);
    expect(gen.out()).toBe(
      [
        'Generated 5 files for 1 worker in gen (5 written, 0 unchanged, 0 deleted).',
        '  wrote   assets/workscript.json',
        '  wrote   kotlin/com/example/SyncContactsWorker.kt',
        '  wrote   kotlin/com/example/WorkscriptCodec.kt',
        '  wrote   kotlin/com/example/WorkscriptWorkerFactory.kt',
        '  wrote   kotlin/com/example/WorkscriptWorkers.kt',
        '',
      ].join('\n'),
    );
    const check = capture(project.root);
    expect(
      await runCli(
        ['check', 'src/sync.ts', '--out', 'gen', '--kotlin-package', 'com.example', '--no-bundle'],
        check,
      ),
    ).toBe(0);
    expect(check.out()).toBe('Generated files are up to date (5 files).\n');

    await fs.appendFile(
      path.join(project.root, 'gen/kotlin/com/example/WorkscriptWorkers.kt'),
      '// edited\n',
    );
    const stale = capture(project.root);
    expect(
      await runCli(
        ['check', 'src/sync.ts', '--out', 'gen', '--kotlin-package', 'com.example', '--no-bundle'],
        stale,
      ),
    ).toBe(1);
    expect(stale.err()).toBe(
      "Generated files are out of date:\n  changed kotlin/com/example/WorkscriptWorkers.kt\nRun 'workscript generate' with the same options.\n",
    );
  });

  it('prints every diagnostic with its code frame and exits 1', async () => {
    const io = capture(project.root);
    expect(await runCli(['generate', 'src/bad.ts', '--out', 'gen-bad', '--no-bundle'], io)).toBe(1);
    expect(io.err()).toContain(
      "src/bad.ts:2:72 - error WS1013: periodic.intervalMs is 60000 ms, below WorkManager's minimum",
    );
    expect(io.err()).toContain(
      "  in worker 'Bad' (src/bad.ts:2:14)\n  1 | import { defineWorker } from '@workscript/api';\n> 2 | export const bad",
    );
    expect(io.err()).toContain('Found 1 error. Nothing was written.\n');
    expect(io.out()).toBe('');
  });

  it('rejects bad usage with exit code 1 and the usage text', async () => {
    const unknown = capture(project.root);
    expect(await runCli(['generat'], unknown)).toBe(1);
    expect(unknown.err()).toContain("Unknown command 'generat'. Known commands: generate, check.");
    const noOut = capture(project.root);
    expect(await runCli(['generate', 'src/sync.ts'], noOut)).toBe(1);
    expect(noOut.err()).toContain('Missing --out <dir>');
  });

  it('--watch regenerates when a source file changes', async () => {
    const controller = new AbortController();
    const io = capture(project.root, controller.signal);
    const done = runCli(['generate', 'src/sync.ts', '--out', 'gen-watch', '--no-bundle', '--watch'], io);
    await waitFor(() => io.out().includes('Watching'));
    await fs.writeFile(
      path.join(project.root, 'src/sync.ts'),
      SYNC_WORKER.replace("tags: ['sync']", "tags: ['sync', 'watched']"),
    );
    // fs.writeFile truncates before it writes, and on a loaded machine the watcher can regenerate from the
    // empty file in between (deleting the worker's Kotlin) before it regenerates from the full one; so wait
    // for the outcome, not for a count of log lines.
    const generated = path.join(
      project.root,
      'gen-watch/kotlin/dev/workscript/generated/SyncContactsWorker.kt',
    );
    await waitFor(() => readIfPresent(generated).includes('builder.addTag("watched")'));
    controller.abort();
    expect(await done).toBe(0);
    expect(io.out()).toContain('regenerating');
  });
});
