import { describeValue } from '../internal/describe-value.js';
import { Data } from './data.js';
import type { DataType, DataValue } from './data-value.js';

/**
 * The lossless JSON text of a {@link Data} that crosses the bridge for input mergers (bridge protocol v1,
 * `merge`): `{"key":["int",3],"names":["string[]",["a",null]]}`, one `[type, value]` pair per key, types
 * named as {@link DataType}. JSON cannot hold every value a Kotlin `Data` can, so:
 *
 * - `long` values are decimal strings (`["long","9007199254740993"]`), because a Kotlin `Long` may exceed
 *   JavaScript's safe integers; reading one that does is an error rather than a silently rounded number;
 * - `float`/`double` values that JSON has no number for are the strings `"NaN"`, `"Infinity"`,
 *   `"-Infinity"` and `"-0"`.
 */
export type TaggedDataJson = Readonly<Record<string, readonly [DataType, unknown]>>;

/** Encodes `data` as {@link TaggedDataJson} text. */
export function dataToTaggedJson(data: Data): string {
  // fromEntries defines own properties, so a key such as `__proto__` stays a key.
  const out = Object.fromEntries(
    data.keys().map((key) => {
      const { type, value } = data.get(key) as DataValue;
      return [key, [type, encodeValue(type, value)]];
    }),
  );
  return JSON.stringify(out);
}

/**
 * Decodes {@link TaggedDataJson} text. `what` names the data in errors, e.g. `inputs[1] of merger 'X'`.
 * @throws TypeError for text that is not tagged Data JSON, InvalidDataError for values that do not fit their
 * type (a `long` past the safe integers, a `byte` out of range, ...), DataTooLargeError past 10,240 bytes.
 */
export function dataFromTaggedJson(json: string, what: string): Data {
  if (typeof json !== 'string') throw new TypeError(`${what} must be JSON text, got ${describeValue(json)}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new TypeError(`${what} is not JSON: ${json.slice(0, 200)}`);
  }
  return dataFromTaggedValue(parsed, what);
}

/** {@link dataFromTaggedJson} for text already parsed (an element of a JSON array of Data). */
export function dataFromTaggedValue(parsed: unknown, what: string): Data {
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new TypeError(`${what} must be a JSON object of [type, value] pairs`);
  }
  const builder = Data.builder();
  for (const [key, pair] of Object.entries(parsed)) {
    if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'string') {
      throw new TypeError(`${what}: key '${key}' must be a [type, value] pair, got ${JSON.stringify(pair)}`);
    }
    const type = pair[0] as DataType;
    builder.put(key, { type, value: decodeValue(type, pair[1], `${what}: key '${key}'`) } as DataValue);
  }
  return builder.build();
}

const SPECIAL_NUMBERS: ReadonlyMap<string, number> = new Map([
  ['NaN', NaN],
  ['Infinity', Infinity],
  ['-Infinity', -Infinity],
  ['-0', -0],
]);

function encodeNumber(type: string, n: number): unknown {
  if (type === 'long') return String(n);
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return 'Infinity';
  if (n === -Infinity) return '-Infinity';
  if (Object.is(n, -0)) return '-0';
  return n;
}

const NUMBER_TYPES: ReadonlySet<string> = new Set(['byte', 'int', 'long', 'float', 'double']);

function encodeValue(type: DataType, value: unknown): unknown {
  const element = type.endsWith('[]') ? type.slice(0, -2) : type;
  if (!NUMBER_TYPES.has(element)) return value;
  return Array.isArray(value)
    ? value.map((n: number) => encodeNumber(element, n))
    : encodeNumber(element, value as number);
}

function decodeNumber(element: string, raw: unknown, where: string): number {
  if (element === 'long') {
    if (typeof raw !== 'string' || !/^-?\d+$/.test(raw)) {
      throw new TypeError(`${where}: a long must be a decimal string, got ${JSON.stringify(raw)}`);
    }
    const n = Number(raw);
    if (!Number.isSafeInteger(n)) {
      throw new RangeError(
        `${where}: the long ${raw} is outside JavaScript's safe integers (±${Number.MAX_SAFE_INTEGER}), which Data on this side can hold`,
      );
    }
    return n;
  }
  if (typeof raw === 'number') return raw;
  const special = typeof raw === 'string' ? SPECIAL_NUMBERS.get(raw) : undefined;
  if (special === undefined) throw new TypeError(`${where}: expected a number, got ${JSON.stringify(raw)}`);
  return special;
}

function decodeValue(type: DataType, raw: unknown, where: string): unknown {
  const element = type.endsWith('[]') ? type.slice(0, -2) : type;
  // Data.Builder.put checks booleans, strings, null and unknown type names.
  if (!NUMBER_TYPES.has(element)) return raw;
  if (type.endsWith('[]')) {
    if (!Array.isArray(raw)) throw new TypeError(`${where}: expected an array, got ${JSON.stringify(raw)}`);
    return raw.map((n, i) => decodeNumber(element, n, `${where}[${i}]`));
  }
  return decodeNumber(element, raw, where);
}
