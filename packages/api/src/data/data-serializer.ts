import { WorkscriptError } from '../errors.js';
import {
  DATA_SCALAR_TYPES,
  elementTypeOf,
  type DataScalarType,
  type DataType,
  type DataValue,
} from './data-value.js';
import { modifiedUtf8Length, readModifiedUtf8, writeModifiedUtf8 } from './modified-utf8.js';

/**
 * androidx.work's Data wire format V1 (`Data.toByteArrayInternalV1`), reproduced byte for byte so the
 * 10,240-byte limit trips on exactly the same inputs on Node and on Android:
 *
 *   header   u16 magic 0xABEF, u16 version 1
 *   count    i32 number of entries
 *   entry    u8 type tag, value, key as writeUTF (u16 length + modified UTF-8)
 *   values   null: nothing; boolean/byte: 1; int/float: 4; long/double: 8 (big-endian);
 *            string: writeUTF; arrays: i32 length + elements, a null string element written as
 *            {@link NULL_STRING_V1}.
 *
 * Entries are written in the Data's key order. androidx iterates a HashMap, so its byte order may differ;
 * sizes never do.
 */

/** Size of the header plus the entry count. */
const HEADER_BYTES = 8;
const STREAM_MAGIC = 0xabef;
const STREAM_VERSION = 1;
/** Java serialization's magic (format V0, written by WorkManager before 2.9); not read here. */
const JAVA_OBJECT_STREAM_MAGIC = 0xaced;

/** How androidx writes a null element of a String array. */
export const NULL_STRING_V1 = 'androidx.work.Data-95ed6082-b8e9-46e8-a73f-ff56f00f5d9d';

const TYPE_NULL = 0;
/** Tag of a scalar type; the array of the same element type has tag + 7. */
const scalarTag = (t: DataScalarType): number => DATA_SCALAR_TYPES.indexOf(t) + 1;
const tagOf = (type: DataType): number => {
  if (type === 'null') return TYPE_NULL;
  const element = elementTypeOf(type);
  return element === undefined ? scalarTag(type as DataScalarType) : scalarTag(element) + 7;
};
const typeOfTag = (tag: number): DataType | undefined => {
  if (tag === TYPE_NULL) return 'null';
  if (tag >= 1 && tag <= 7) return DATA_SCALAR_TYPES[tag - 1];
  if (tag >= 8 && tag <= 14) return `${DATA_SCALAR_TYPES[tag - 8] as DataScalarType}[]`;
  return undefined;
};

const FIXED_WIDTH: Record<Exclude<DataScalarType, 'string'>, number> = {
  boolean: 1,
  byte: 1,
  int: 4,
  long: 8,
  float: 4,
  double: 8,
};

const utfSize = (s: string): number => 2 + modifiedUtf8Length(s);
const NULL_STRING_SIZE = utfSize(NULL_STRING_V1);

function valueSize(v: DataValue): number {
  switch (v.type) {
    case 'null':
      return 0;
    case 'string':
      return utfSize(v.value);
    case 'string[]':
      return 4 + v.value.reduce((n, s) => n + (s === null ? NULL_STRING_SIZE : utfSize(s)), 0);
    default: {
      const element = elementTypeOf(v.type);
      if (element === undefined) return FIXED_WIDTH[v.type as keyof typeof FIXED_WIDTH];
      return 4 + (v.value as readonly unknown[]).length * FIXED_WIDTH[element as keyof typeof FIXED_WIDTH];
    }
  }
}

/** Exact number of bytes androidx's `toByteArrayInternalV1` produces for these entries. */
export function serializedSize(entries: ReadonlyMap<string, DataValue>): number {
  let n = HEADER_BYTES;
  for (const [key, value] of entries) n += 1 + valueSize(value) + utfSize(key);
  return n;
}

