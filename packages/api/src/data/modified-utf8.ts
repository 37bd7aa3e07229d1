/**
 * Java's "modified UTF-8" (DataOutputStream.writeUTF), which androidx uses for Data keys and strings.
 * It differs from UTF-8 in two ways that change byte counts: U+0000 takes 2 bytes, and characters outside
 * the BMP are encoded as two 3-byte surrogates (6 bytes, not 4). It works on UTF-16 code units, so lone
 * surrogates are encoded too.
 */

/** writeUTF refuses strings whose encoding exceeds this many bytes (the length prefix is an unsigned short). */
export const MAX_MODIFIED_UTF8_BYTES = 65_535;

/** Number of bytes `s` occupies in modified UTF-8, without the 2-byte length prefix. */
export function modifiedUtf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    n += c >= 0x0001 && c <= 0x007f ? 1 : c <= 0x07ff ? 2 : 3;
  }
  return n;
}

/** Encodes `s` into `out` at `offset`; returns the offset after the last byte written. */
export function writeModifiedUtf8(s: string, out: Uint8Array, offset: number): number {
  let o = offset;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x0001 && c <= 0x007f) {
      out[o++] = c;
    } else if (c <= 0x07ff) {
      out[o++] = 0xc0 | (c >> 6);
      out[o++] = 0x80 | (c & 0x3f);
    } else {
      out[o++] = 0xe0 | (c >> 12);
      out[o++] = 0x80 | ((c >> 6) & 0x3f);
      out[o++] = 0x80 | (c & 0x3f);
    }
  }
  return o;
}

/** Decodes `length` bytes of modified UTF-8 starting at `offset`. Throws on malformed input. */
export function readModifiedUtf8(bytes: Uint8Array, offset: number, length: number): string {
  const units: number[] = [];
  const end = offset + length;
  let i = offset;
  const next = (): number => {
    const b = bytes[i++];
    if (b === undefined || i > end || (b & 0xc0) !== 0x80)
      throw new Error(`malformed modified UTF-8 at byte ${i - 1}`);
    return b & 0x3f;
  };
  while (i < end) {
    const b = bytes[i++] as number;
    if (b < 0x80) units.push(b);
    else if ((b & 0xe0) === 0xc0) units.push(((b & 0x1f) << 6) | next());
    else if ((b & 0xf0) === 0xe0) units.push(((b & 0x0f) << 12) | (next() << 6) | next());
    else throw new Error(`malformed modified UTF-8 at byte ${i - 1}`);
  }
  // Chunked: spreading tens of thousands of arguments risks the engine's argument limit (QuickJS is lower).
  let s = '';
  for (let k = 0; k < units.length; k += 4096) s += String.fromCharCode(...units.slice(k, k + 4096));
  return s;
}
