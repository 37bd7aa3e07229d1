import {
  MAX_MODIFIED_UTF8_BYTES,
  modifiedUtf8Length,
  readModifiedUtf8,
  writeModifiedUtf8,
  type ContentUriTrigger,
} from '@workscript/api';
import { StoredValueError } from './stored-value-error.js';

/**
 * `work_spec.content_uri_triggers` as androidx writes it (WorkTypeConverters `setOfTriggersToByteArray`):
 * nothing for no triggers (which is what `LENGTH(content_uri_triggers) <> 0` tests), else a Java
 * ObjectOutputStream holding an int count and, per trigger, `writeUTF(uri)` and `writeBoolean(descendants)`.
 * A database written here reads the same as a device's.
 */

const STREAM_HEADER = [0xac, 0xed, 0x00, 0x05];
/** ObjectOutputStream flushes its primitive data in blocks of at most 1,024 bytes. */
const MAX_BLOCK = 1024;
const TC_BLOCKDATA = 0x77;
const TC_BLOCKDATALONG = 0x7a;
const EMPTY = new Uint8Array(0);
const NONE: readonly ContentUriTrigger[] = Object.freeze([]);

/** The column value for `triggers`. */
export function triggersToBytes(triggers: readonly ContentUriTrigger[]): Uint8Array {
  if (triggers.length === 0) return EMPTY;
  const data: number[] = [];
  pushInt(data, triggers.length);
  for (const t of triggers) {
    pushUtf(data, t.uri);
    data.push(t.isTriggeredForDescendants ? 1 : 0);
  }
  const out = [...STREAM_HEADER];
  for (let at = 0; at < data.length; at += MAX_BLOCK) {
    const block = data.slice(at, at + MAX_BLOCK);
    if (block.length <= 0xff) out.push(TC_BLOCKDATA, block.length);
    else {
      out.push(TC_BLOCKDATALONG);
      pushInt(out, block.length);
    }
    out.push(...block);
  }
  return Uint8Array.from(out);
}

/**
 * The triggers stored in a column value.
 * @throws Error naming the problem when the bytes are not what {@link triggersToBytes} (or androidx) writes.
 */
export function bytesToTriggers(bytes: Uint8Array): readonly ContentUriTrigger[] {
  if (bytes.length === 0) return NONE;
  const data = blockData(bytes);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let at = 0;
  const take = (n: number): number => {
    if (at + n > data.length) throw corrupt('it ends early');
    at += n;
    return at - n;
  };
  const count = view.getInt32(take(4));
  const triggers: ContentUriTrigger[] = [];
  for (let i = 0; i < count; i++) {
    const length = view.getUint16(take(2));
    const uri = readUtf(data, take(length), length);
    const isTriggeredForDescendants = view.getUint8(take(1)) !== 0;
    triggers.push(Object.freeze({ uri, isTriggeredForDescendants }));
  }
  return Object.freeze(triggers);
}

/** The primitive data of an ObjectOutputStream: its block-data records, concatenated. */
function blockData(bytes: Uint8Array): Uint8Array {
  if (!STREAM_HEADER.every((b, i) => bytes[i] === b)) throw corrupt('it is not a Java object stream');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: Uint8Array[] = [];
  let at = STREAM_HEADER.length;
  while (at < bytes.length) {
    const tag = view.getUint8(at);
    let length: number;
    if (tag === TC_BLOCKDATA && at + 2 <= bytes.length) {
      length = view.getUint8(at + 1);
      at += 2;
    } else if (tag === TC_BLOCKDATALONG && at + 5 <= bytes.length) {
      length = view.getUint32(at + 1);
      at += 5;
    } else {
      throw corrupt(`it holds record 0x${tag.toString(16)} where block data was expected`);
    }
    if (at + length > bytes.length) throw corrupt('a block ends early');
    parts.push(bytes.subarray(at, at + length));
    at += length;
  }
  return Buffer.concat(parts);
}

function pushInt(out: number[], n: number): void {
  out.push((n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
}

/** `DataOutput.writeUTF`: a u16 length, then modified UTF-8 (U+0000 as two bytes, surrogates one by one). */
/** `DataOutput.writeUTF`: a u16 length, then modified UTF-8 (the api's codec, as for Data strings). */
function pushUtf(out: number[], s: string): void {
  const length = modifiedUtf8Length(s);
  // The api refuses longer URIs before they get here (a Data string has the same limit).
  if (length > MAX_MODIFIED_UTF8_BYTES)
    throw new RangeError(`Content URI too long to store: ${length} bytes`);
  const bytes = new Uint8Array(length);
  writeModifiedUtf8(s, bytes, 0);
  out.push(length >> 8, length & 0xff, ...bytes);
}

/** `DataInput.readUTF`'s decoding of the bytes after the length (the api's codec). */
function readUtf(data: Uint8Array, offset: number, length: number): string {
  try {
    return readModifiedUtf8(data, offset, length);
  } catch (e) {
    throw corrupt((e as Error).message);
  }
}

function corrupt(why: string): Error {
  return new StoredValueError(`content_uri_triggers cannot be read (${why})`);
}
