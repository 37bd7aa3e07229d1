import type { SourceSpan } from '../../src/diagnostics/source-span.js';
import type { JsonValue } from '../../src/parse/decl.js';
import type {
  InputMergerModel,
  NativeMethodModel,
  NativeServiceModel,
  OptionModel,
  TypeModel,
  WorkerModel,
} from '../../src/model/project-model.js';

/** A span on one line of `w.ts`. */
export const at = (line: number, column = 1, file = 'w.ts'): SourceSpan => ({
  file,
  line,
  column,
  endLine: line,
  endColumn: column + 1,
});

/** A literal option at `line`. */
export const opt = (path: string, value: JsonValue, line = 5): OptionModel => ({
  path,
  value,
  span: at(line),
});

/** An object type with the given fields (all required, spans on consecutive lines from 20). */
export const obj = (fields: Record<string, TypeModel>, typeName?: string): TypeModel => ({
  kind: 'object',
  shape: {
    fields: Object.entries(fields).map(([name, type], i) => ({
      name,
      optional: false,
      type,
      span: at(20 + i),
    })),
  },
  ...(typeName === undefined ? {} : { typeName }),
});

const EMPTY: TypeModel = { kind: 'object', shape: { fields: [] } };

/** A checked-looking worker model; override any field. */
export function workerModel(overrides: Partial<WorkerModel> = {}): WorkerModel {
  return {
    name: 'W',
    nameIsLiteral: true,
    nameSpan: at(2, 9),
    exportName: 'w',
    variableName: 'w',
    sourceFile: 'w.ts',
    span: at(1, 14),
    optionsText: undefined,
    optionsSpan: at(1, 30),
    defaults: [],
    input: { type: EMPTY, typeText: 'EmptyOutput', span: at(10) },
    output: { type: EMPTY, typeText: 'EmptyOutput', span: at(10) },
    failureOutput: { type: EMPTY, typeText: 'EmptyOutput', span: at(10) },
    progress: { type: undefined, typeText: 'Readonly<Record<string, unknown>>', span: at(10) },
    ...overrides,
  };
}

/** A checked-looking native service `Camera` with one method `takePhoto(options: { quality: Int }): Promise<void>`. */
export function nativeServiceModel(overrides: Partial<NativeServiceModel> = {}): NativeServiceModel {
  return {
    name: 'Camera',
    nameIsLiteral: true,
    nameSpan: at(8, 45),
    interfaceName: 'Camera',
    typeText: 'Camera',
    extendsNativeService: true,
    sourceFile: 'w.ts',
    span: at(8, 23),
    interfaceSpan: at(3, 18),
    methods: [nativeMethodModel()],
    ...overrides,
  };
}

/** A native method; override any field. */
export function nativeMethodModel(overrides: Partial<NativeMethodModel> = {}): NativeMethodModel {
  return {
    name: 'takePhoto',
    params: [
      {
        name: 'options',
        type: obj({ quality: { kind: 'int' } }),
        optional: false,
        rest: false,
        span: at(4, 13),
      },
    ],
    returns: 'void',
    returnsPromise: true,
    typeText: '(options: { quality: Int; }) => Promise<void>',
    span: at(4, 3),
    ...overrides,
  };
}

/** A checked-looking input merger model named `M`, defined in `m.ts`; override any field. */
export function inputMergerModel(overrides: Partial<InputMergerModel> = {}): InputMergerModel {
  return {
    name: 'M',
    nameIsLiteral: true,
    nameSpan: at(2, 9, 'm.ts'),
    exportName: 'm',
    variableName: 'm',
    sourceFile: 'm.ts',
    span: at(1, 14, 'm.ts'),
    optionsText: undefined,
    ...overrides,
  };
}
