import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleWorkers, createBundle, type BundleWorker } from '../../src/bundle/create-bundle.js';
import { createBundler } from '../../src/bundle/create-bundler.js';
import { createTempProject } from './temp-project.js';

const worker = (name: string, field: string): string =>
  [
    "import { defineWorker } from '@workscript/api';",
    `export const ${name.toLowerCase()} = defineWorker({`,
    `  name: '${name}',`,
    `  run(input: { ${field}: string }, ctx) {`,
    `    return ctx.success({ echoed: input.${field} });`,
    '  },',
    '});',
    '',
  ].join('\n');

const shapes = (field: string): BundleWorker['shapes'] => ({
  input: { fields: [{ name: field, type: { kind: 'string' } }] },
});

describe('createBundler (esbuild incremental context)', () => {
  const project = createTempProject({
    'src/a.ts': worker('Alpha', 'a'),
    'src/b.ts': worker('Beta', 'b'),
    'src/helper.ts': 'export const unused = 1;\n',
  });
  const bundler = createBundler(project.root);
  afterAll(async () => {
    await bundler.dispose();
    project.remove();
  });

  it('gives the bytes of a fresh createBundle, also after files and the worker list change', async () => {
    const both: BundleWorker[] = [
      { name: 'Alpha', exportName: 'alpha', sourceFile: 'src/a.ts', shapes: shapes('a') },
      { name: 'Beta', exportName: 'beta', sourceFile: 'src/b.ts', shapes: shapes('b') },
    ];
    expect(await bundler.bundle(both)).toEqual(
      await bundleWorkers({ projectRoot: project.root, workers: both }),
    );

    writeFileSync(path.join(project.root, 'src/b.ts'), worker('Beta', 'c'));
    const changed: BundleWorker[] = [
      { name: 'Beta', exportName: 'beta', sourceFile: 'src/b.ts', shapes: shapes('c') },
    ];
    expect(await bundler.bundle(changed)).toEqual(
      await bundleWorkers({ projectRoot: project.root, workers: changed }),
    );
  });

  it('reports esbuild errors as createBundle does, and keeps working afterwards', async () => {
    const missing: BundleWorker[] = [
      { name: 'Gone', exportName: 'gone', sourceFile: 'src/gone.ts', shapes: {} },
    ];
    const expected = await createBundle({ projectRoot: project.root, workers: missing }).catch(
      (e: unknown) => e,
    );
    await expect(bundler.bundle(missing)).rejects.toThrow((expected as Error).message);
    const alpha: BundleWorker[] = [
      { name: 'Alpha', exportName: 'alpha', sourceFile: 'src/a.ts', shapes: shapes('a') },
    ];
    expect(await bundler.bundle(alpha)).toEqual(
      await bundleWorkers({ projectRoot: project.root, workers: alpha }),
    );
  });
});

describe('createBundler and the prelude', () => {
  it('builds the prelude again when a file of @workscript/api changed on disk, and only then', async () => {
    const project = createTempProject({ 'src/a.ts': worker('Alpha', 'a') });
    const bundler = createBundler(project.root);
    try {
      const alpha: BundleWorker[] = [
        { name: 'Alpha', exportName: 'alpha', sourceFile: 'src/a.ts', shapes: shapes('a') },
      ];
      const { bundle: before } = await bundler.bundle(alpha);
      expect((await bundler.bundle(alpha)).bundle.code).toBe(before.code);

      // An update of the package as npm would leave it: same module, new text.
      const install = path.join(
        project.root,
        'node_modules/@workscript/api/dist/guest/install-workscript.js',
      );
      writeFileSync(install, `${readFileSync(install, 'utf8')}\nglobalThis.updatedMarker = 'updated';\n`);
      const { bundle: after } = await bundler.bundle(alpha);
      expect(after.code).toContain('globalThis.updatedMarker = "updated"');
      expect(after).toEqual(await createBundle({ projectRoot: project.root, workers: alpha }));
    } finally {
      await bundler.dispose();
      project.remove();
    }
  });
});
