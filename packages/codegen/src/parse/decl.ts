import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { SourceSpan } from '../diagnostics/source-span.js';

/**
 * Declarations as read from the TypeScript source: plain data with spans, no ts-morph objects (style.md
 * R8, R21). The model stage turns them into the IR.
 */

/** A JSON value, as literals in the source evaluate to. */
export type JsonValue =
  null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** Why a type cannot be stored in Data; selects the diagnostic. */
export type UnsupportedReason =
  | 'date'
  | 'collection'
  | 'function'
  | 'any'
  | 'bigint'
  | 'class'
  | 'union'
  | 'null'
  | 'tuple'
  | 'record'
  | 'literal'
  | 'recursive'
  | 'other';

/** A property type as read through the type checker. */
export type TypeDecl =
  | { readonly kind: 'boolean' | 'int' | 'long' | 'double' | 'string' }
  | { readonly kind: 'enum'; readonly values: readonly string[]; readonly typeName?: string }
  | { readonly kind: 'array'; readonly element: TypeDecl }
  | { readonly kind: 'object'; readonly shape: ShapeDecl; readonly typeName?: string }
  | { readonly kind: 'unsupported'; readonly reason: UnsupportedReason; readonly typeText: string };

/** One property of an object type. */
export interface PropertyDecl {
  /** Property name; also the Data key. */
  readonly name: string;
  /** True for `name?: T` or `name: T | undefined`. */
  readonly optional: boolean;
  /** The property's type. */
  readonly type: TypeDecl;
  /** The property's declaration. */
  readonly span: SourceSpan;
}

/** An object type's properties in declaration order. */
export interface ShapeDecl {
  /** Properties in declaration order. */
  readonly properties: readonly PropertyDecl[];
}

/** One of the four types of a worker (input, output, failure output, progress). */
export interface RoleTypeDecl {
  /** The type; `undefined` means "not declared" (untyped progress). */
  readonly type: TypeDecl | undefined;
  /** The type's display text, for messages. */
  readonly typeText: string;
  /** Where the type comes from (the `run` parameter or the `run` member). */
  readonly span: SourceSpan;
}

/** A value in the source that is a literal (evaluated) or not statically known. */
export type StaticValueDecl =
  | { readonly value: JsonValue; readonly span: SourceSpan }
  | { readonly dynamic: string; readonly span: SourceSpan };

/**
 * An `inputMerger` option that refers to a `defineInputMerger` definition (a top-level binding of a project
 * file, in this file or imported); the model stage resolves it to the merger's name.
 */
export interface InputMergerRefDecl {
  /** The definition referred to: its file (relative to the project root) and variable (`default`). */
  readonly inputMerger: { readonly sourceFile: string; readonly variableName: string };
  /** The expression as written, for messages. */
  readonly text: string;
  /** The expression. */
  readonly span: SourceSpan;
}

/** One option of `defineWorker({...})`, flattened to a dotted path (`constraints.requiresCharging`). */
export interface OptionDecl {
  /** Dotted path, e.g. `periodic.intervalMs`. */
  readonly path: string;
  /** The value; a reference to an input merger only for `inputMerger`. */
  readonly value: StaticValueDecl | InputMergerRefDecl;
}

/** What every top-level define call (`defineWorker`, `defineInputMerger`) has: its name and where it is bound. */
export interface DefinitionDecl {
  /** `name` option; a non-literal name is reported by the check stage. */
  readonly name: StaticValueDecl | undefined;
  /** The exported binding (`default` for `export default`), or `undefined` when not exported. */
  readonly exportName: string | undefined;
  /** The variable name (`default` for `export default define…(...)`), for messages. */
  readonly variableName: string;
  /** File that defines it, relative to the project root. */
  readonly sourceFile: string;
  /** The bound name (`x` of `export const x = ...`; the callee of `export default define…(...)`). */
  readonly span: SourceSpan;
  /** The options argument's text when it is not an object literal. */
  readonly optionsText: string | undefined;
  /** Span of the options argument. */
  readonly optionsSpan: SourceSpan;
}

/** One `defineWorker(...)` call found in an exported (or not) top-level declaration. */
export interface WorkerDecl extends DefinitionDecl {
  /** Request options, flattened and sorted by path. */
  readonly options: readonly OptionDecl[];
  /** Input type (`run`'s first parameter). */
  readonly input: RoleTypeDecl;
  /** Success output type. */
  readonly output: RoleTypeDecl;
  /** Failure output type. */
  readonly failureOutput: RoleTypeDecl;
  /** Progress type. */
  readonly progress: RoleTypeDecl;
}

