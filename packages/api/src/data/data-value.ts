/**
 * The value types WorkManager `Data` can hold, named after Kotlin's types. JavaScript has one number type,
 * so every Data value carries its Kotlin type: the type decides the serialized size (an `int` takes 4
 * bytes, a `double` 8) and which typed getter finds it on Android (`getInt` ignores a Long).
 */
export type DataScalarType = 'boolean' | 'byte' | 'int' | 'long' | 'float' | 'double' | 'string';

/** An array type of Data: `int[]` is Kotlin `Array<Int>` (`putIntArray`). */
export type DataArrayType = `${DataScalarType}[]`;

/** Every type a Data value can have; `null` is a key mapped to null (which differs from a missing key). */
export type DataType = DataScalarType | DataArrayType | 'null';

/** A typed Data value. Numbers are plain `number`s; `float` values are already rounded to 32 bits. */
export type DataValue =
  | { readonly type: 'null'; readonly value: null }
  | { readonly type: 'boolean'; readonly value: boolean }
  | { readonly type: 'byte' | 'int' | 'long' | 'float' | 'double'; readonly value: number }
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'boolean[]'; readonly value: readonly boolean[] }
  | {
      readonly type: 'byte[]' | 'int[]' | 'long[]' | 'float[]' | 'double[]';
      readonly value: readonly number[];
    }
  | { readonly type: 'string[]'; readonly value: readonly (string | null)[] };

/** Every scalar type, in androidx's type-tag order (tags 1–7; arrays are 8–14, null is 0). */
export const DATA_SCALAR_TYPES: readonly DataScalarType[] = Object.freeze([
  'boolean',
  'byte',
  'int',
  'long',
  'float',
  'double',
  'string',
]);

/** The element type of an array type, or undefined for scalars and null. */
export function elementTypeOf(type: DataType): DataScalarType | undefined {
  return type.endsWith('[]') ? (type.slice(0, -2) as DataScalarType) : undefined;
}
