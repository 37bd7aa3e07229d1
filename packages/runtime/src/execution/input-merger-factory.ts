import {
  inputMergerFor,
  isBuiltInInputMergerName,
  isInputMergerDefinition,
  type Data,
  type InputMerger,
  type WorkerDefinition,
} from '@workscript/api';

/**
 * Creates the input merger a work names (androidx `InputMergerFactory`, set with
 * `Configuration.Builder.setInputMergerFactory`). It is asked first; when it returns null the runtime falls
 * back to what androidx finds by reflection: WorkManager's own mergers, then the bundle's, then the
 * `defineInputMerger` definitions it was given.
 */
export interface InputMergerFactory {
  /** The merger for `mergerName` (the work's stored `inputMergerClassName`), or null to use the defaults. */
  createInputMerger(mergerName: string): InputMerger | null;
}

/**
 * A merger as the worker wrapper runs it. Mergers in the bundle run in QuickJS, which answers
 * asynchronously; every other merger is synchronous, as androidx's `InputMerger.merge` is, and the wrapper
 * keeps that path free of awaits.
 */
export interface HostInputMerger {
  readonly name: string;
  merge(inputs: readonly Data[]): Data | Promise<Data>;
}

/** The bundle's mergers, run by the QuickJS engine. */
export interface BundleInputMergers {
  /** The names the bundle registers; null when unknown (no manifest), and then it is asked last. */
  readonly inputMergers: readonly string[] | null;
  /** Runs the bundle's merger `mergerName`. */
  merge(mergerName: string, inputs: readonly Data[]): Promise<Data>;
}

/** Finds the merger of a work, in androidx's order. */
export interface InputMergerResolver {
  /**
   * The merger named `mergerName`, or null when nothing knows it (the work then fails without running, as
   * in androidx). @throws what a custom {@link InputMergerFactory} throws.
   */
  resolve(mergerName: string): HostInputMerger | null;
  /** Every name the defaults know, sorted, for "unknown merger" messages. */
  readonly knownMergerNames: readonly string[];
}

/**
 * The resolver of one WorkManager: `factory` first, then the built-in mergers, then the bundle's (the code
 * that ships runs where it can, as the bundle's workers come before TS definitions), then `definitions` (the
 * `inputMergers` option plus the merger objects that the `workers` name as their default).
 * @throws Error when two different definitions share a name (the work could not tell which one to run).
 */
export function createInputMergerResolver(parts: {
  readonly factory?: InputMergerFactory | undefined;
  readonly definitions: readonly InputMerger[];
  readonly workers: readonly WorkerDefinition[];
  readonly bundle?: BundleInputMergers | undefined;
}): InputMergerResolver {
  const byName = new Map<string, InputMerger>();
  const add = (merger: InputMerger, from: string): void => {
    if (isBuiltInInputMergerName(merger.name)) return;
    const known = byName.get(merger.name);
    if (known !== undefined && known !== merger) {
      throw new Error(`Two input mergers are named '${merger.name}' (${from}); merger names must be unique`);
    }
    byName.set(merger.name, merger);
  };
  parts.definitions.forEach((merger, i) => {
    if (typeof merger !== 'object' || merger === null || typeof merger.merge !== 'function') {
      throw new TypeError(
        `createWorkManager: inputMergers[${i}] is not an input merger; pass defineInputMerger({ name, merge }) results`,
      );
    }
    add(merger, `inputMergers[${i}]`);
  });
  for (const worker of parts.workers) {
    if (isInputMergerDefinition(worker.inputMerger))
      add(worker.inputMerger, `the default of worker '${worker.name}'`);
  }
  const bundle = parts.bundle;
  const bundleNames = new Set(bundle?.inputMergers ?? []);
  const fromBundle = (mergerName: string): HostInputMerger | null =>
    bundle === undefined ? null : { name: mergerName, merge: (inputs) => bundle.merge(mergerName, inputs) };
  return {
    resolve(mergerName) {
      const custom = parts.factory?.createInputMerger(mergerName);
      if (custom !== undefined && custom !== null) return custom;
      if (isBuiltInInputMergerName(mergerName)) return inputMergerFor(mergerName);
      if (bundleNames.has(mergerName)) return fromBundle(mergerName);
      const defined = byName.get(mergerName);
      if (defined !== undefined) return defined;
      // Without a manifest only the bundle itself knows its mergers: it answers an unknown name with an
      // UnknownInputMergerError that lists them, which fails the work as an unknown merger should.
      return bundle?.inputMergers === null ? fromBundle(mergerName) : null;
    },
    knownMergerNames: Object.freeze(
      [
        ...new Set(['OverwritingInputMerger', 'ArrayCreatingInputMerger', ...byName.keys(), ...bundleNames]),
      ].sort(),
    ),
  };
}
