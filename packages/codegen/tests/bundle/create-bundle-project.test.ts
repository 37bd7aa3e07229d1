import { afterAll, describe, expect, it } from 'vitest';
import { createBundle } from '../../src/bundle/create-bundle.js';
import { QuickJsGuest } from './quickjs-guest.js';
import { createTempProject } from './temp-project.js';

/** A project outside the monorepo whose worker imports two npm packages: CommonJS (main) and ESM (exports). */
const files = {
  'package.json': '{ "name": "app", "private": true, "type": "module" }',
  'node_modules/left-pad-cjs/package.json':
    '{ "name": "left-pad-cjs", "version": "1.0.0", "main": "lib/index.js" }',
  'node_modules/left-pad-cjs/lib/index.js':
    "'use strict';\nmodule.exports = function leftPad(s, n, c) { s = String(s); while (s.length < n) s = (c || ' ') + s; return s; };\n",
  'node_modules/shout-esm/package.json':
    '{ "name": "shout-esm", "version": "1.0.0", "type": "module", "exports": { ".": { "import": "./dist/shout.js", "require": "./dist/missing.cjs" } } }',
  'node_modules/shout-esm/dist/shout.js': 'export const shout = (s) => `${s.toUpperCase()}!`;\n',
  'src/pad.ts': [
    "import { defineWorker } from '@workscript/api';",
    "import leftPad from 'left-pad-cjs';",
    "import { shout } from 'shout-esm';",
    '',
    'export const pad = defineWorker({',
    "  name: 'Pad',",
    '  run(input: { value: string; width: number }, ctx) {',
    "    return ctx.success({ padded: leftPad(input.value, input.width, '0'), loud: shout(input.value) });",
    '  },',
    '});',
    '',
  ].join('\n'),
};
const workers = [{ name: 'Pad', exportName: 'pad', sourceFile: 'src/pad.ts', shapes: {} }];

