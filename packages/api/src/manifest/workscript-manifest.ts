import type { FieldShape } from '../data/data-shape.js';
import { WorkscriptError } from '../errors.js';
import type { WorkerShapes } from '../worker/define-worker.js';

/** The manifest's file name, written by `workscript generate` beside the bundle (`assets/workscript.json`). */
export const MANIFEST_FILE_NAME = 'workscript.json';

/** One worker of a {@link WorkscriptManifest}. */
export interface ManifestWorker {
  /** The worker's registered name (`defineWorker({ name })`). */
  readonly name: string;
  /** The export that holds the definition (`'default'` for a default export). */
  readonly exportName: string;
  /** The module that exports it, relative to the project root, with `/` separators. */
  readonly sourceFile: string;
  /** Fully qualified name of the generated Kotlin `CoroutineWorker`. */
  readonly workerClass: string;
  /** The Data shapes derived from the TS types; roles without an object type are absent. */
  readonly shapes: WorkerShapes;
  /**
   * The definition's literal request defaults by dotted path (`'constraints.requiredNetworkType'`), as the
   * generated Kotlin request builders apply them. Defaults that are not literals are absent.
   */
  readonly defaults: Readonly<Record<string, unknown>>;
}

/** One native service of a {@link WorkscriptManifest}. */
export interface ManifestNativeService {
  /** The bridge name (`nativeService<S>('Camera')`). */
  readonly name: string;
  /** The module that declares it, relative to the project root. */
  readonly sourceFile: string;
  /** Fully qualified name of the generated Kotlin interface the app implements. */
  readonly interfaceClass: string;
  /** Methods with their positional parameters and result (`null` for void), as FieldShapes. */
  readonly methods: readonly {
    readonly name: string;
    readonly params: readonly { readonly name: string; readonly type: FieldShape }[];
    readonly returns: FieldShape | null;
  }[];
}

/** One custom input merger of a {@link WorkscriptManifest} (`defineInputMerger`). */
export interface ManifestInputMerger {
  /** The merger's name (`defineInputMerger({ name })`), stored as the work's input merger on Node. */
  readonly name: string;
  /** The export that holds the definition (`'default'` for a default export). */
  readonly exportName: string;
  /** The module that exports it, relative to the project root, with `/` separators. */
  readonly sourceFile: string;
  /** Fully qualified name of the generated Kotlin `InputMerger`, stored as the work's merger on Android. */
  readonly mergerClass: string;
}

/**
 * `workscript.json`: what `workscript generate` produced and from what. The codegen writes it; the Node
 * runtime's QuickJS engine and `@workscript/testing` read it (worker names, Data shapes, defaults).
 */
export interface WorkscriptManifest {
  /** Bridge protocol version of the bundle and the generated Kotlin. */
  readonly bridgeProtocolVersion: number;
  /** Kotlin package of the generated classes. */
  readonly kotlinPackage: string;
  /** Workers sorted by name. */
  readonly workers: readonly ManifestWorker[];
  /** Native services sorted by name; absent when the project has none. */
  readonly nativeServices?: readonly ManifestNativeService[];
  /** Custom input mergers sorted by name; absent when the project has none. */
  readonly inputMergers?: readonly ManifestInputMerger[];
  /** SHA-256 (hex) of every other generated file, by path relative to the output directory, sorted. */
  readonly files: Readonly<Record<string, string>>;
}

/** A manifest that does not parse or lacks what `workscript generate` always writes. */
export class InvalidManifestError extends WorkscriptError {
  /** The manifest file, as the caller named it. */
  readonly file: string;

