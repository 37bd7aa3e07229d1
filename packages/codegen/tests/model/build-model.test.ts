import { describe, expect, it } from 'vitest';
import { buildModel } from '../../src/model/build-model.js';
import { toDataShape } from '../../src/model/to-data-shape.js';
import { parseProject } from '../../src/parse/parse-project.js';
import { createInMemoryProject, ROOT } from '../helpers/in-memory-project.js';

describe('buildModel', () => {
  it('sorts workers by name, flattens defaults and resolves request inputs to worker names', () => {
    const project = createInMemoryProject({
      'a.ts': [
        "import { createPeriodicWorkRequest, defineWorker } from '@workscript/api';",
        "export const zeta = defineWorker({ name: 'Zeta', tags: ['t'], run: (_i: { a: string }, ctx) => ctx.retry() });",
        "export const alpha = defineWorker({ name: 'Alpha', backoff: { delayMs: 10_000 }, run: (_i: { b: string }, ctx) => ctx.retry() });",
        "export const r = createPeriodicWorkRequest(zeta, { input: { a: 'x' } });",
      ].join('\n'),
    });
    const ir = buildModel(parseProject(project, ROOT));
    expect(
      ir.workers.map((w) => [
        w.name,
        w.nameIsLiteral,
        w.defaults.map((d) => [d.path, 'value' in d ? d.value : 'dynamic' in d ? d.dynamic : d.inputMerger]),
      ]),
    ).toEqual([
      ['Alpha', true, [['backoff.delayMs', 10000]]],
      ['Zeta', true, [['tags', ['t']]]],
    ]);
    expect(ir.requestInputs.map((r) => [r.callee, r.workerName, r.value])).toEqual([
      ['createPeriodicWorkRequest', 'Zeta', { a: 'x' }],
    ]);
    expect(JSON.parse(JSON.stringify(ir))).toEqual(ir);
  });

  it('derives the api DataShape from the model, dropping spans and type names', () => {
    const project = createInMemoryProject({
      'w.ts': [
        "import { defineWorker, type Int } from '@workscript/api';",
        "interface P { x: Int; tags?: ('a' | 'b')[] }",
        "export const w = defineWorker({ name: 'W', run: (_i: { p: P; ps: P[] }, ctx) => ctx.retry() });",
      ].join('\n'),
    });
    const input = buildModel(parseProject(project, ROOT)).workers[0]?.input.type;
    if (input?.kind !== 'object') throw new Error('expected an object input');
    const p = {
      kind: 'object',
      shape: {
        fields: [
          { name: 'x', type: { kind: 'int' } },
          {
            name: 'tags',
            type: { kind: 'array', element: { kind: 'enum', values: ['a', 'b'] } },
            optional: true,
          },
        ],
      },
    };
    expect(toDataShape(input.shape)).toEqual({
      fields: [
        { name: 'p', type: p },
        { name: 'ps', type: { kind: 'array', element: p } },
      ],
    });
  });
});
