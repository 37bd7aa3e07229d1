/**
 * `--watch` reuses work between runs (parse results per file, emitted Kotlin per worker, esbuild's context,
 * what it wrote); its output must still be byte-identical to a fresh full `generate()`. Each step edits a copy
 * of a fixture, runs the watching generator on the changed file, and compares every generated file, the
 * diagnostics and the output directory on disk with a full run of the same sources.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { generate, type GenerateResult } from '../../src/index.js';
import { createGenerator, type Generator } from '../../src/pipeline.js';
import { createTempProject, SYNC_WORKER } from '../helpers/temp-project.js';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures');

async function listFiles(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

/** The input files of a golden fixture, by path relative to its input folder. */
async function fixtureInput(name: string): Promise<Record<string, string>> {
  const dir = path.join(FIXTURES, name, 'input');
  const out: Record<string, string> = {};
  for (const f of await listFiles(dir)) out[f] = await fs.readFile(path.join(dir, f), 'utf8');
  return out;
}

/** Every file under `dir`, by relative path. */
async function readTree(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const f of await listFiles(dir)) out.set(f, await fs.readFile(path.join(dir, f), 'utf8'));
  return out;
}

interface WatchedProject {
  readonly root: string;
  /** Writes `changes` (relative path → new text), then runs the watching generator on those files. */
  step(changes: Readonly<Record<string, string>>): Promise<GenerateResult>;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

/**
 * A temp copy of `files` with a watching generator; every `step` also runs a full `generate()` into another
 * folder and expects the same bytes.
 */
async function watched(files: Readonly<Record<string, string>>): Promise<WatchedProject> {
  const project = await createTempProject(files);
  const sources = Object.keys(files).filter((f) => f.endsWith('.ts'));
  const options = { projectRoot: project.root, files: sources, kotlinPackage: 'dev.workscript.watch' };
  const generator: Generator = createGenerator({ ...options, outDir: 'out-watch' });
  cleanups.push(async () => {
    await generator.dispose();
    await project.dispose();
  });
  let fullRun = 0;
  const compare = async (incremental: GenerateResult): Promise<GenerateResult> => {
    const outDir = `out-full-${fullRun++}`;
    const full = await generate({ ...options, outDir });
    expect(incremental.diagnostics).toEqual(full.diagnostics);
    expect(incremental.ir).toEqual(full.ir);
    expect(incremental.files.map((f) => f.path)).toEqual(full.files.map((f) => f.path));
    for (const [i, f] of incremental.files.entries()) expect(f.content, f.path).toBe(full.files[i]?.content);
    // With errors nothing is written: the watched folder keeps the last good output, the full one is empty.
    if (full.written !== undefined) {
      expect(await readTree(path.join(project.root, 'out-watch'))).toEqual(
        await readTree(path.join(project.root, outDir)),
      );
    }
    return incremental;
  };
  await compare(await generator.generate());
  return {
    root: project.root,
    async step(changes) {
      for (const [rel, text] of Object.entries(changes))
        await fs.writeFile(path.join(project.root, rel), text);
      return compare(await generator.generate(Object.keys(changes).map((f) => path.join(project.root, f))));
    },
  };
}

const worker = (
  name: string,
  extraOutput = '',
): string => `import { defineWorker, type Int } from '@workscript/api';

export interface ${name}Output {
  fetched: Int;
  kinds: ('contact' | 'photo')[];${extraOutput}
}

export const ${name.toLowerCase()} = defineWorker({
  name: '${name}',
  constraints: { requiredNetworkType: 'CONNECTED' },
  async run(input: { since: string; pageSize: Int }, ctx) {
    return ctx.success<${name}Output>({ fetched: input.pageSize, kinds: [] });
  },
});
`;

describe('createGenerator (--watch) gives the bytes of a full run', () => {
  it('after a change to one worker, a new worker, a rename and a file that holds no worker', async () => {
    const project = await watched({
      'workers/a.ts': worker('Alpha'),
      'workers/b.ts': worker('Beta'),
      'workers/c.ts': SYNC_WORKER,
      'workers/util.ts': 'export const pageSize = 50;\n',
    });
    // The worker's output type changes: its Kotlin, the bundle and the manifest change, nothing else.
    const changed = await project.step({ 'workers/b.ts': worker('Beta', '\n  cursor?: string;') });
    expect(changed.written?.written).toEqual([
      'assets/workers.js',
      'assets/workers.js.map',
      'assets/workscript.json',
      'kotlin/dev/workscript/watch/BetaWorker.kt',
    ]);
    // A rename changes the shared files (registry, factory) and the worker's file name.
    await project.step({ 'workers/a.ts': worker('Gamma') });
    await project.step({ 'workers/util.ts': 'export const pageSize = 100;\n' });
    // Breaking and fixing a file: errors are reported as a full run reports them, then the output recovers.
    const broken = await project.step({
      'workers/c.ts': SYNC_WORKER.replace('since: string', 'since: Date'),
    });
    expect(broken.diagnostics.map((d) => d.code)).toEqual(['WS1003']);
    await project.step({ 'workers/c.ts': SYNC_WORKER });
  });

  it('after an input merger is added, used, renamed in its own file and removed', async () => {
    const merger = (name: string) =>
      `import { Data, defineInputMerger } from '@workscript/api';\n` +
      `export const sumCounts = defineInputMerger({ name: '${name}', merge: (inputs) => inputs[0] ?? Data.EMPTY });\n`;
    const usingMerger = worker('Alpha')
      .replace(
        "import { defineWorker, type Int } from '@workscript/api';",
        "import { defineWorker, type Int } from '@workscript/api';\nimport { sumCounts } from '../mergers.js';",
      )
      .replace(
        "  constraints: { requiredNetworkType: 'CONNECTED' },",
        "  constraints: { requiredNetworkType: 'CONNECTED' },\n  inputMerger: sumCounts,",
      );
    const project = await watched({ 'workers/a.ts': worker('Alpha'), 'mergers.ts': 'export {};\n' });
    const added = await project.step({ 'mergers.ts': merger('SumCounts') });
    expect(added.written?.written).toEqual([
      'assets/workers.js',
      'assets/workers.js.map',
      'assets/workscript.json',
      'kotlin/dev/workscript/watch/SumCounts.kt',
    ]);
    const used = await project.step({ 'workers/a.ts': usingMerger });
    expect(used.files.find((f) => f.path.endsWith('AlphaWorker.kt'))?.content).toContain(
      'builder.setInputMerger(SumCounts::class.java)',
    );
    // Only the merger's file changes; the worker that imports it follows the new name.
    const renamed = await project.step({ 'mergers.ts': merger('Totals') });
    expect(renamed.files.find((f) => f.path.endsWith('AlphaWorker.kt'))?.content).toContain(
      'builder.setInputMerger(Totals::class.java)',
    );
    const removed = await project.step({ 'workers/a.ts': worker('Alpha'), 'mergers.ts': 'export {};\n' });
    expect(removed.written?.deleted).toEqual(['kotlin/dev/workscript/watch/Totals.kt']);
  });

  it('builds the bundle prelude again when the names the workers import from @workscript/api change', async () => {
    const project = await watched({ 'workers/a.ts': worker('Alpha'), 'workers/b.ts': worker('Beta') });
    const bundle = () => fs.readFile(path.join(project.root, 'out-watch/assets/workers.js'), 'utf8');
    expect(await bundle()).not.toContain('function isFinished(');
    // A worker starts to use another value of the package: the prelude must hold it.
    const withIsFinished = worker('Beta')
      .replace('import { defineWorker, type Int }', 'import { defineWorker, isFinished, type Int }')
      .replace(
        'fetched: input.pageSize,',
        "fetched: (input.pageSize + (isFinished('SUCCEEDED') ? 1 : 0)) as Int,",
      );
    await project.step({ 'workers/b.ts': withIsFinished });
    expect(await bundle()).toContain('function isFinished(');
    await project.step({ 'workers/b.ts': worker('Beta') });
    expect(await bundle()).not.toContain('function isFinished(');
  });

  it('re-reads the workers whose types come from a changed file, through imports and re-exports', async () => {
    const types = await watched(await fixtureInput('imported-types'));
    const before = await fs.readFile(
      path.join(types.root, 'out-watch/kotlin/dev/workscript/watch/BackupMediaWorker.kt'),
      'utf8',
    );
    const media = await fs.readFile(path.join(types.root, 'types/media.ts'), 'utf8');
    const after = await types.step({
      'types/media.ts': media.replace('  uri: string;', '  uri: string;\n  caption?: string;'),
    });
    const kotlin = after.files.find((f) => f.path.endsWith('BackupMediaWorker.kt'))?.content;
    expect(kotlin).not.toBe(before);
    expect(kotlin).toContain('val caption: String? = null');

    // The service's types reach the workers through a barrel file (services/index.ts re-exports vault.ts).
    const services = await watched(await fixtureInput('native-service-imported'));
    const vault = await fs.readFile(path.join(services.root, 'services/vault.ts'), 'utf8');
    await services.step({
      'services/vault.ts': vault.replace('  version: number;', '  version: number;\n  updatedAt?: string;'),
    });
  });

  it('orders a union as a full run does when only one file is read again', async () => {
    // TypeScript orders union members by type id, i.e. by first use anywhere in the program: a full run
    // meets 'photo' in a.ts first, so b.ts's inferred output prints (and its enum lists) 'photo' first.
    const project = await watched({
      'workers/a.ts': `import { defineWorker } from '@workscript/api';
export const a = defineWorker({ name: 'A', run(input: { kind: 'photo' | 'contact' }, ctx) { return ctx.success({ k: input.kind }); } });
`,
      'workers/b.ts': `import { defineWorker } from '@workscript/api';
export const b = defineWorker({ name: 'B', run(input: { kind: 'contact' | 'photo' }, ctx) { return ctx.success({ k: input.kind }); } });
`,
    });
    const b = await fs.readFile(path.join(project.root, 'workers/b.ts'), 'utf8');
    const result = await project.step({
      'workers/b.ts': b.replace("'contact' | 'photo'", "'contact' | 'photo'; n: number"),
    });
    expect(result.ir?.workers.find((w) => w.name === 'B')?.output.typeText).toBe(
      '{ k: "photo" | "contact"; }',
    );
  });

  it('finds workers again after a file that declares globals changes', async () => {
    const project = await watched({
      'globals.d.ts': 'declare type PageSize = number;\n',
      'workers/g.ts': `import { defineWorker } from '@workscript/api';

export const g = defineWorker({
  name: 'Globals',
  run(input: { size: PageSize }, ctx) {
    return ctx.success({ size: input.size });
  },
});
`,
    });
    const result = await project.step({ 'globals.d.ts': 'declare type PageSize = string;\n' });
    expect(result.ir?.workers[0]?.input.type).toMatchObject({
      shape: { fields: [{ name: 'size', type: { kind: 'string' } }] },
    });
  });

  it('rewrites an output file changed by hand, even when its content did not change', async () => {
    const project = await watched({ 'workers/c.ts': SYNC_WORKER });
    const kotlin = path.join(project.root, 'out-watch/kotlin/dev/workscript/watch/SyncContactsWorker.kt');
    const content = await fs.readFile(kotlin, 'utf8');
    await fs.writeFile(kotlin, `${content}// edited by hand\n`);
    const result = await project.step({ 'workers/c.ts': `${SYNC_WORKER}\n` });
    expect(result.written?.written).toContain('kotlin/dev/workscript/watch/SyncContactsWorker.kt');
    expect(await fs.readFile(kotlin, 'utf8')).toBe(content);
  });
});
