import type { SourceSpan } from '../diagnostics/source-span.js';
import type { JsonValue, UnsupportedReason } from '../parse/decl.js';

/**
 * The IR (style.md R49). Plain, readonly, JSON-serialisable data: no ts-morph objects, arrays rather than
 * sets or maps, so it is snapshotted as `expected/ir.json` and checked without TypeScript.
 *
 * What it adds over the source: worker request defaults flattened to dotted paths with their literal value
 * (or the expression text when not static), and each worker type as a DataShape annotated with spans and
 * TypeScript type names (which the layout uses for Kotlin class names).
 *
 * Ordering: workers and input mergers are sorted by name, then source file; fields keep declaration order (it is the order
 * nested JSON is written in); options are sorted by path. Names here are TypeScript names: Kotlin naming
 * and escaping are the layout's job.
 */
export interface ProjectModel {
  /** Workers, sorted by name then file. */
  readonly workers: readonly WorkerModel[];
  /** Native services declared with `nativeService<T>('Name')`, sorted by name then file. */
  readonly nativeServices: readonly NativeServiceModel[];
  /** Literal inputs of `createOneTimeWorkRequest`/`createPeriodicWorkRequest` calls, by position. */
  readonly requestInputs: readonly RequestInputModel[];
  /**
   * Reads of globals that QuickJS lacks in the bundle's files, by file and position; absent when there are
   * none (most projects), so their IR stays as it was.
   */
  readonly hostGlobalReferences?: readonly HostGlobalReferenceModel[];
  /**
   * Custom input mergers (`defineInputMerger`), sorted by name then file; absent when there are none, so the
   * IR of projects without mergers stays as it was.
   */
  readonly inputMergers?: readonly InputMergerModel[];
}

/** What every definition (`defineWorker`, `defineInputMerger`) has in the model: its name and where it is bound. */
export interface DefinitionModel {
  /** The name (the expression text, or the options' text, when `nameIsLiteral` is false). */
  readonly name: string;
  /** True when `name` is a string literal (or a `const` of one). */
  readonly nameIsLiteral: boolean;
  /** Span of the name (or of the options when there is none). */
  readonly nameSpan: SourceSpan;
  /** Exported binding, `default`, or `undefined` when not exported. */
  readonly exportName: string | undefined;
  /** The variable the definition is bound to (`default` for `export default`). */
  readonly variableName: string;
  /** Defining file, relative to the project root. */
  readonly sourceFile: string;
  /** The bound name of the definition (what "in worker" / "in input merger" locations point at). */
  readonly span: SourceSpan;
  /** Text of the options argument when it is not an object literal. */
  readonly optionsText: string | undefined;
}

/**
 * A custom input merger: a Kotlin `InputMerger` subclass named after it that runs its `merge` in the bundle
 * (`Workscript.merge(name, inputs)`), and the name Node stores as the work's merger.
 */
export type InputMergerModel = DefinitionModel;

/**
 * A native service: an interface extending `NativeService`, implemented by the app in Kotlin and called
 * through `native.<name>.<method>`. One entry per service interface; several `nativeService<T>(...)` calls
 * naming the same interface with the same name are one service (the first call is kept).
 */
export interface NativeServiceModel {
  /** The service name (the expression text when `nameIsLiteral` is false): the bridge's `<Service>`. */
  readonly name: string;
  /** True when the name is a string literal (or a `const` of one). */
  readonly nameIsLiteral: boolean;
  /** Span of the name argument (or of the call when there is none). */
  readonly nameSpan: SourceSpan;
  /** The TypeScript interface's name, or `undefined` when `T` is not an interface. */
  readonly interfaceName: string | undefined;
  /** Display text of `T`. */
  readonly typeText: string;
  /** True when `T` is an interface extending `NativeService`. */
  readonly extendsNativeService: boolean;
  /** File of the `nativeService(...)` call, relative to the project root. */
  readonly sourceFile: string;
  /** The `nativeService(...)` call (what "in native service" locations point at). */
  readonly span: SourceSpan;
  /** The interface's name in its declaration, when `T` is an interface. */
  readonly interfaceSpan: SourceSpan | undefined;
  /** Methods in declaration order. */
  readonly methods: readonly NativeMethodModel[];
}

/** One method of a native service. */
export interface NativeMethodModel {
  /** TypeScript name: the bridge's `<method>`. */
  readonly name: string;
  /** Positional parameters. */
  readonly params: readonly NativeParamModel[];
  /** The type the Promise resolves to; `'void'` for `Promise<void>`. */
  readonly returns: TypeModel | 'void';
  /** False when the member is not a function returning a Promise (reported by the check stage). */
  readonly returnsPromise: boolean;
  /** The member's type as TypeScript prints it. */
  readonly typeText: string;
  /** The member's JSDoc description (for the KDoc); absent when it has none. */
  readonly doc?: string;
  /** The member's declaration. */
  readonly span: SourceSpan;
}

