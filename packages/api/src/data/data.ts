import { DataTooLargeError, InvalidDataError } from '../errors.js';
import { INT_MAX_VALUE, INT_MIN_VALUE } from '../int.js';
import { describeStringInput, describeValue } from '../internal/describe-value.js';
import { findHole } from '../internal/find-hole.js';
import { isPlainObject } from '../internal/is-plain-object.js';
import { decodeEntries, encodeEntries, serializedSize } from './data-serializer.js';
import {
  DATA_SCALAR_TYPES,
  elementTypeOf,
  type DataScalarType,
  type DataType,
  type DataValue,
} from './data-value.js';
import { MAX_MODIFIED_UTF8_BYTES, modifiedUtf8Length } from './modified-utf8.js';

/** A plain value Data can hold, as `toObject()` returns it and `putAll` accepts it. */
export type DataPlainValue =
  boolean | number | string | null | readonly boolean[] | readonly number[] | readonly (string | null)[];

/** The numeric Data types (Kotlin Byte, Int, Long, Float, Double). */
export type DataNumberType = 'byte' | 'int' | 'long' | 'float' | 'double';

/**
 * WorkManager's `Data`: an immutable map from string keys to typed values, limited to
 * {@link Data.MAX_DATA_BYTES} bytes when serialized. Build one with {@link Data.builder} (typed puts, exactly
 * like `Data.Builder`) or {@link Data.fromObject} (plain values; numbers become Kotlin `Double`).
 *
 * Typed getters behave like androidx's: a missing key **or a value of another type** returns the default.
 */
export class Data {
  /** `Data.MAX_DATA_BYTES`: the serialized form may not exceed 10,240 bytes. */
  static readonly MAX_DATA_BYTES = 10_240;
  /** `Data.EMPTY`: no entries; serializes to 8 bytes. */
  static readonly EMPTY: Data = new Data(new Map());

  readonly #entries: ReadonlyMap<string, DataValue>;

  private constructor(entries: ReadonlyMap<string, DataValue>) {
    this.#entries = entries;
    Object.freeze(this);
  }

  /** Starts a {@link DataBuilder}, optionally with the entries of `from`. */
  static builder(from?: Data): DataBuilder {
    const builder = new DataBuilder(Data.#create);
    if (from) builder.putAll(from);
    return builder;
  }

  /**
   * Data from plain values (see {@link DataBuilder.putAll}); numbers are stored as `double`.
   * @throws TypeError when `values` is not a plain object.
   */
  static fromObject(values: Readonly<Record<string, unknown>>): Data {
    checkPlainObject('Data.fromObject', values);
    return Data.builder().putAll(values).build();
  }

  /**
   * Reads androidx's serialized form (format V1). An empty array is {@link Data.EMPTY}.
   * @throws DataTooLargeError when `bytes` is longer than {@link Data.MAX_DATA_BYTES}.
   * @throws MalformedDataError when the bytes are not a Data V1 stream, or one cut short (androidx returns
   * the entries read so far in that case; losing the rest silently helps nobody).
   * @throws TypeError when `bytes` is not a Uint8Array.
   */
  static fromByteArray(bytes: Uint8Array): Data {
    // By tag rather than instanceof, so a Node Buffer or a Uint8Array from another realm is taken too.
    if (Object.prototype.toString.call(bytes) !== '[object Uint8Array]') {
      throw new TypeError(`Data.fromByteArray expects a Uint8Array, got ${describeValue(bytes)}`);
    }
    if (bytes.length > Data.MAX_DATA_BYTES) throw new DataTooLargeError(bytes.length, Data.MAX_DATA_BYTES);
    if (bytes.length === 0) return Data.EMPTY;
    return new Data(decodeEntries(bytes));
  }

  static #create = (entries: Map<string, DataValue>): Data => {
    const size = serializedSize(entries);
    if (size > Data.MAX_DATA_BYTES) throw new DataTooLargeError(size, Data.MAX_DATA_BYTES);
    return entries.size === 0 ? Data.EMPTY : new Data(entries);
  };

  /** Number of keys (`Data.size()`). */
  get size(): number {
    return this.#entries.size;
  }

