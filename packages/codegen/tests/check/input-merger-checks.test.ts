import { describe, expect, it } from 'vitest';
import { checkDuplicateInputMergers } from '../../src/check/check-duplicate-input-mergers.js';
import { checkInputMergerClasses } from '../../src/check/check-input-merger-classes.js';
import { checkInputMergerExports } from '../../src/check/check-input-merger-exports.js';
import { checkInputMergerNames } from '../../src/check/check-input-merger-names.js';
import { checkOptionValues } from '../../src/check/check-option-values.js';
import { runChecks } from '../../src/check/run-checks.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { createLayout } from '../../src/layout/create-layout.js';
import type { InputMergerModel, ProjectModel, WorkerModel } from '../../src/model/project-model.js';
import { at, inputMergerModel, opt, workerModel } from '../helpers/model-fixtures.js';

const ir = (workers: WorkerModel[], inputMergers: InputMergerModel[]): ProjectModel => ({
  workers,
  nativeServices: [],
  requestInputs: [],
  inputMergers,
});
/** What tests assert (style.md R28): messageId + data + span; rendered text is covered by the goldens. */
const summary = (ds: Diagnostic[]) =>
  ds.map((d) => ({ code: d.code, messageId: d.messageId, data: d.data, span: d.span }));

describe('input merger checks', () => {
  it('checkInputMergerNames: not a literal, invalid, a built-in; a valid name passes', () => {
    const ds = checkInputMergerNames(
      ir(
        [],
        [
          inputMergerModel({ name: 'prefix + x', nameIsLiteral: false, variableName: 'dyn' }),
          inputMergerModel({ name: '', nameIsLiteral: false }),
          inputMergerModel({ name: 'sum-counts' }),
          inputMergerModel({ name: 'OverwritingInputMerger' }),
          inputMergerModel({ name: 'SumCounts' }),
        ],
      ),
    );
    const nameAt = at(2, 9, 'm.ts');
    expect(summary(ds)).toEqual([
      {
        code: 'WS1047',
        messageId: 'input-merger-name-not-literal',
        data: { text: 'prefix + x' },
        span: nameAt,
      },
      {
        code: 'WS1047',
        messageId: 'input-merger-name-not-literal',
        data: { text: '(missing)' },
        span: nameAt,
      },
      {
        code: 'WS1048',
        messageId: 'input-merger-name-invalid',
        data: { name: 'sum-counts', suggestion: 'SumCounts' },
        span: nameAt,
      },
      {
        code: 'WS1049',
        messageId: 'input-merger-name-built-in',
        data: { name: 'OverwritingInputMerger', suggestion: 'CustomOverwritingInputMerger' },
        span: nameAt,
      },
    ]);
    expect(ds[0]?.related).toEqual([{ message: "in input merger 'dyn'", span: at(1, 14, 'm.ts') }]);
  });

  it('checkDuplicateInputMergers: every copy, pointing at the others; names that are not literals are skipped', () => {
    const a = inputMergerModel({ name: 'Twice', variableName: 'a', span: at(1, 14, 'a.ts') });
    const b = inputMergerModel({ name: 'Twice', variableName: 'b', span: at(1, 14, 'b.ts') });
    const dynamic = inputMergerModel({ name: 'x', nameIsLiteral: false });
    const ds = checkDuplicateInputMergers(ir([], [a, b, dynamic, { ...dynamic }, inputMergerModel()]));
    expect(summary(ds)).toEqual(
      [a, b].map(() => ({
        code: 'WS1050',
        messageId: 'duplicate-input-merger-name',
        data: { name: 'Twice', count: 2, suggestion: 'Twice2' },
        span: at(2, 9, 'm.ts'),
      })),
    );
    expect(ds.map((d) => d.related)).toEqual([
      [
        { message: "in input merger 'Twice'", span: at(1, 14, 'a.ts') },
        { message: "also defined as 'b'", span: at(1, 14, 'b.ts') },
      ],
      [
        { message: "in input merger 'Twice'", span: at(1, 14, 'b.ts') },
        { message: "also defined as 'a'", span: at(1, 14, 'a.ts') },
      ],
    ]);
  });

  it('checkInputMergerExports: an unexported merger, at its binding', () => {
    expect(
      summary(
        checkInputMergerExports(ir([], [inputMergerModel({ exportName: undefined }), inputMergerModel()])),
      ),
    ).toEqual([
      {
        code: 'WS1052',
        messageId: 'input-merger-not-exported',
        data: { name: 'M', variable: 'm' },
        span: at(1, 14, 'm.ts'),
      },
    ]);
  });

  it('checkInputMergerClasses: a name the layout gave a worker class, an import or a shared file; duplicates are WS1050', () => {
    const project = ir(
      [workerModel({ name: 'Sync' })],
      [
        inputMergerModel({ name: 'Data' }),
        inputMergerModel({ name: 'SyncRequests' }),
        inputMergerModel({ name: 'SumCounts' }),
        inputMergerModel({ name: 'SumCounts', sourceFile: 'n.ts' }),
        inputMergerModel({ name: 'WorkscriptWorkerFactory' }),
      ],
    );
    const ds = checkInputMergerClasses(project, createLayout(project, { kotlinPackage: 'a.b' }));
    const clash = (name: string, owner: string, suggestion: string) => ({
      code: 'WS1051',
      messageId: 'input-merger-class-clash',
      data: { name, owner, suggestion },
      span: at(2, 9, 'm.ts'),
    });
    expect(summary(ds)).toEqual([
      clash('Data', 'androidx.work.Data, which the generated code imports', 'DataInputMerger'),
      clash('SyncRequests', "the classes of worker 'Sync'", 'SyncRequestsInputMerger'),
      clash(
        'WorkscriptWorkerFactory',
        'the shared generated WorkscriptWorkerFactory',
        'WorkscriptWorkerFactoryInputMerger',
      ),
    ]);
  });

  it('checkOptionValues: a resolved merger passes; a string naming a custom merger and an unresolved one do not', () => {
    const resolved = workerModel({
      name: 'A',
      defaults: [{ path: 'inputMerger', inputMerger: 'SumCounts', span: at(5) }],
    });
    const byString = workerModel({ name: 'B', defaults: [opt('inputMerger', 'SumCounts')] });
    const unresolved = workerModel({
      name: 'C',
      defaults: [{ path: 'inputMerger', dynamic: 'pick()', span: at(6) }],
    });
    const builtIn = workerModel({ name: 'D', defaults: [opt('inputMerger', 'ArrayCreatingInputMerger')] });
    const mergers = [inputMergerModel({ name: 'SumCounts', variableName: 'sumCounts' })];
    expect(summary(checkOptionValues(ir([resolved, byString, unresolved, builtIn], mergers)))).toEqual([
      {
        code: 'WS1024',
        messageId: 'invalid-option-value',
        data: {
          option: 'inputMerger',
          value: '"SumCounts"',
          expected:
            "'OverwritingInputMerger', 'ArrayCreatingInputMerger', or a defineInputMerger definition itself (a custom merger is named by its definition, never by a string)",
        },
        span: at(5),
      },
      {
        code: 'WS1053',
        messageId: 'input-merger-not-resolved',
        data: { text: 'pick()', known: 'this project defines sumCounts in m.ts' },
        span: at(6),
      },
    ]);
    expect(checkOptionValues(ir([unresolved], []))[0]?.data['known']).toBe('this project defines none');
  });

  it('runChecks: a project without mergers gets none of these diagnostics', () => {
    expect(runChecks({ workers: [workerModel()], nativeServices: [], requestInputs: [] })).toEqual([]);
  });
});
