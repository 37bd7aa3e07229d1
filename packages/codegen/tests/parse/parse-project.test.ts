import { describe, expect, it } from 'vitest';
import { parseProject } from '../../src/parse/parse-project.js';
import { createInMemoryProject, ROOT } from '../helpers/in-memory-project.js';

const span = (line: number, column: number, endLine: number, endColumn: number, file = 'w.ts') => ({
  file,
  line,
  column,
  endLine,
  endColumn,
});

describe('parseProject', () => {
  it('reads a worker: name, flattened options, and the four types with spans', () => {
    const project = createInMemoryProject({
      'w.ts': [
        "import { defineWorker, type Int } from '@workscript/api';",
        "type Kind = 'b' | 'a';",
        'export const w = defineWorker({',
        "  name: 'W',",
        '  constraints: { requiresCharging: true },',
        '  periodic: { intervalMs: 15 * 60_000 },',
        '  run(input: { n: Int; kind?: Kind }, ctx) {',
        '    return ctx.success({ ok: true });',
        '  },',
        '});',
        '',
      ].join('\n'),
    });
    const decl = parseProject(project, ROOT);
    expect(decl.files).toEqual(['w.ts']);
    expect(decl.requestInputs).toEqual([]);
    expect(decl.diagnostics).toEqual([]);
    expect(decl.workers).toEqual([
      {
        name: { value: 'W', span: span(4, 9, 4, 12) },
        exportName: 'w',
        variableName: 'w',
        sourceFile: 'w.ts',
        span: span(3, 14, 3, 15),
        optionsText: undefined,
        optionsSpan: span(3, 31, 10, 2),
        options: [
          { path: 'constraints.requiresCharging', value: { value: true, span: span(5, 36, 5, 40) } },
          { path: 'periodic.intervalMs', value: { value: 900000, span: span(6, 27, 6, 38) } },
        ],
        input: {
          type: {
            kind: 'object',
            shape: {
              properties: [
                { name: 'n', optional: false, type: { kind: 'int' }, span: span(7, 16, 7, 23) },
                {
                  name: 'kind',
                  optional: true,
                  type: { kind: 'enum', values: ['b', 'a'], typeName: 'Kind' },
                  span: span(7, 24, 7, 35),
                },
              ],
            },
          },
          typeText: '{ n: Int; kind?: Kind; }',
          span: span(7, 7, 7, 37),
        },
        output: {
          type: {
            kind: 'object',
            shape: {
              properties: [
                { name: 'ok', optional: false, type: { kind: 'boolean' }, span: span(8, 26, 8, 34) },
              ],
            },
          },
          typeText: '{ ok: boolean; }',
          span: span(7, 3, 9, 4),
        },
        failureOutput: {
          type: { kind: 'object', shape: { properties: [] } },
          typeText: 'EmptyOutput',
          span: span(7, 3, 9, 4),
        },
        progress: { type: undefined, typeText: 'Readonly<Record<string, unknown>>', span: span(7, 3, 9, 4) },
      },
    ]);
  });

  it('marks unsupported types instead of failing, so every problem is reported', () => {
    const project = createInMemoryProject({
      'w.ts': [
        "import { defineWorker } from '@workscript/api';",
        'export const w = defineWorker({',
        "  name: 'W',",
        '  run(input: { a: Date; b: Map<string, string>; c: () => void; d: bigint; e: string | number; f: [string, string] }, ctx) {',
        '    return ctx.retry();',
        '  },',
        '});',
      ].join('\n'),
    });
    const [worker] = parseProject(project, ROOT).workers;
    const input = worker?.input.type;
    expect(
      input?.kind === 'object' ? input.shape.properties.map((p) => [p.name, p.type]) : undefined,
    ).toEqual([
      ['a', { kind: 'unsupported', reason: 'date', typeText: 'Date' }],
      ['b', { kind: 'unsupported', reason: 'collection', typeText: 'Map<string, string>' }],
      ['c', { kind: 'unsupported', reason: 'function', typeText: '() => void' }],
      ['d', { kind: 'unsupported', reason: 'bigint', typeText: 'bigint' }],
      ['e', { kind: 'unsupported', reason: 'union', typeText: 'string | number' }],
      ['f', { kind: 'unsupported', reason: 'tuple', typeText: '[string, string]' }],
    ]);
  });

  it('finds default exports, non-exported workers and literal request inputs; ignores other calls', () => {
    const project = createInMemoryProject({
      'a.ts': [
        "import { createOneTimeWorkRequest, defineWorker } from '@workscript/api';",
        "const hidden = defineWorker({ name: 'Hidden', run: (_i: { x: string }, ctx) => ctx.retry() });",
        "export const req = createOneTimeWorkRequest(hidden, { input: { x: 'y' } });",
        'function defineWorkerLookalike(o: object) { return o; }',
        "export const notAWorker = defineWorkerLookalike({ name: 'No' });",
      ].join('\n'),
      'b.ts':
        "import { defineWorker } from '@workscript/api';\nexport default defineWorker({ name: 'B', run: (_i: { y: string }, ctx) => ctx.retry() });\n",
    });
    const decl = parseProject(project, ROOT);
    expect(decl.workers.map((w) => [w.sourceFile, w.variableName, w.exportName])).toEqual([
      ['a.ts', 'hidden', undefined],
      ['b.ts', 'default', 'default'],
    ]);
    expect(decl.requestInputs).toEqual([
      {
        callee: 'createOneTimeWorkRequest',
        worker: { sourceFile: 'a.ts', variableName: 'hidden' },
        value: { x: 'y' },
        span: span(3, 55, 3, 72, 'a.ts'),
      },
    ]);
  });

  it('finds defineWorker however it is imported: aliased, through a namespace or re-exported', () => {
    const run = 'run: (_i: { x: string }, ctx) => ctx.retry()';
    const project = createInMemoryProject({
      'api.ts': "export { defineWorker, defineWorker as makeWorker } from '@workscript/api';\n",
      'fake.ts': 'export function defineWorker(o: object) { return o; }\n',
      'a.ts': `import { defineWorker as dw } from '@workscript/api';\nexport const a = dw({ name: 'A', ${run} });\n`,
      'b.ts': `import * as api from '@workscript/api';\nexport const b = api.defineWorker({ name: 'B', ${run} });\n`,
      'c.ts': `import { defineWorker } from './api.js';\nexport const c = defineWorker({ name: 'C', ${run} });\n`,
      'd.ts': `import { makeWorker } from './api.js';\nexport const d = makeWorker({ name: 'D', ${run} });\n`,
      'e.ts': `import * as local from './api.js';\nexport const e = local.makeWorker({ name: 'E', ${run} });\n`,
      'f.ts': `import { defineWorker } from './fake.js';\nexport const f = defineWorker({ name: 'F', ${run} });\n`,
    });
    expect(parseProject(project, ROOT).workers.map((w) => [w.sourceFile, w.exportName])).toEqual([
      ['a.ts', 'a'],
      ['b.ts', 'b'],
      ['c.ts', 'c'],
      ['d.ts', 'd'],
      ['e.ts', 'e'],
    ]);
  });

  it('reports an unresolvable @workscript/api, and warns when there are no workers', () => {
    const missingApi = createInMemoryProject(
      { 'w.ts': "import { defineWorker } from '@workscript/api';\nexport const w = defineWorker;\n" },
      { withApi: false },
    );
    expect(parseProject(missingApi, ROOT).diagnostics.map((d) => [d.code, d.messageId, d.span])).toEqual([
      ['WS1029', 'api-not-resolved', span(1, 30, 1, 47)],
    ]);
    const none = createInMemoryProject({ 'a.ts': 'export const a = 1;\n', 'b.ts': 'export const b = 2;\n' });
    expect(parseProject(none, ROOT).diagnostics.map((d) => [d.messageId, d.severity, d.data])).toEqual([
      ['no-workers', 'warning', { count: 2 }],
    ]);
  });

  it('reports syntax errors with their position (the pipeline stops after parse on them)', () => {
    const project = createInMemoryProject({
      'w.ts':
        "import { defineWorker } from '@workscript/api';\nexport const w = defineWorker({ name: 'W', run: (i: { a: string }, ctx) => ctx.success({ a: i.a ) });\n",
    });
    expect(parseProject(project, ROOT).diagnostics.map((d) => [d.code, d.message, d.span])).toEqual([
      [
        'WS1028',
        "TypeScript cannot parse this file: ',' expected. Fix the syntax error; the codegen reads worker types through the TypeScript compiler.",
        span(2, 97, 2, 98),
      ],
    ]);
  });

  it('keeps a non-literal name as its expression text', () => {
    const project = createInMemoryProject({
      'w.ts':
        "import { defineWorker } from '@workscript/api';\ndeclare const n: string;\nexport const w = defineWorker({ name: n, run: (_i: { a: string }, ctx) => ctx.retry() });\n",
    });
    expect(parseProject(project, ROOT).workers[0]?.name).toEqual({ dynamic: 'n', span: span(3, 39, 3, 40) });
  });
});