  /** The keys, in insertion order. */
  keys(): string[] {
    return [...this.#entries.keys()];
  }

  /** The typed value under `key`, or undefined when the key is missing. */
  get(key: string): DataValue | undefined {
    return this.#entries.get(key);
  }

  /** `hasKeyWithValueOfType`: the key maps to a non-null value of exactly `type`. */
  hasKeyWithValueOfType(key: string, type: DataType): boolean {
    const v = this.#entries.get(key);
    return v !== undefined && v.type !== 'null' && v.type === type;
  }

  /** `getBoolean(key, default)`. */
  getBoolean(key: string, defaultValue: boolean): boolean {
    return this.#typed<boolean>(key, 'boolean') ?? defaultValue;
  }
  /** `getByte(key, default)`. */
  getByte(key: string, defaultValue: number): number {
    return this.#typed<number>(key, 'byte') ?? defaultValue;
  }
  /** `getInt(key, default)`: the default also when the key holds a Long or Double. */
  getInt(key: string, defaultValue: number): number {
    return this.#typed<number>(key, 'int') ?? defaultValue;
  }
  /** `getLong(key, default)`. */
  getLong(key: string, defaultValue: number): number {
    return this.#typed<number>(key, 'long') ?? defaultValue;
  }
  /** `getFloat(key, default)`. */
  getFloat(key: string, defaultValue: number): number {
    return this.#typed<number>(key, 'float') ?? defaultValue;
  }
  /** `getDouble(key, default)`. */
  getDouble(key: string, defaultValue: number): number {
    return this.#typed<number>(key, 'double') ?? defaultValue;
  }
  /** `getString(key)`: null when missing, null or not a String. */
  getString(key: string): string | null {
    return this.#typed<string>(key, 'string') ?? null;
  }
  /** `getBooleanArray(key)`: null unless the key holds exactly a Boolean array. */
  getBooleanArray(key: string): readonly boolean[] | null {
    return this.#typed<readonly boolean[]>(key, 'boolean[]') ?? null;
  }
  /** `getByteArray(key)`: the bytes as numbers from −128 to 127. */
  getByteArray(key: string): readonly number[] | null {
    return this.getNumberArray(key, 'byte');
  }
  /** `getIntArray(key)` (and likewise for the other numeric arrays through {@link Data.getNumberArray}). */
  getIntArray(key: string): readonly number[] | null {
    return this.getNumberArray(key, 'int');
  }
  /** `getLongArray(key)`. */
  getLongArray(key: string): readonly number[] | null {
    return this.getNumberArray(key, 'long');
  }
  /** `getFloatArray(key)`. */
  getFloatArray(key: string): readonly number[] | null {
    return this.getNumberArray(key, 'float');
  }
  /** `getDoubleArray(key)`. */
  getDoubleArray(key: string): readonly number[] | null {
    return this.getNumberArray(key, 'double');
  }
  /** The numeric array under `key` if its element type is exactly `element`, else null. */
  getNumberArray(key: string, element: DataNumberType): readonly number[] | null {
    return this.#typed<readonly number[]>(key, `${element}[]`) ?? null;
  }
  /** `getStringArray(key)`; elements may be null. */
  getStringArray(key: string): readonly (string | null)[] | null {
    return this.#typed<readonly (string | null)[]>(key, 'string[]') ?? null;
  }

  #typed<V>(key: string, type: DataType): V | undefined {
    const v = this.#entries.get(key);
    return v !== undefined && v.type === type ? (v.value as V) : undefined;
  }

