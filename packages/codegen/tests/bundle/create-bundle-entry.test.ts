import { describe, expect, it } from 'vitest';
import { createBundleEntry } from '../../src/bundle/create-bundle-entry.js';

const shapes = { input: { fields: [{ name: 'n', type: { kind: 'int' } }] } } as const;

describe('createBundleEntry', () => {
  it('imports every worker, sorted by name, and installs them with their shapes', () => {
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
        '  { ...w0, shapes: {"input":{"fields":[{"name":"n","type":{"kind":"int"}}]}} },',
        '  { ...w1, shapes: {} },',
        '  { ...w2, shapes: {} },',
        ']);',
        '',
      ].join('\n'),
    );
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
    expect(createBundleEntry([]).contents).toBe(
      'import { installWorkscript } from "@workscript/api/guest";\n\ninstallWorkscript([\n]);\n',
    );
  });

  it.each([['/abs/w.ts'], ['C:\\work\\w.ts']])('refuses the absolute path %s', (sourceFile) => {
    expect(() => createBundleEntry([{ name: 'W', exportName: 'w', sourceFile, shapes: {} }])).toThrow(
      `Worker source file '${sourceFile}' must be relative to the project root`,
    );
  });
});
