import { describe, expect, it } from 'vitest';
import { parseProject } from '../../src/parse/parse-project.js';
import { createInMemoryProject, ROOT } from '../helpers/in-memory-project.js';

const span = (line: number, column: number, endLine: number, endColumn: number, file: string) => ({
  file,
  line,
  column,
  endLine,
  endColumn,
});

/** A worker file whose `W` worker's `inputMerger` is `expression`, with `imports` on top. */
const workerUsing = (imports: string, expression: string): string =>
  [
    imports,
    "import { defineWorker } from '@workscript/api';",
    'export const w = defineWorker({',
    "  name: 'W',",
    `  inputMerger: ${expression},`,
    '  run(input: { n: number }, ctx) {',
    '    return ctx.success({ n: input.n });',
    '  },',
    '});',
    '',
  ].join('\n');

const MERGERS = [
  "import { Data, defineInputMerger as dim } from '@workscript/api';",
  "import * as api from '@workscript/api';",
  "export const sum = dim({ name: 'Sum', merge: () => Data.EMPTY });",
  "const hidden = api.defineInputMerger({ name: 'Hidden', merge: () => Data.EMPTY });",
  'export { hidden as shown };',
  'export const fromOptions = api.defineInputMerger(options());',
  "export default (dim({ name: 'Dflt', merge: (inputs) => inputs[0] ?? Data.EMPTY }));",
  'function options() {',
  "  return { name: 'X', merge: () => Data.EMPTY };",
  '}',
  '',
].join('\n');

