/**
 * Base64 VLQ, the number encoding of source map `mappings` (Source Map v3): each value is its sign in the
 * lowest bit, then 5 bits per Base64 digit, least significant first, with bit 6 set on all but the last.
 */
const DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** A Base64 digit's value by character code (below 128), -1 for every other character below 128. */
export const BASE64_DIGIT_VALUE: Readonly<Int8Array> = (() => {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < DIGITS.length; i++) table[DIGITS.charCodeAt(i)] = i;
  return table;
})();

/** The values of one segment (`AAgBC`), as written: deltas, not absolute positions. */
export function decodeSegment(segment: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const c of segment) {
    const code = c.charCodeAt(0);
    const digit = code < 128 ? (BASE64_DIGIT_VALUE[code] ?? -1) : -1;
    if (digit === -1) throw new Error(`'${c}' in source map segment '${segment}' is not Base64`);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    values.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  if (shift !== 0) throw new Error(`source map segment '${segment}' ends inside a number`);
  return values;
}

/** The segment text of `values`. */
export function encodeSegment(values: readonly number[]): string {
  let out = '';
  for (const v of values) {
    let rest = v < 0 ? (-v << 1) | 1 : v << 1;
    do {
      let digit = rest & 31;
      rest >>>= 5;
      if (rest > 0) digit |= 32;
      out += DIGITS[digit];
    } while (rest > 0);
  }
  return out;
}
