import { InputMergeError } from '../errors.js';
import { describeValue } from '../internal/describe-value.js';
import { Data } from './data.js';
import { elementTypeOf, type DataScalarType, type DataValue } from './data-value.js';

/**
 * Combines the inputs of a work item that has prerequisites: `[own input, output of each direct
 * prerequisite]`, in that order. Names match androidx's classes so Android developers recognise them.
 */
export interface InputMerger {
  /**
   * Class name as WorkManager stores it (`inputMergerClassName`'s simple name): one of {@link InputMergerName}
   * or the name of a `defineInputMerger` definition.
   */
  readonly name: string;
  /** Merges inputs in list order. @throws InputMergeError on a type conflict (ArrayCreatingInputMerger). */
  merge(inputs: readonly Data[]): Data;
}

/** The input mergers WorkManager ships. */
export type InputMergerName = 'OverwritingInputMerger' | 'ArrayCreatingInputMerger';

/** Every {@link InputMergerName}. */
export const INPUT_MERGER_NAMES: readonly InputMergerName[] = Object.freeze([
  'OverwritingInputMerger',
  'ArrayCreatingInputMerger',
]);

/**
 * Refuses what is not a list of Data: a number or string would merge into empty Data (nothing to iterate, or
 * its characters), and a plain object element would be merged as plain values, with types Data never had.
 * @throws TypeError naming the merger and what it was given.
 */
function checkInputs(merger: string, inputs: unknown): readonly Data[] {
  if (!Array.isArray(inputs)) {
    throw new TypeError(
      `${merger}.merge(inputs): inputs is ${describeValue(inputs)}; pass an array of Data ([own input, output of each prerequisite])`,
    );
  }
  // entries() visits the holes of a sparse array too (as undefined), where forEach would skip them.
  for (const [i, input] of (inputs as unknown[]).entries()) {
    if (!(input instanceof Data)) {
      throw new TypeError(
        `${merger}.merge(inputs): inputs[${i}] is ${describeValue(input)}, not a Data; build it with Data.builder()...build() or Data.fromObject`,
      );
    }
  }
  return inputs as readonly Data[];
}

/** The default merger: copies every key in order, so later inputs overwrite earlier ones. */
export const OverwritingInputMerger: InputMerger = Object.freeze({
  name: 'OverwritingInputMerger' as const,
  merge(inputs: readonly Data[]): Data {
    const builder = Data.builder();
    for (const input of checkInputs('OverwritingInputMerger', inputs)) builder.putAll(input);
    return builder.build();
  },
});

/** A null value counts as a String when merging (androidx treats `null` as `String::class`). */
const scalarTypeOf = (v: DataValue): DataScalarType | undefined =>
  v.type === 'null' ? 'string' : elementTypeOf(v.type) === undefined ? (v.type as DataScalarType) : undefined;

const typeName = (v: DataValue): string => (v.type === 'null' ? 'null' : v.type);

/**
 * Collects every value of a key into an array: scalars become one-element arrays, arrays of the same
 * element type are concatenated, and a scalar of the array's element type is appended. Mixing types (Int
 * then Long, `int[]` then `long[]`, null onto `int[]`) is an error, exactly as in androidx.
 */
export const ArrayCreatingInputMerger: InputMerger = Object.freeze({
  name: 'ArrayCreatingInputMerger' as const,
  merge(inputs: readonly Data[]): Data {
    const merged = new Map<string, { element: DataScalarType; items: unknown[] }>();
    for (const input of checkInputs('ArrayCreatingInputMerger', inputs)) {
      for (const key of input.keys()) {
        const value = input.get(key) as DataValue;
        const scalar = scalarTypeOf(value);
        const element = scalar ?? (elementTypeOf(value.type) as DataScalarType);
        const items = scalar === undefined ? [...(value.value as readonly unknown[])] : [value.value];
        const existing = merged.get(key);
        if (existing === undefined) {
          merged.set(key, { element, items });
        } else if (existing.element === element) {
          existing.items.push(...items);
        } else {
          throw new InputMergeError(
            key,
            `an array of ${existing.element} cannot take a value of type ${typeName(value)}; ` +
              'ArrayCreatingInputMerger needs every value of a key to have the same type',
          );
        }
      }
    }
    const builder = Data.builder();
    for (const [key, { element, items }] of merged) {
      builder.put(key, { type: `${element}[]`, value: items } as DataValue);
    }
    return builder.build();
  },
});

/** True for the names of the mergers WorkManager ships. */
export function isBuiltInInputMergerName(name: unknown): name is InputMergerName {
  return (INPUT_MERGER_NAMES as readonly unknown[]).includes(name);
}

/** The built-in merger with this name. */
export function inputMergerFor(name: InputMergerName): InputMerger {
  return name === 'ArrayCreatingInputMerger' ? ArrayCreatingInputMerger : OverwritingInputMerger;
}