describe('parseProject: input mergers', () => {
  it('finds top-level defineInputMerger calls as it finds defineWorker ones: aliased, namespaced, default', () => {
    const decl = parseProject(createInMemoryProject({ 'm.ts': MERGERS }), ROOT);
    expect(decl.inputMergers).toEqual([
      {
        name: { value: 'Sum', span: span(3, 32, 3, 37, 'm.ts') },
        exportName: 'sum',
        variableName: 'sum',
        sourceFile: 'm.ts',
        span: span(3, 14, 3, 17, 'm.ts'),
        optionsText: undefined,
        optionsSpan: span(3, 24, 3, 64, 'm.ts'),
      },
      {
        name: { value: 'Hidden', span: span(4, 46, 4, 54, 'm.ts') },
        exportName: 'shown',
        variableName: 'hidden',
        sourceFile: 'm.ts',
        span: span(4, 7, 4, 13, 'm.ts'),
        optionsText: undefined,
        optionsSpan: span(4, 38, 4, 81, 'm.ts'),
      },
      {
        name: undefined,
        exportName: 'fromOptions',
        variableName: 'fromOptions',
        sourceFile: 'm.ts',
        span: span(6, 14, 6, 25, 'm.ts'),
        optionsText: 'options()',
        optionsSpan: span(6, 50, 6, 59, 'm.ts'),
      },
      {
        name: { value: 'Dflt', span: span(7, 29, 7, 35, 'm.ts') },
        exportName: 'default',
        variableName: 'default',
        sourceFile: 'm.ts',
        span: span(7, 17, 7, 20, 'm.ts'),
        optionsText: undefined,
        optionsSpan: span(7, 21, 7, 81, 'm.ts'),
      },
    ]);
  });

  it('ignores a local function named defineInputMerger and calls that are not bound at the top level', () => {
    const decl = parseProject(
      createInMemoryProject({
        'm.ts': [
          "import { Data } from '@workscript/api';",
          'function defineInputMerger(o: object) {',
          '  return o;',
          '}',
          "export const local = defineInputMerger({ name: 'Local', merge: () => Data.EMPTY });",
          '',
        ].join('\n'),
        'n.ts': [
          "import { Data, defineInputMerger } from '@workscript/api';",
          'export function make() {',
          "  return defineInputMerger({ name: 'Inner', merge: () => Data.EMPTY });",
          '}',
          '',
        ].join('\n'),
      }),
      ROOT,
    );
    expect(decl.inputMergers).toEqual([]);
  });

  it('reads a name through a const and a spread of a const object', () => {
    const decl = parseProject(
      createInMemoryProject({
        'm.ts': [
          "import { Data, defineInputMerger } from '@workscript/api';",
          "const NAME = 'Named';",
          "const base = { name: 'Spread' } as const;",
          'export const a = defineInputMerger({ name: NAME, merge: () => Data.EMPTY });',
          'export const b = defineInputMerger({ ...base, merge: () => Data.EMPTY });',
          '',
        ].join('\n'),
      }),
      ROOT,
    );
    expect(decl.inputMergers.map((m) => m.name && 'value' in m.name && m.name.value)).toEqual([
      'Named',
      'Spread',
    ]);
  });

  it.each([
    ["import { sum } from './m.js';", 'sum', { sourceFile: 'm.ts', variableName: 'sum' }],
    ["import { shown as s } from './m.js';", 's', { sourceFile: 'm.ts', variableName: 'hidden' }],
    ["import d from './m.js';", 'd', { sourceFile: 'm.ts', variableName: 'default' }],
    ["import * as m from './m.js';", 'm.sum', { sourceFile: 'm.ts', variableName: 'sum' }],
    ["import { sum } from './index.js';", '(sum as never)', { sourceFile: 'm.ts', variableName: 'sum' }],
  ])('follows %s to the definition (%s)', (imports, expression, target) => {
    const decl = parseProject(
      createInMemoryProject({
        'm.ts': MERGERS,
        'index.ts': "export { sum } from './m.js';\n",
        'w.ts': workerUsing(imports, expression),
      }),
      ROOT,
    );
    expect(decl.workers[0]?.options).toEqual([
      {
        path: 'inputMerger',
        value: {
          inputMerger: target,
          text: expression,
          span: span(5, 16, 5, 16 + expression.length, 'w.ts'),
        },
      },
    ]);
  });

  it.each([
    [
      "import { ArrayCreatingInputMerger } from '@workscript/api';",
      'ArrayCreatingInputMerger',
      'ArrayCreatingInputMerger',
    ],
    ["import * as api from '@workscript/api';", 'api.OverwritingInputMerger', 'OverwritingInputMerger'],
    ['', "'ArrayCreatingInputMerger'", 'ArrayCreatingInputMerger'],
    ["const M = 'OverwritingInputMerger';", 'M', 'OverwritingInputMerger'],
  ])('reads %s %s as the built-in name', (imports, expression, name) => {
    const decl = parseProject(createInMemoryProject({ 'w.ts': workerUsing(imports, expression) }), ROOT);
    expect(decl.workers[0]?.options).toEqual([
      { path: 'inputMerger', value: { value: name, span: span(5, 16, 5, 16 + expression.length, 'w.ts') } },
    ]);
  });

  it.each([
    [
      "import { Data, type InputMerger } from '@workscript/api';\nconst own: InputMerger = { name: 'Own', merge: () => Data.EMPTY };",
      'own',
    ],
    ["import { sum } from './m.js';\nconst pick = () => sum;", 'pick()'],
    [
      "import { Data, defineInputMerger } from '@workscript/api';\nfunction make() { return defineInputMerger({ name: 'Inner', merge: () => Data.EMPTY }); }\nconst made = make();",
      'made',
    ],
  ])('leaves anything else dynamic: %s', (imports, expression) => {
    const decl = parseProject(
      createInMemoryProject({ 'm.ts': MERGERS, 'w.ts': workerUsing(imports, expression) }),
      ROOT,
    );
    const line = imports.split('\n').length + 4;
    expect(decl.workers[0]?.options).toEqual([
      {
        path: 'inputMerger',
        value: { dynamic: expression, span: span(line, 16, line, 16 + expression.length, 'w.ts') },
      },
    ]);
  });
});
