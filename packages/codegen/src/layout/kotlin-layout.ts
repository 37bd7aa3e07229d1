/**
 * Kotlin names for everything the emit stage writes, decided once (style.md R23): classes, nested types,
 * properties (keyword-escaped, with the Data/JSON key when it differs) and enum entries. Builders read these
 * and never build identifiers themselves.
 */
export interface KotlinLayout {
  /** Kotlin package, e.g. `dev.workscript.generated`. */
  readonly packageName: string;
  /** Package as a path, e.g. `dev/workscript/generated`. */
  readonly packageDir: string;
  /** The WorkerFactory class. */
  readonly factoryClass: string;
  /** The registry object. */
  readonly registryObject: string;
  /** The shared JSON codec property (and its file). */
  readonly jsonCodec: string;
  /** File of the shared codec and Data helpers (without `.kt`). */
  readonly codecFile: string;
  /** One entry per worker, in model order. */
  readonly workers: readonly WorkerLayout[];
  /** One entry per native service, in model order (sorted by name). */
  readonly nativeServices: readonly NativeServiceLayout[];
  /** One entry per custom input merger, in model order (sorted by name); empty when there are none. */
  readonly inputMergers: readonly InputMergerLayout[];
}

/** Names of one custom input merger's generated file. */
export interface InputMergerLayout {
  /** The merger name (TypeScript): what `Workscript.merge` is called with. */
  readonly mergerName: string;
  /** File name without `.kt`. */
  readonly fileName: string;
  /** The `InputMerger` subclass: the merger's name itself, never suffixed. */
  readonly className: string;
  /**
   * What already had that class name (a worker's classes, a native service, an imported or shared class, an
   * earlier merger), when it was taken; the check stage reports it (WS1051) and nothing is emitted.
   */
  readonly takenBy?: string;
}

/** Names of one native service's generated file: its interface, its types and its registration. */
export interface NativeServiceLayout {
  /** The service name: the bridge's `native.<serviceName>.<method>`. */
  readonly serviceName: string;
  /** File name without `.kt`. */
  readonly fileName: string;
  /** The Kotlin interface the app implements. */
  readonly interfaceName: string;
  /** Parameter name of the implementation in the registration function, e.g. `camera`. */
  readonly implParam: string;
  /** Methods in declaration order. */
  readonly methods: readonly NativeMethodLayout[];
  /**
   * Top-level classes and enums declared in this file: anonymous parameter and result types
   * (`CameraTakePhotoOptions`, `CameraTakePhotoResult`) and named ones (`Photo`) met first in this service.
   */
  readonly types: readonly NativeTypeLayout[];
}

/** A top-level class or enum of a native service file, with what it stands for (for its KDoc). */
export interface NativeTypeLayout {
  /** E.g. ``parameter `options` of `Camera.takePhoto` `` or ``TypeScript type `Photo` ``. */
  readonly origin: string;
  /** The class or enum. */
  readonly layout: NestedTypeLayout;
}

/** One `suspend fun` of a native service interface. */
export interface NativeMethodLayout {
  /** The TypeScript name: the bridge's `<method>`. */
  readonly name: string;
  /** Kotlin name (the TypeScript name, backtick-escaped when it is a keyword). */
  readonly kotlinName: string;
  /** Positional parameters. */
  readonly params: readonly NativeParamLayout[];
  /** Result type; `undefined` for `Promise<void>` (Kotlin `Unit`). */
  readonly returns: KotlinTypeLayout | undefined;
  /** The TypeScript JSDoc description, for the KDoc; absent when there is none. */
  readonly doc?: string;
}

/** One parameter of a native method. */
export interface NativeParamLayout {
  /** The TypeScript name, for messages. */
  readonly name: string;
  /** Kotlin name, escaped. */
  readonly kotlinName: string;
  /** Type. */
  readonly type: KotlinTypeLayout;
}

/** Names of one worker's generated file. */
export interface WorkerLayout {
  /** The worker name (TypeScript). */
  readonly workerName: string;
  /** File name without `.kt`. */
  readonly fileName: string;
  /** `XxxWorker`. */
  readonly workerClass: string;
  /** `XxxRequests`. */
  readonly requestsObject: string;
  /** Data classes by role; absent when the role has no fields (or no declared type). */
  readonly input: DataClassLayout | undefined;
  readonly output: DataClassLayout | undefined;
  readonly failureOutput: DataClassLayout | undefined;
  readonly progress: DataClassLayout | undefined;
}

/** A Kotlin type use, with names resolved. */
export type KotlinTypeLayout =
  | { readonly kind: 'boolean' | 'int' | 'long' | 'double' | 'string' }
  | { readonly kind: 'enum'; readonly className: string }
  | { readonly kind: 'array'; readonly element: KotlinTypeLayout }
  | { readonly kind: 'object'; readonly className: string };

/** One constructor property. */
export interface PropertyLayout {
  /** The TypeScript name: the Data key and the JSON key. */
  readonly key: string;
  /** Kotlin name, backtick-escaped when it is a keyword. */
  readonly kotlinName: string;
  /** True when the Kotlin name differs from the key, so `@SerialName(key)` is needed. */
  readonly needsSerialName: boolean;
  /** Optional → nullable with default null. */
  readonly optional: boolean;
  /** Type. */
  readonly type: KotlinTypeLayout;
}

/** A top-level data class (Input/Output/...) or a nested class. */
export interface DataClassLayout {
  /** Class name (simple, or nested-relative). */
  readonly className: string;
  /** Constructor properties in field order. */
  readonly properties: readonly PropertyLayout[];
  /** Nested enums and classes, declared flat inside the top-level class; empty for nested classes. */
  readonly nested: readonly NestedTypeLayout[];
}

/** A nested type of a top-level data class. */
export type NestedTypeLayout =
  | { readonly kind: 'enum'; readonly className: string; readonly entries: readonly EnumEntryLayout[] }
  | ({ readonly kind: 'class' } & DataClassLayout);

/** One enum entry. */
export interface EnumEntryLayout {
  /** Kotlin entry name, e.g. `NOT_ROAMING`. */
  readonly name: string;
  /** The string literal it stands for. */
  readonly value: string;
}