  constructor(file: string, problem: string) {
    super(
      'invalid-manifest',
      `The manifest ${file} ${problem}; regenerate it with workscript generate (it is not meant to be edited)`,
    );
    this.file = file;
  }
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks `value[key]` and names its JSON path when it is not what `ok` accepts. */
function field<T>(
  file: string,
  at: string,
  value: Json,
  key: string,
  ok: (v: unknown) => v is T,
  what: string,
): T {
  const v = value[key];
  if (!ok(v)) throw new InvalidManifestError(file, `has no ${what} at ${at}.${key}`);
  return v;
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isArray = (v: unknown): v is unknown[] => Array.isArray(v);
const isInteger = (v: unknown): v is number => Number.isInteger(v);

function parseWorker(file: string, at: string, w: unknown): ManifestWorker {
  if (!isObject(w)) throw new InvalidManifestError(file, `has no worker object at ${at}`);
  const shapes = field(file, at, w, 'shapes', isObject, 'shapes object');
  for (const role of ['input', 'output', 'failureOutput', 'progress'] as const) {
    if (shapes[role] !== undefined && !(isObject(shapes[role]) && isArray(shapes[role].fields)))
      throw new InvalidManifestError(file, `has no { "fields": [...] } shape at ${at}.shapes.${role}`);
  }
  return {
    name: field(file, at, w, 'name', isString, 'string'),
    exportName: field(file, at, w, 'exportName', isString, 'string'),
    sourceFile: field(file, at, w, 'sourceFile', isString, 'string'),
    workerClass: field(file, at, w, 'workerClass', isString, 'string'),
    shapes: shapes as WorkerShapes,
    defaults: field(file, at, w, 'defaults', isObject, 'defaults object'),
  };
}

function parseNativeService(file: string, at: string, s: unknown): ManifestNativeService {
  if (!isObject(s)) throw new InvalidManifestError(file, `has no native service object at ${at}`);
  return {
    name: field(file, at, s, 'name', isString, 'string'),
    sourceFile: field(file, at, s, 'sourceFile', isString, 'string'),
    interfaceClass: field(file, at, s, 'interfaceClass', isString, 'string'),
    methods: field(file, at, s, 'methods', isArray, 'methods list') as ManifestNativeService['methods'],
  };
}

function parseInputMerger(file: string, at: string, m: unknown): ManifestInputMerger {
  if (!isObject(m)) throw new InvalidManifestError(file, `has no input merger object at ${at}`);
  return {
    name: field(file, at, m, 'name', isString, 'string'),
    exportName: field(file, at, m, 'exportName', isString, 'string'),
    sourceFile: field(file, at, m, 'sourceFile', isString, 'string'),
    mergerClass: field(file, at, m, 'mergerClass', isString, 'string'),
  };
}

/**
 * Parses the text of a `workscript.json`. Checks the structure hosts rely on (types of every field the
 * codegen writes, each shape's `fields` list), not the shapes' insides, which only the codegen produces.
 * @param text - the file's content.
 * @param file - how to name the file in errors (a path).
 * @throws InvalidManifestError naming the file and the JSON path of the first problem.
 */
export function parseWorkscriptManifest(text: string, file: string): WorkscriptManifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new InvalidManifestError(file, `is not valid JSON (${(e as Error).message})`);
  }
  if (!isObject(json)) throw new InvalidManifestError(file, 'is not a JSON object');
  // Checked in the order the codegen writes the fields, so the first problem named is the first in the file.
  const bridgeProtocolVersion = field(file, '$', json, 'bridgeProtocolVersion', isInteger, 'integer');
  const kotlinPackage = field(file, '$', json, 'kotlinPackage', isString, 'string');
  const workers = field(file, '$', json, 'workers', isArray, 'workers list').map((w, i) =>
    parseWorker(file, `$.workers[${i}]`, w),
  );
  const services = json['nativeServices'];
  if (services !== undefined && !isArray(services))
    throw new InvalidManifestError(file, 'has no native services list at $.nativeServices');
  const nativeServices = services?.map((s, i) => parseNativeService(file, `$.nativeServices[${i}]`, s));
  const mergers = json['inputMergers'];
  if (mergers !== undefined && !isArray(mergers))
    throw new InvalidManifestError(file, 'has no input mergers list at $.inputMergers');
  const inputMergers = mergers?.map((m, i) => parseInputMerger(file, `$.inputMergers[${i}]`, m));
  const files = field(file, '$', json, 'files', isObject, 'files object');
  for (const [p, hash] of Object.entries(files))
    if (!isString(hash)) throw new InvalidManifestError(file, `has no hash string at $.files["${p}"]`);
  return {
    bridgeProtocolVersion,
    kotlinPackage,
    workers,
    ...(nativeServices === undefined ? {} : { nativeServices }),
    ...(inputMergers === undefined ? {} : { inputMergers }),
    files: files as Record<string, string>,
  };
}