/** One `defineInputMerger(...)` call bound at the top level of a project file (only its name is read). */
export type InputMergerDecl = DefinitionDecl;

/** A literal `input` passed to `createOneTimeWorkRequest`/`createPeriodicWorkRequest`. */
export interface RequestInputDecl {
  /** The function called. */
  readonly callee: string;
  /** The worker the request is for, when it resolves to a definition: its file and export. */
  readonly worker: { readonly sourceFile: string; readonly variableName: string } | undefined;
  /** The literal input. */
  readonly value: JsonValue;
  /** Span of the `input` property. */
  readonly span: SourceSpan;
}

/** Worker code reading a global that Node has and the QuickJS guest lacks (e.g. `Intl`, `process`). */
export interface HostGlobalReferenceDecl {
  /** The global's name. */
  readonly name: string;
  /** File of the reference, relative to the project root. */
  readonly sourceFile: string;
  /** The identifier. */
  readonly span: SourceSpan;
}

/** One positional parameter of a native service method. */
export interface NativeParamDecl {
  /** Parameter name (`arg<i>` for a destructuring pattern). */
  readonly name: string;
  /** The parameter's type. */
  readonly type: TypeDecl;
  /** `p?: T` or `p = value`: not supported in v1 (reported by the check stage). */
  readonly optional: boolean;
  /** `...p: T[]`: not supported in v1. */
  readonly rest: boolean;
  /** The parameter's declaration. */
  readonly span: SourceSpan;
}

/** One method (or property of function type) of a native service interface. */
export interface NativeMethodDecl {
  /** The member name: the `<method>` of `native.<Service>.<method>`. */
  readonly name: string;
  /** Positional parameters, in order. */
  readonly params: readonly NativeParamDecl[];
  /** `Promise<T>`'s `T` (`'void'` for `Promise<void>`), or the whole type when it is not a Promise. */
  readonly returns: TypeDecl | 'void';
  /** True when the member is a function returning a `Promise`. */
  readonly returnsPromise: boolean;
  /** The member's type as written, for messages. */
  readonly typeText: string;
  /** The member's JSDoc description, carried into the Kotlin KDoc; absent when it has none. */
  readonly doc?: string;
  /** The member's declaration. */
  readonly span: SourceSpan;
}

/** One `nativeService<T>('Name')` call. */
export interface NativeServiceDecl {
  /** The name argument; a non-literal name is reported by the check stage. */
  readonly name: StaticValueDecl | undefined;
  /** Name of `T` when it is an interface, else `undefined`. */
  readonly interfaceName: string | undefined;
  /** Display text of `T`. */
  readonly typeText: string;
  /** True when `T` is an interface that extends `NativeService` (directly or through other interfaces). */
  readonly extendsNativeService: boolean;
  /** File of the call, relative to the project root. */
  readonly sourceFile: string;
  /** The call. */
  readonly span: SourceSpan;
  /** The interface's name in its declaration, when `T` is an interface. */
  readonly interfaceSpan: SourceSpan | undefined;
  /** Members of `T` in declaration order (inherited ones included), without the `NativeService` marker. */
  readonly methods: readonly NativeMethodDecl[];
}

/** Everything the parse stage reads from a project. */
export interface ProjectDecl {
  /** Workers, sorted by file then position. */
  readonly workers: readonly WorkerDecl[];
  /** `nativeService<T>(...)` calls, sorted by file then position. */
  readonly nativeServices: readonly NativeServiceDecl[];
  /** `defineInputMerger(...)` definitions, sorted by file then position. */
  readonly inputMergers: readonly InputMergerDecl[];
  /** Literal request inputs, sorted by position. */
  readonly requestInputs: readonly RequestInputDecl[];
  /** References to globals QuickJS lacks, in the files of the worker bundle; sorted by file and position. */
  readonly hostGlobalReferences: readonly HostGlobalReferenceDecl[];
  /** Project source files read, relative to the root, sorted. */
  readonly files: readonly string[];
  /** Text of every project file, for code frames. */
  readonly sources: Readonly<Record<string, string>>;
  /** Problems that keep the project from being read (syntax errors, an unresolvable `@workscript/api`). */
  readonly diagnostics: readonly Diagnostic[];
}
