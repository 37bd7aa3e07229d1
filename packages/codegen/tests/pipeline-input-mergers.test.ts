import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../src/index.js';
import { QuickJsGuest } from './bundle/quickjs-guest.js';
import { createTempProject } from './helpers/temp-project.js';

const MERGERS = `import { Data, defineInputMerger } from '@workscript/api';

export const sumCounts = defineInputMerger({
  name: 'SumCountsInputMerger',
  merge(inputs) {
    const total = inputs.reduce((sum, input) => sum + input.getInt('count', 0), 0);
    return Data.builder().putInt('count', total).putInt('inputs', inputs.length).build();
  },
});
`;

const WORKER = `import { defineWorker, type Int } from '@workscript/api';
import { sumCounts } from './mergers.js';

export const total = defineWorker({
  name: 'Total',
  inputMerger: sumCounts,
  run(input: { count: Int }, ctx) {
    return ctx.success({ count: input.count });
  },
});
`;

describe('generate with input mergers', () => {
  let project: Awaited<ReturnType<typeof createTempProject>>;
  beforeAll(async () => {
    project = await createTempProject({ 'src/mergers.ts': MERGERS, 'src/total.ts': WORKER });
  });
  afterAll(() => project.dispose());

  it('registers the mergers in the bundle, whose merge runs them; the manifest and Kotlin name them', async () => {
    const result = await generate({
      projectRoot: project.root,
      files: ['src/mergers.ts', 'src/total.ts'],
      outDir: 'out',
      write: false,
    });
    expect(result.diagnostics).toEqual([]);
    const file = (p: string) => result.files.find((f) => f.path === p)?.content ?? '';
    const guest = await QuickJsGuest.load(file('assets/workers.js'));
    try {
      expect(guest.describe()).toMatchObject({ workers: ['Total'], inputMergers: ['SumCountsInputMerger'] });
      expect(guest.merge('SumCountsInputMerger', '[{"count":["int",2]},{"count":["int",40]}]')).toBe(
        '{"ok":true,"data":{"count":["int",42],"inputs":["int",2]}}',
      );
    } finally {
      guest.dispose();
    }
    const manifest = JSON.parse(file('assets/workscript.json')) as {
      workers: { defaults: unknown }[];
      inputMergers: unknown;
    };
    expect(manifest.inputMergers).toEqual([
      {
        name: 'SumCountsInputMerger',
        exportName: 'sumCounts',
        sourceFile: 'src/mergers.ts',
        mergerClass: 'dev.workscript.generated.SumCountsInputMerger',
      },
    ]);
    expect(manifest.workers[0]?.defaults).toEqual({ inputMerger: 'SumCountsInputMerger' });
    expect(result.files.map((f) => f.path)).toContain(
      'kotlin/dev/workscript/generated/SumCountsInputMerger.kt',
    );
    expect(file('kotlin/dev/workscript/generated/TotalWorker.kt')).toContain(
      'builder.setInputMerger(SumCountsInputMerger::class.java)',
    );
  });

  it('stops after the layout when a merger needs a class name it gave away (WS1051), and writes nothing', async () => {
    await fs.writeFile(
      path.join(project.root, 'src/clash.ts'),
      "import { Data, defineInputMerger } from '@workscript/api';\n" +
        "export const clash = defineInputMerger({ name: 'TotalWorker', merge: () => Data.EMPTY });\n",
    );
    const result = await generate({
      projectRoot: project.root,
      files: ['src/clash.ts', 'src/mergers.ts', 'src/total.ts'],
      outDir: 'out-clash',
    });
    expect(result.diagnostics.map((d) => [d.code, d.data['owner'], d.span?.file])).toEqual([
      ['WS1051', "the classes of worker 'Total'", 'src/clash.ts'],
    ]);
    expect(result.files).toEqual([]);
    await expect(fs.access(path.join(project.root, 'out-clash'))).rejects.toThrow();
  });
});
