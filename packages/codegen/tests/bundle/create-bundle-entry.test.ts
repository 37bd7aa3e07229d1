import { describe, expect, it } from 'vitest';
import { createBundleEntry } from '../../src/bundle/create-bundle-entry.js';

const shapes = { input: { fields: [{ name: 'n', type: { kind: 'int' } }] } } as const;

describe('createBundleEntry', () => {
  it('imports every worker, sorted by name, and installs them with their shapes, which come apart', () => {
    const entry = createBundleEntry([
      { name: 'Sync', exportName: 'default', sourceFile: 'src\\workers\\sync.ts', shapes: {} },
      { name: 'Alpha', exportName: 'alpha', sourceFile: './src/a.ts', shapes },
      { name: 'Beta', exportName: 'odd-name', sourceFile: '../shared/b.ts', shapes: {} },
    ]);
    expect(entry.contents).toBe(
      [
        'import { installWorkscript } from "@workscript/api/guest";',
        'import { alpha as w0 } from "./src/a.ts";',
        'import { "odd-name" as w1 } from "../shared/b.ts";',
        'import { default as w2 } from "./src/workers/sync.ts";',
        '',
        'installWorkscript([',
        '  { ...w0, shapes: __workscriptShapes[0] },',
        '  { ...w1, shapes: __workscriptShapes[1] },',
        '  { ...w2, shapes: __workscriptShapes[2] },',
        ']);',
        '',
      ].join('\n'),
    );
    expect(entry.shapes).toBe('  {"input":{"fields":[{"name":"n","type":{"kind":"int"}}]}},\n  {},\n  {},\n');
    expect([2, 3, 4, 7, 8, 9, 1, 10].map((line) => entry.workerOnLine(line)?.name)).toEqual([
      'Alpha',
      'Beta',
      'Sync',
      'Alpha',
      'Beta',
      'Sync',
      undefined,
      undefined,
    ]);
  });

  it('installs an empty list when there are no workers', () => {
    const entry = createBundleEntry([]);
    expect(entry.contents).toBe(
      'import { installWorkscript } from "@workscript/api/guest";\n\ninstallWorkscript([\n]);\n',
    );
    expect(entry.shapes).toBe('');
    expect(entry.mergerOnLine(1)).toBeUndefined();
  });

  it('passes the input mergers, sorted by name, as a second list and knows the line of each', () => {
    const entry = createBundleEntry(
      [{ name: 'Sync', exportName: 'sync', sourceFile: 'src/sync.ts', shapes: {} }],
      [
        { name: 'Zeta', exportName: 'zeta', sourceFile: 'src/mergers.ts' },
        { name: 'Alpha', exportName: 'default', sourceFile: 'src\\alpha.ts' },
      ],
    );
    expect(entry.contents).toBe(
      [
        'import { installWorkscript } from "@workscript/api/guest";',
        'import { sync as w0 } from "./src/sync.ts";',
        'import { default as m0 } from "./src/alpha.ts";',
        'import { zeta as m1 } from "./src/mergers.ts";',
        '',
        'installWorkscript([',
        '  { ...w0, shapes: __workscriptShapes[0] },',
        '], [',
        '  m0,',
        '  m1,',
        ']);',
        '',
      ].join('\n'),
    );
    const lines = Array.from({ length: 12 }, (_, i) => i + 1);
    expect(lines.map((line) => entry.workerOnLine(line)?.name)).toEqual([
      ...[undefined, 'Sync', undefined, undefined, undefined, undefined, 'Sync'],
      ...[undefined, undefined, undefined, undefined, undefined],
    ]);
    expect(lines.map((line) => entry.mergerOnLine(line)?.name)).toEqual([
      ...[undefined, undefined, 'Alpha', 'Zeta', undefined, undefined, undefined],
      ...[undefined, 'Alpha', 'Zeta', undefined, undefined],
    ]);
  });

  it('refuses an input merger given by an absolute path', () => {
    expect(() => createBundleEntry([], [{ name: 'M', exportName: 'm', sourceFile: '/abs/m.ts' }])).toThrow(
      "Input merger source file '/abs/m.ts' must be relative to the project root",
    );
  });

  it.each([['/abs/w.ts'], ['C:\\work\\w.ts']])('refuses the absolute path %s', (sourceFile) => {
    expect(() => createBundleEntry([{ name: 'W', exportName: 'w', sourceFile, shapes: {} }])).toThrow(
      `Worker source file '${sourceFile}' must be relative to the project root`,
    );
  });
});