describe('createBundle in a project of its own', () => {
  const a = createTempProject(files);
  const b = createTempProject(files);
  afterAll(() => {
    a.remove();
    b.remove();
  });

  it('bundles npm dependencies (CommonJS main and ESM exports) that then run in QuickJS', async () => {
    const { code } = await createBundle({ projectRoot: a.root, workers });
    const guest = await QuickJsGuest.load(code);
    try {
      const { resultJson, calls } = guest.run({
        worker: 'Pad',
        inputJson: '{"value":"42","width":5}',
        contextJson: '{"runId":"r","id":"w","tags":[],"runAttemptCount":0,"generation":0}',
        reply: () => '{"ok":true,"value":null}',
      });
      expect(resultJson).toBe('{"status":"success","output":{"padded":"00042","loud":"42!"}}');
      expect(calls).toEqual([]);
    } finally {
      guest.dispose();
    }
  });

  it('gives identical bytes from two different project roots', async () => {
    const first = await createBundle({ projectRoot: a.root, workers });
    const second = await createBundle({ projectRoot: b.root, workers });
    expect(second.code).toBe(first.code);
    expect(second.map).toBe(first.map);
    expect(first.code).not.toContain(a.root);
    const { sources } = JSON.parse(first.map) as { sources: string[] };
    expect(sources).toEqual(
      expect.arrayContaining([
        'src/pad.ts',
        'node_modules/left-pad-cjs/lib/index.js',
        'node_modules/shout-esm/dist/shout.js',
      ]),
    );
    expect(sources.every((s) => !s.startsWith('/') && !s.startsWith('..'))).toBe(true);
  });

  it('names the worker and the file when an import does not resolve', async () => {
    await expect(
      createBundle({
        projectRoot: a.root,
        workers: [...workers, { name: 'Gone', exportName: 'gone', sourceFile: 'src/gone.ts', shapes: {} }],
      }),
    ).rejects.toThrow(
      new Error(
        'Bundling the workers failed with 1 error(s):\n' +
          'workscript-entry.js:2:28: error: Could not resolve "./src/gone.ts"\n' +
          "  in worker 'Gone' (export 'gone' of src/gone.ts)",
      ),
    );
  });

  it('names the worker when its export is missing', async () => {
    await expect(
      createBundle({
        projectRoot: a.root,
        workers: [{ name: 'Pad', exportName: 'padd', sourceFile: 'src/pad.ts', shapes: {} }],
      }),
    ).rejects.toThrow(
      new Error(
        'Bundling the workers failed with 1 error(s):\n' +
          'workscript-entry.js:2:10: error: No matching export in "src/pad.ts" for import "padd"\n' +
          "  in worker 'Pad' (export 'padd' of src/pad.ts)",
      ),
    );
  });

  it('names the input merger when its export is missing', async () => {
    await expect(
      createBundle({
        projectRoot: a.root,
        workers,
        inputMergers: [{ name: 'SumCounts', exportName: 'sumCounts', sourceFile: 'src/pad.ts' }],
      }),
    ).rejects.toThrow(
      new Error(
        'Bundling the workers failed with 1 error(s):\n' +
          'workscript-entry.js:3:10: error: No matching export in "src/pad.ts" for import "sumCounts"\n' +
          "  in input merger 'SumCounts' (export 'sumCounts' of src/pad.ts)",
      ),
    );
  });

  it('reports an import that @workscript/api does not export where the worker imports it (the prelude, which holds what is imported, is where esbuild finds it)', async () => {
    const project = createTempProject({
      'src/w.ts':
        "import { defineWorker, notAnExport } from '@workscript/api';\n" +
        "export const w = defineWorker({ name: 'W', run(input: {}, ctx) { return ctx.success({ n: notAnExport }); } });\n",
    });
    try {
      await expect(
        createBundle({
          projectRoot: project.root,
          workers: [{ name: 'W', exportName: 'w', sourceFile: 'src/w.ts', shapes: {} }],
        }),
      ).rejects.toThrow(
        /workscript-prelude\.js:\d+:\d+: error: No matching export in ".*" for import "notAnExport"\n {2}'notAnExport' is not an export of @workscript\/api; imported at src\/w\.ts:1:24$/,
      );
    } finally {
      project.remove();
    }
  });

  it('says how to fix a project without @workscript/api', async () => {
    const bare = createTempProject(
      { 'src/w.ts': 'export const w = { kind: "workscript.worker", name: "W", run() {} };\n' },
      false,
    );
    try {
      const error = (await createBundle({
        projectRoot: bare.root,
        workers: [{ name: 'W', exportName: 'w', sourceFile: 'src/w.ts', shapes: {} }],
      }).catch((e: unknown) => e)) as Error;
      expect(error.message).toContain('Could not resolve "@workscript/api/guest"');
      expect(error.message).toContain(
        'The bundle needs the package @workscript/api next to your workers: npm install @workscript/api',
      );
    } finally {
      bare.remove();
    }
  });

  it('says that Node built-ins do not exist in QuickJS', async () => {
    const project = createTempProject({
      'src/fsw.ts':
        "import { readFileSync } from 'node:fs';\nexport const w = { kind: 'workscript.worker', name: 'W', run: () => readFileSync('x') };\n",
    });
    try {
      await expect(
        createBundle({
          projectRoot: project.root,
          workers: [{ name: 'W', exportName: 'w', sourceFile: 'src/fsw.ts', shapes: {} }],
        }),
      ).rejects.toThrow(
        new Error(
          'Bundling the workers failed with 1 error(s):\n' +
            'src/fsw.ts:1:30: error: Could not resolve "node:fs"\n' +
            '  Workers run in QuickJS, which has no Node.js built-in modules; use ctx.fetch, ctx.storage and ctx.log instead',
        ),
      );
    } finally {
      project.remove();
    }
  });
});