/** One positional parameter of a native method. */
export interface NativeParamModel {
  /** TypeScript name (`arg<i>` for a destructuring pattern). */
  readonly name: string;
  /** Type. */
  readonly type: TypeModel;
  /** `p?: T` or `p = default` (not supported in v1). */
  readonly optional: boolean;
  /** `...p: T[]` (not supported in v1). */
  readonly rest: boolean;
  /** The parameter's declaration. */
  readonly span: SourceSpan;
}

/** A field type: a `FieldShape` of `@workscript/api` plus type names, or an unsupported type. */
export type TypeModel =
  | { readonly kind: 'boolean' | 'int' | 'long' | 'double' | 'string' }
  | { readonly kind: 'enum'; readonly values: readonly string[]; readonly typeName?: string }
  | { readonly kind: 'array'; readonly element: TypeModel }
  | { readonly kind: 'object'; readonly shape: ShapeModel; readonly typeName?: string }
  | { readonly kind: 'unsupported'; readonly reason: UnsupportedReason; readonly typeText: string };

/** A `FieldDecl` of `@workscript/api` plus its span. */
export interface FieldModel {
  /** Property name; the Data key. */
  readonly name: string;
  /** `name?: T`. */
  readonly optional: boolean;
  /** Type. */
  readonly type: TypeModel;
  /** Declaration of the property. */
  readonly span: SourceSpan;
}

/** A `DataShape` of `@workscript/api` with spans. */
export interface ShapeModel {
  /** Fields in declaration order. */
  readonly fields: readonly FieldModel[];
}

/** The input, output, failure output or progress type of a worker. */
export interface RoleModel {
  /** The type; `undefined` when the worker declares none (progress only). */
  readonly type: TypeModel | undefined;
  /** Display text of the TypeScript type. */
  readonly typeText: string;
  /** Where the type comes from. */
  readonly span: SourceSpan;
}

/**
 * One request default of the definition, e.g. `{ path: 'backoff.delayMs', value: 30000 }`: a literal, an
 * expression that is not one (`dynamic`), or, for `inputMerger` only, a `defineInputMerger` definition of the
 * project resolved to its name (`{ path: 'inputMerger', inputMerger: 'SumCounts' }`).
 */
export type OptionModel =
  | { readonly path: string; readonly value: JsonValue; readonly span: SourceSpan }
  | { readonly path: string; readonly dynamic: string; readonly span: SourceSpan }
  | { readonly path: string; readonly inputMerger: string; readonly span: SourceSpan };

/** One worker definition. */
export interface WorkerModel extends DefinitionModel {
  /** Span of the options argument. */
  readonly optionsSpan: SourceSpan;
  /** Request defaults, sorted by path. */
  readonly defaults: readonly OptionModel[];
  /** Input type. */
  readonly input: RoleModel;
  /** Success output type. */
  readonly output: RoleModel;
  /** Failure output type. */
  readonly failureOutput: RoleModel;
  /** Progress type. */
  readonly progress: RoleModel;
}

/** Worker code reading a global that Node has and QuickJS does not (see `check-host-globals.ts`). */
export interface HostGlobalReferenceModel {
  /** The global's name, e.g. `Intl`. */
  readonly name: string;
  /** The identifier. */
  readonly span: SourceSpan;
}

/** A literal request input. */
export interface RequestInputModel {
  /** `createOneTimeWorkRequest` or `createPeriodicWorkRequest`. */
  readonly callee: string;
  /** Name of the worker when the call's first argument resolves to a definition. */
  readonly workerName: string | undefined;
  /** The literal value. */
  readonly value: JsonValue;
  /** The `input` property. */
  readonly span: SourceSpan;
}

/** The role names, in the order they are reported and emitted. */
export const ROLES = ['input', 'output', 'failureOutput', 'progress'] as const;
/** One of {@link ROLES}. */
export type Role = (typeof ROLES)[number];

/**
 * The name of the worker's input merger when its default is a custom one (a `defineInputMerger` definition),
 * else `undefined`.
 */
export function customInputMerger(worker: WorkerModel): string | undefined {
  const option = findDefault(worker, 'inputMerger');
  return option !== undefined && 'inputMerger' in option ? option.inputMerger : undefined;
}

/** The literal value of a default, or `undefined` when it is absent or not static. */
export function defaultValue(worker: WorkerModel, path: string): JsonValue | undefined {
  const option = worker.defaults.find((o) => o.path === path);
  return option !== undefined && 'value' in option ? option.value : undefined;
}

/** The option at `path`, if the definition sets it. */
export function findDefault(worker: WorkerModel, path: string): OptionModel | undefined {
  return worker.defaults.find((o) => o.path === path);
}
