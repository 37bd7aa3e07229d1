import { describe, expect, it } from 'vitest';
import { buildModel } from '../../src/model/build-model.js';
import type { InputMergerDecl, ProjectDecl, WorkerDecl } from '../../src/parse/decl.js';
import { at } from '../helpers/model-fixtures.js';

const merger = (
  name: InputMergerDecl['name'],
  overrides: Partial<InputMergerDecl> = {},
): InputMergerDecl => ({
  name,
  exportName: 'm',
  variableName: 'm',
  sourceFile: 'm.ts',
  span: at(1, 14, 'm.ts'),
  optionsText: undefined,
  optionsSpan: at(1, 30, 'm.ts'),
  ...overrides,
});

const role = { type: undefined, typeText: 'unknown', span: at(9) };

const worker = (name: string, inputMerger: WorkerDecl['options'][number]['value']): WorkerDecl => ({
  name: { value: name, span: at(2, 9) },
  exportName: name.toLowerCase(),
  variableName: name.toLowerCase(),
  sourceFile: 'w.ts',
  span: at(1, 14),
  optionsText: undefined,
  optionsSpan: at(1, 30),
  options: [{ path: 'inputMerger', value: inputMerger }],
  input: role,
  output: role,
  failureOutput: role,
  progress: role,
});

const project = (workers: WorkerDecl[], inputMergers: InputMergerDecl[]): ProjectDecl => ({
  workers,
  nativeServices: [],
  inputMergers,
  requestInputs: [],
  hostGlobalReferences: [],
  files: [],
  sources: {},
  diagnostics: [],
});

describe('buildModel: input mergers', () => {
  it('sorts mergers by name then file and resolves references in defaults to the merger names', () => {
    const ref = (sourceFile: string, variableName: string, text = variableName) => ({
      inputMerger: { sourceFile, variableName },
      text,
      span: at(4, 16),
    });
    const ir = buildModel(
      project(
        [
          worker('A', ref('m.ts', 'm')),
          worker('B', ref('b.ts', 'default', 'b')),
          worker('C', ref('gone.ts', 'gone')),
          worker('D', { value: 'ArrayCreatingInputMerger', span: at(4, 16) }),
        ],
        [
          merger({ value: 'Zeta', span: at(2, 9, 'm.ts') }),
          merger(
            { value: 'Alpha', span: at(2, 9, 'b.ts') },
            { sourceFile: 'b.ts', variableName: 'default', exportName: 'default' },
          ),
          merger(undefined, { sourceFile: 'o.ts', optionsText: 'options()' }),
        ],
      ),
    );
    expect(ir.inputMergers?.map((m) => [m.name, m.nameIsLiteral, m.sourceFile, m.nameSpan])).toEqual([
      ['Alpha', true, 'b.ts', at(2, 9, 'b.ts')],
      ['Zeta', true, 'm.ts', at(2, 9, 'm.ts')],
      ['options()', false, 'o.ts', at(1, 30, 'm.ts')],
    ]);
    expect(ir.workers.map((w) => w.defaults)).toEqual([
      [{ path: 'inputMerger', inputMerger: 'Zeta', span: at(4, 16) }],
      [{ path: 'inputMerger', inputMerger: 'Alpha', span: at(4, 16) }],
      // Not among the project's mergers (outside the project, say): the check stage reports it (WS1053).
      [{ path: 'inputMerger', dynamic: 'gone', span: at(4, 16) }],
      [{ path: 'inputMerger', value: 'ArrayCreatingInputMerger', span: at(4, 16) }],
    ]);
  });

  it('leaves inputMergers out of the IR of a project without mergers', () => {
    expect(buildModel(project([], []))).toEqual({ workers: [], nativeServices: [], requestInputs: [] });
  });
});