  /** Size in bytes of the serialized form, computed as androidx serializes it. */
  serializedSize(): number {
    return serializedSize(this.#entries);
  }

  /** androidx's serialized form (format V1). */
  toByteArray(): Uint8Array {
    return encodeEntries(this.#entries);
  }

  /** Plain key → value record (types dropped). */
  toObject(): Record<string, DataPlainValue> {
    // fromEntries defines own properties, so a key such as `__proto__` stays a key.
    return Object.fromEntries([...this.#entries].map(([k, v]) => [k, v.value]));
  }

  /** Typed entries as `{ key: { type, value } }`, the lossless JSON form. */
  toJSON(): Record<string, DataValue> {
    return Object.fromEntries(this.#entries);
  }

  /**
   * Deep equality: same keys, same types, same values (arrays by content; null differs from missing).
   * As in androidx, two empty arrays are equal whatever their element types: it holds arrays as boxed
   * `Object[]` and compares them with `deepEquals`, which never looks at the type of an array's elements.
   */
  equals(other: Data): boolean {
    if (other.size !== this.size) return false;
    for (const [k, v] of this.#entries) {
      const o = other.get(k);
      if (o === undefined) return false;
      if (o.type !== v.type) {
        if (isEmptyArray(v.value) && isEmptyArray(o.value)) continue;
        return false;
      }
      if (Array.isArray(v.value)) {
        const a = v.value as readonly unknown[];
        const b = o.value as readonly unknown[];
        if (a.length !== b.length || a.some((x, i) => !Object.is(x, b[i]))) return false;
      } else if (!Object.is(v.value, o.value)) {
        return false;
      }
    }
    return true;
  }

  /** Readable form for logs and test failures, e.g. `Data {a : 1, b : x}` as androidx prints it. */
  toString(): string {
    const parts = [...this.#entries].map(
      ([k, v]) => `${k} : ${Array.isArray(v.value) ? `[${v.value.join(', ')}]` : String(v.value)}`,
    );
    return `Data {${parts.join(', ')}}`;
  }
}

function isEmptyArray(value: unknown): boolean {
  return Array.isArray(value) && value.length === 0;
}

const NUMBER_TYPES: readonly DataNumberType[] = ['byte', 'int', 'long', 'float', 'double'];
const NUMBER_RANGES: Record<DataNumberType, (n: number) => boolean> = {
  byte: (n) => Number.isInteger(n) && n >= -128 && n <= 127,
  int: (n) => Number.isInteger(n) && n >= INT_MIN_VALUE && n <= INT_MAX_VALUE,
  long: (n) => Number.isSafeInteger(n),
  float: (n) => typeof n === 'number',
  double: (n) => typeof n === 'number',
};
const NUMBER_RANGE_TEXT: Record<DataNumberType, string> = {
  byte: 'an integer between -128 and 127',
  int: `an integer between ${INT_MIN_VALUE} and ${INT_MAX_VALUE}`,
  long: `a safe integer between ${Number.MIN_SAFE_INTEGER} and ${Number.MAX_SAFE_INTEGER}`,
  float: 'a number',
  double: 'a number',
};

/**
 * `Data.Builder`: typed puts, later puts of a key replace earlier ones, and `build()` enforces the size
 * limit. Every put checks that the value fits its Kotlin type.
 *
 * Deliberate difference from androidx: a string whose modified UTF-8 form exceeds 65,535 bytes is rejected
 * here. androidx accepts it and then silently serializes the whole Data as an empty byte array (losing
 * every key); failing loudly is the only useful behaviour, and the Kotlin runtime applies the same check.
 */
export class DataBuilder {
  readonly #entries = new Map<string, DataValue>();
  readonly #create: (entries: Map<string, DataValue>) => Data;

  /** @internal Use {@link Data.builder}. */
  constructor(create: (entries: Map<string, DataValue>) => Data) {
    this.#create = create;
  }

  /** Puts a typed value (`Data.Builder.put`). */
  put(key: string, value: DataValue): this {
    this.#entries.set(checkKey(key), checkValue(key, value));
    return this;
  }
  /** `putBoolean`. */
  putBoolean(key: string, value: boolean): this {
    return this.put(key, { type: 'boolean', value });
  }
  /** `putByte`: an integer in [−128, 127]. */
  putByte(key: string, value: number): this {
    return this.put(key, { type: 'byte', value });
  }
  /** `putInt`: an integer in Kotlin `Int`'s range. */
  putInt(key: string, value: number): this {
    return this.put(key, { type: 'int', value });
  }
  /** `putLong`: a safe integer. */
  putLong(key: string, value: number): this {
    return this.put(key, { type: 'long', value });
  }
  /** `putFloat`: stored rounded to 32 bits, as Kotlin `Float` would hold it. */
  putFloat(key: string, value: number): this {
    return this.put(key, { type: 'float', value });
  }
  /** `putDouble`. */
  putDouble(key: string, value: number): this {
    return this.put(key, { type: 'double', value });
  }
  /** `putString`; null maps the key to null. */
  putString(key: string, value: string | null): this {
    return this.put(key, value === null ? { type: 'null', value: null } : { type: 'string', value });
  }
  /** `putBooleanArray`. */
  putBooleanArray(key: string, value: readonly boolean[]): this {
    return this.put(key, { type: 'boolean[]', value });
  }
  /**
   * `putIntArray`, `putLongArray`, ... by element type.
   * @throws InvalidDataError when `element` is not one of the numeric types.
   */
  putNumberArray(key: string, element: DataNumberType, value: readonly number[]): this {
    if (!NUMBER_TYPES.includes(element)) {
      throw new InvalidDataError(
        String(key),
        `${describeStringInput(element)} is not a numeric element type; use one of ${NUMBER_TYPES.map((t) => `'${t}'`).join(', ')}`,
      );
    }
    return this.put(key, { type: `${element}[]`, value });
  }
  /** `putByteArray`: numbers from −128 to 127 (a Kotlin `ByteArray`). */
  putByteArray(key: string, value: readonly number[]): this {
    return this.putNumberArray(key, 'byte', value);
  }
  /** `putIntArray`. */
  putIntArray(key: string, value: readonly number[]): this {
    return this.putNumberArray(key, 'int', value);
  }
  /** `putLongArray`. */
  putLongArray(key: string, value: readonly number[]): this {
    return this.putNumberArray(key, 'long', value);
  }
  /** `putFloatArray`: each number rounded to 32-bit float precision, as a Kotlin `FloatArray` holds it. */
  putFloatArray(key: string, value: readonly number[]): this {
    return this.putNumberArray(key, 'float', value);
  }
  /** `putDoubleArray`. */
  putDoubleArray(key: string, value: readonly number[]): this {
    return this.putNumberArray(key, 'double', value);
  }
  /** `putStringArray`; elements may be null. */
  putStringArray(key: string, value: readonly (string | null)[]): this {
    return this.put(key, { type: 'string[]', value });
  }

  /**
   * `putAll`: copies another Data's typed entries, or plain values: boolean, number (stored as `double`),
   * string, null, and homogeneous arrays of those. Anything else is rejected, as androidx rejects it.
   * @throws InvalidDataError naming the key and its type.
   * @throws TypeError when `values` is neither a Data nor a plain object.
   */
  putAll(values: Data | Readonly<Record<string, unknown>>): this {
    if (values instanceof Data) {
      for (const key of values.keys()) this.put(key, values.get(key) as DataValue);
      return this;
    }
    checkPlainObject('Data.Builder.putAll', values);
    for (const [key, value] of Object.entries(values)) this.put(key, inferValue(key, value));
    return this;
  }

  /**
   * Builds the Data.
   * @throws DataTooLargeError when the serialized form exceeds {@link Data.MAX_DATA_BYTES}.
   */
  build(): Data {
    return this.#create(new Map(this.#entries));
  }
}

/** Every {@link DataType}: the scalars, their arrays and null. */
const DATA_TYPES: ReadonlySet<unknown> = new Set<unknown>([
  'null',
  ...DATA_SCALAR_TYPES,
  ...DATA_SCALAR_TYPES.map((t) => `${t}[]`),
]);
const DATA_TYPES_TEXT = `valid types are ${DATA_SCALAR_TYPES.join(', ')}, null, and arrays such as 'int[]'`;

const VALID_TYPES_TEXT =
  'valid types are boolean, number, string, null and arrays of boolean, number or string (nested objects must be stored as a JSON string)';

/** androidx has no bigint; one that was meant as a Long needs saying how to store it. */
function bigintHint(types: readonly string[]): string {
  return types.includes('bigint')
    ? '; to store a Long, pass a number (a safe integer) to putLong, or a decimal string'
    : '';
}

/**
 * Object.entries of a string, an array or a Map reads characters, indices or nothing: keys nobody meant.
 * @throws TypeError naming what was given.
 */
function checkPlainObject(caller: string, values: unknown): void {
  if (!isPlainObject(values)) {
    throw new TypeError(
      `${caller} expects a plain object of key → value (or a Data), got ${describeValue(values)}`,
    );
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'object') return (value as object).constructor?.name ?? 'object';
  return typeof value;
}

function inferValue(key: string, value: unknown): DataValue {
  if (value === null) return { type: 'null', value: null };
  if (typeof value === 'boolean') return { type: 'boolean', value };
  if (typeof value === 'number') return { type: 'double', value };
  if (typeof value === 'string') return { type: 'string', value };
  if (Array.isArray(value)) {
    if (value.every((x) => typeof x === 'boolean')) return { type: 'boolean[]', value };
    if (value.every((x) => typeof x === 'number')) return { type: 'double[]', value };
    if (value.every((x) => typeof x === 'string' || x === null)) return { type: 'string[]', value };
    const types = [...new Set(value.map(describe))];
    throw new InvalidDataError(
      key,
      `has invalid type array of ${types.join('/')}; ${VALID_TYPES_TEXT}${bigintHint(types)}`,
    );
  }
  const type = describe(value);
  throw new InvalidDataError(key, `has invalid type ${type}; ${VALID_TYPES_TEXT}${bigintHint([type])}`);
}

function checkKey(key: string): string {
  if (typeof key !== 'string') {
    throw new InvalidDataError(String(key), `keys must be strings, not ${describeValue(key)}`);
  }
  checkUtfLength(key, key, 'key');
  return key;
}

function checkUtfLength(key: string, s: string, what: string): void {
  const n = modifiedUtf8Length(s);
  if (n > MAX_MODIFIED_UTF8_BYTES) {
    throw new InvalidDataError(
      key,
      `${what} needs ${n} bytes in modified UTF-8; at most ${MAX_MODIFIED_UTF8_BYTES} fit (androidx would silently drop the whole Data)`,
    );
  }
}

function checkValue(key: string, v: DataValue): DataValue {
  const fail = (what: string) => {
    throw new InvalidDataError(key, what);
  };
  if (v === null || typeof v !== 'object' || !('type' in v)) {
    fail(`${describeValue(v)} is not a typed Data value`);
  }
  if (!DATA_TYPES.has(v.type)) {
    const type: unknown = v.type; // typed as DataType, but callers without types can pass anything
    fail(
      `unknown Data type ${typeof type === 'string' ? `'${type}'` : describeValue(type)}; ${DATA_TYPES_TEXT}`,
    );
  }
  const element = elementTypeOf(v.type);
  const checkScalar = (type: DataScalarType, x: unknown, where: string): unknown => {
    switch (type) {
      case 'boolean':
        if (typeof x !== 'boolean') fail(`${where}${describeValue(x)} is not a boolean`);
        return x;
      case 'string':
        if (typeof x !== 'string') fail(`${where}${describeValue(x)} is not a string`);
        checkUtfLength(key, x as string, 'string');
        return x;
      default:
        if (typeof x !== 'number' || !NUMBER_RANGES[type](x)) {
          fail(`${where}${describeValue(x)} is not a valid ${type}; use ${NUMBER_RANGE_TEXT[type]}`);
        }
        return type === 'float' ? Math.fround(x as number) : x;
    }
  };
  if (v.type === 'null') return { type: 'null', value: null };
  if (element === undefined) {
    return { type: v.type, value: checkScalar(v.type as DataScalarType, v.value, '') } as DataValue;
  }
  if (!Array.isArray(v.value)) fail(`a ${v.type} value must be an array, got ${describeValue(v.value)}`);
  // map() skips holes, so [1, , 3] would pass every element check and serialize its hole as NaN or 0.
  const hole = findHole(v.value as readonly unknown[]);
  if (hole >= 0) {
    fail(
      `element ${hole} is missing (the array is sparse); give every element a value${element === 'string' ? ', or null' : ''}`,
    );
  }
  const items = (v.value as readonly unknown[]).map((x, i) =>
    element === 'string' && x === null ? null : checkScalar(element, x, `element ${i}: `),
  );
  return { type: v.type, value: Object.freeze(items) } as DataValue;
}