/** Serializes entries in format V1. Callers check the size limit first. */
export function encodeEntries(entries: ReadonlyMap<string, DataValue>): Uint8Array {
  const out = new Uint8Array(serializedSize(entries));
  const view = new DataView(out.buffer);
  let o = 0;
  const u16 = (n: number) => {
    view.setUint16(o, n);
    o += 2;
  };
  const i32 = (n: number) => {
    view.setInt32(o, n);
    o += 4;
  };
  const utf = (s: string) => {
    u16(modifiedUtf8Length(s));
    o = writeModifiedUtf8(s, out, o);
  };
  const scalar = (type: DataScalarType, x: unknown) => {
    switch (type) {
      case 'boolean':
        out[o++] = x ? 1 : 0;
        return;
      case 'byte':
        view.setInt8(o++, x as number);
        return;
      case 'int':
        return i32(x as number);
      case 'long':
        view.setBigInt64(o, BigInt(x as number));
        o += 8;
        return;
      case 'float':
        view.setFloat32(o, x as number);
        o += 4;
        return;
      case 'double':
        view.setFloat64(o, x as number);
        o += 8;
        return;
      case 'string':
        return utf(x === null ? NULL_STRING_V1 : (x as string));
    }
  };
  u16(STREAM_MAGIC);
  u16(STREAM_VERSION);
  i32(entries.size);
  for (const [key, v] of entries) {
    out[o++] = tagOf(v.type);
    const element = elementTypeOf(v.type);
    if (element !== undefined) {
      const items = v.value as readonly unknown[];
      i32(items.length);
      for (const item of items) scalar(element, item);
    } else if (v.type !== 'null') {
      scalar(v.type as DataScalarType, v.value);
    }
    utf(key);
  }
  return out;
}

/** Thrown when bytes are not a Data V1 stream. */
export class MalformedDataError extends WorkscriptError {
  constructor(message: string) {
    super('malformed-data', `Cannot read Data bytes: ${message}`);
  }
}

/** Parses format V1 bytes into entries (in stream order). The caller handles the empty array and size limit. */
export function decodeEntries(bytes: Uint8Array): Map<string, DataValue> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let o = 0;
  const need = (n: number) => {
    if (o + n > bytes.length) throw new MalformedDataError(`unexpected end of data at byte ${o}`);
  };
  const u16 = () => (need(2), (o += 2), view.getUint16(o - 2));
  const i32 = () => (need(4), (o += 4), view.getInt32(o - 4));
  const utf = () => {
    const len = u16();
    need(len);
    const s = readModifiedUtf8(bytes, o, len);
    o += len;
    return s;
  };
  const scalar = (type: DataScalarType): unknown => {
    switch (type) {
      case 'boolean':
        need(1);
        return bytes[o++] !== 0;
      case 'byte':
        need(1);
        return view.getInt8(o++);
      case 'int':
        return i32();
      case 'long': {
        need(8);
        o += 8;
        return Number(view.getBigInt64(o - 8));
      }
      case 'float':
        need(4);
        o += 4;
        return view.getFloat32(o - 4);
      case 'double':
        need(8);
        o += 8;
        return view.getFloat64(o - 8);
      case 'string':
        return utf();
    }
  };
  const magic = u16();
  if (magic === JAVA_OBJECT_STREAM_MAGIC) {
    throw new MalformedDataError(
      'this is WorkManager’s legacy Java-serialization format (V0), which is not supported',
    );
  }
  if (magic !== STREAM_MAGIC)
    throw new MalformedDataError(`magic number doesn't match: 0x${magic.toString(16)}`);
  const version = u16();
  if (version !== STREAM_VERSION) throw new MalformedDataError(`unsupported version number: ${version}`);
  const count = i32();
  const entries = new Map<string, DataValue>();
  for (let i = 0; i < count; i++) {
    need(1);
    const tag = bytes[o++] as number;
    const type = typeOfTag(tag);
    if (type === undefined) throw new MalformedDataError(`unsupported type ${tag}`);
    let value: unknown = null;
    const element = elementTypeOf(type);
    if (element !== undefined) {
      const n = i32();
      const items: unknown[] = [];
      for (let k = 0; k < n; k++) {
        const item = scalar(element);
        items.push(element === 'string' && item === NULL_STRING_V1 ? null : item);
      }
      value = Object.freeze(items);
    } else if (type !== 'null') {
      value = scalar(type as DataScalarType);
    }
    entries.set(utf(), { type, value } as DataValue);
  }
  return entries;
}
