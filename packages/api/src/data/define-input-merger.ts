import { InvalidInputMergerDefinitionError } from '../errors.js';
import { describeStringInput } from '../internal/describe-value.js';
import { Data } from './data.js';
import { INPUT_MERGER_NAMES, type InputMerger } from './input-merger.js';

/** What `defineInputMerger` takes. */
export interface InputMergerOptions {
  /**
   * The merger's name: a letter followed by letters, digits or `_` (at most 100 characters), not one of
   * WorkManager's own (`OverwritingInputMerger`, `ArrayCreatingInputMerger`). It is the simple name of the
   * generated Kotlin class (`SumCountsInputMerger` → `<package>.SumCountsInputMerger`) and the name the
   * runtime stores (`inputMergerClassName`), so it must be unique in the app.
   */
  readonly name: string;
  /**
   * Merges `[own input, output of each direct prerequisite]`, in that order, into the input of the work
   * (androidx `InputMerger.merge`). Synchronous, as in WorkManager. Throwing fails the work without running it.
   * The result must be a {@link Data}; it is checked against the 10,240-byte limit as `Data.Builder.build()` is.
   */
  merge(inputs: readonly Data[]): Data;
}

/** A frozen input merger definition, as `defineInputMerger` returns it. */
export interface InputMergerDefinition extends InputMerger {
  /** Marks the object as an input merger definition. */
  readonly kind: 'workscript.inputMerger';
}

/** Valid input merger names (the same rule as worker names). */
export const INPUT_MERGER_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,99}$/;

/**
 * Defines a custom input merger (androidx `InputMerger` subclass) in TypeScript. Give it to a worker's
 * `inputMerger` default or to a request's `inputMerger` option. `workscript generate` turns each exported
 * definition into a Kotlin `InputMerger` that runs this `merge` in the app's QuickJS bundle; on Node, pass it
 * to `createWorkManager({ inputMergers })`.
 *
 * @example
 * ```ts
 * export const sumCounts = defineInputMerger({
 *   name: 'SumCountsInputMerger',
 *   merge(inputs) {
 *     const total = inputs.reduce((sum, input) => sum + input.getInt('count', 0), 0);
 *     return Data.builder().putInt('count', total).build();
 *   },
 * });
 * ```
 * @throws InvalidInputMergerDefinitionError for a bad name, a built-in's name or a missing `merge`.
 */
export function defineInputMerger(options: InputMergerOptions): InputMergerDefinition {
  if (typeof options !== 'object' || options === null) {
    throw new InvalidInputMergerDefinitionError('options', 'expected an object with { name, merge }');
  }
  const { name, merge } = options;
  if (typeof name !== 'string' || !INPUT_MERGER_NAME_PATTERN.test(name)) {
    throw new InvalidInputMergerDefinitionError(
      'name',
      `${describeStringInput(name)} is not a valid input merger name; use a letter followed by letters, digits or '_' (at most 100 characters), e.g. 'SumCountsInputMerger'`,
    );
  }
  if ((INPUT_MERGER_NAMES as readonly string[]).includes(name)) {
    throw new InvalidInputMergerDefinitionError(
      'name',
      `'${name}' is WorkManager's own merger; give yours another name, or use '${name}' directly`,
    );
  }
  if (typeof merge !== 'function') {
    throw new InvalidInputMergerDefinitionError(
      'merge',
      `input merger '${name}' needs a merge(inputs) function`,
    );
  }
  return Object.freeze({
    kind: 'workscript.inputMerger' as const,
    name,
    merge(inputs: readonly Data[]): Data {
      const merged: unknown = merge.call(options, inputs);
      if (!(merged instanceof Data)) {
        throw new TypeError(
          `Input merger '${name}' returned ${describe(merged)}; merge(inputs) must return a Data (Data.builder()...build())`,
        );
      }
      return merged;
    },
  });
}

/** True when `value` is a definition made by {@link defineInputMerger}. */
export function isInputMergerDefinition(value: unknown): value is InputMergerDefinition {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { kind?: unknown }).kind === 'workscript.inputMerger'
  );
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'object')
    return `an object that is not a Data (${Object.prototype.toString.call(value)})`;
  return `a ${typeof value}`;
}
