import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate, InternalCodegenError } from '../src/index.js';
import { createGenerator } from '../src/pipeline.js';
import { createTempProject, SYNC_WORKER } from './helpers/temp-project.js';

describe('generate', () => {
  let project: Awaited<ReturnType<typeof createTempProject>>;
  beforeAll(async () => {
    project = await createTempProject({
      'src/workers/sync.ts': SYNC_WORKER,
      'src/workers/broken.ts':
        "import { defineWorker } from '@workscript/api';\nexport const broken = defineWorker({ name: 'Broken', run: (_i: { when: Date }, ctx) => ctx.retry() });\n",
      'src/workers/missing-import.ts':
        "import { defineWorker } from '@workscript/api';\nimport { helper } from './does-not-exist.js';\nexport const needsHelper = defineWorker({ name: 'NeedsHelper', run: (_i: { a: string }, ctx) => { helper(); return ctx.retry(); } });\n",
      'tsconfig.json': JSON.stringify({
        compilerOptions: {
          strict: true,
          module: 'ESNext',
          moduleResolution: 'Bundler',
          target: 'ES2022',
          noEmit: true,
        },
        files: ['src/workers/sync.ts'],
      }),
    });
  });
  afterAll(() => project.dispose());

  it('writes Kotlin, the bundle and a manifest whose hashes match, byte-identical across runs', async () => {
    const first = await generate({
      projectRoot: project.root,
      files: ['src/workers/sync.ts'],
      outDir: 'out',
    });
    expect(first.diagnostics).toEqual([]);
    expect(first.files.map((f) => f.path)).toEqual([
      'assets/workers.js',
      'assets/workers.js.map',
      'assets/workscript.json',
      'kotlin/dev/workscript/generated/SyncContactsWorker.kt',
      'kotlin/dev/workscript/generated/WorkscriptCodec.kt',
      'kotlin/dev/workscript/generated/WorkscriptWorkerFactory.kt',
      'kotlin/dev/workscript/generated/WorkscriptWorkers.kt',
    ]);
    expect(first.written?.written).toEqual(first.files.map((f) => f.path));
    const manifest = JSON.parse(
      await fs.readFile(path.join(project.root, 'out/assets/workscript.json'), 'utf8'),
    ) as { files: Record<string, string>; bridgeProtocolVersion: number };
    expect(manifest.bridgeProtocolVersion).toBe(1);
    for (const [file, hash] of Object.entries(manifest.files)) {
      expect(
        createHash('sha256')
          .update(await fs.readFile(path.join(project.root, 'out', file)))
          .digest('hex'),
        file,
      ).toBe(hash);
    }
    for (const f of first.files) expect(f.content, f.path).not.toContain(project.root);

    const second = await generate({
      projectRoot: project.root,
      files: ['src/workers/sync.ts'],
      outDir: 'out',
    });
    expect(second.files).toEqual(first.files);
    expect(second.written).toEqual({ written: [], unchanged: first.files.map((f) => f.path), deleted: [] });
  });

  it('reads the files of a tsconfig', async () => {
    const result = await generate({
      projectRoot: project.root,
      tsconfig: 'tsconfig.json',
      outDir: 'out',
      bundle: false,
      write: false,
    });
    expect(result.ir?.workers.map((w) => w.name)).toEqual(['SyncContacts']);
  });

  it('returns diagnostics for user errors instead of throwing, and writes nothing', async () => {
    const result = await generate({
      projectRoot: project.root,
      files: ['src/workers/broken.ts'],
      outDir: 'out-broken',
    });
    expect(result.diagnostics.map((d) => [d.code, d.span?.file])).toEqual([
      ['WS1003', 'src/workers/broken.ts'],
    ]);
    expect(result.files).toEqual([]);
    await expect(fs.access(path.join(project.root, 'out-broken'))).rejects.toThrow();
  });

  it('reports a bundle failure, a missing tsconfig and an empty file list as diagnostics', async () => {
    const bundle = await generate({
      projectRoot: project.root,
      files: ['src/workers/missing-import.ts'],
      outDir: 'out',
      write: false,
    });
    expect(bundle.diagnostics.map((d) => d.messageId)).toEqual(['bundle-failed']);
    const tsconfig = await generate({
      projectRoot: project.root,
      tsconfig: 'nope.json',
      outDir: 'out',
      write: false,
    });
    expect(tsconfig.diagnostics.map((d) => d.messageId)).toEqual(['project-load-failed']);
    const empty = await generate({ projectRoot: project.root, outDir: 'out', write: false });
    expect(empty.diagnostics.map((d) => d.messageId)).toEqual(['no-input-files']);
  });

  it('keeps the project between runs and re-reads only the files it is told changed', async () => {
    await fs.writeFile(
      path.join(project.root, 'src/workers/incremental.ts'),
      SYNC_WORKER.replace("'SyncContacts'", "'Incremental'"),
    );
    const generator = createGenerator({
      projectRoot: project.root,
      files: ['src/workers/incremental.ts'],
      outDir: 'out',
      bundle: false,
      write: false,
    });
    const names = async (changed?: string[]) =>
      (await generator.generate(changed)).ir?.workers.map((w) => w.name);
    expect(await names()).toEqual(['Incremental']);
    await fs.writeFile(
      path.join(project.root, 'src/workers/incremental.ts'),
      SYNC_WORKER.replace("'SyncContacts'", "'Renamed'"),
    );
    expect(await names()).toEqual(['Incremental']);
    expect(await names([path.join(project.root, 'src/workers/incremental.ts')])).toEqual(['Renamed']);
  });

  it('rejects an invalid Kotlin package and reports a refused write as diagnostics', async () => {
    const pkg = await generate({
      projectRoot: project.root,
      files: ['src/workers/sync.ts'],
      outDir: 'out',
      kotlinPackage: 'com.example.my-app.in',
      write: false,
    });
    expect(pkg.diagnostics.map((d) => [d.messageId, d.data])).toEqual([
      ['invalid-kotlin-package', { name: 'com.example.my-app.in', suggestion: 'com.example.my_app.in_' }],
    ]);
    await fs.writeFile(path.join(project.root, 'not-a-dir'), 'a file where the output folder should be');
    const write = await generate({
      projectRoot: project.root,
      files: ['src/workers/sync.ts'],
      outDir: 'not-a-dir',
      bundle: false,
    });
    expect(write.diagnostics.map((d) => d.messageId)).toEqual(['write-failed']);
    expect(write.files).toEqual([]);
  });

  it('names the stage in internal errors', () => {
    const e = new InternalCodegenError('layout', new Error('boom'));
    expect([e.name, e.stage, e.message]).toEqual([
      'InternalCodegenError',
      'layout',
      "Internal error in the codegen's layout stage: boom. Please report it with the input that triggers it.",
    ]);
  });
});
