import { BASE64_DIGIT_VALUE, decodeSegment, encodeSegment } from './vlq.js';

/**
 * One segment of a source map's `mappings` (Source Map v3), with absolute values, all 0-based. A walk hands
 * the same object to each visit, so a visitor copies what it keeps.
 */
export interface MappingSegment {
  /** Generated line: the number of `;` before the segment. */
  readonly line: number;
  /** Generated column, in UTF-16 code units; it restarts at 0 on each line. */
  readonly column: number;
  /**
   * How many values the segment holds: 1 (a generated column only), 4 (and a source position), 5 (and a
   * name); 0 for an empty segment (`,,`, or a line that ends with `,`). The spec allows no other count; a
   * segment of 2 or 3 leaves the original values as they were, as one of 1 does, and values past the fifth
   * are decoded but not used, so that such a map reads as `decodeSegment`'s callers have always read it.
   */
  readonly fields: number;
  /**
   * Source index, original line and column: this segment's when it has 4 fields or more, else the last
   * segment's that had them, since these values are deltas that carry over segments and lines.
   */
  readonly source: number;
  readonly originalLine: number;
  readonly originalColumn: number;
  /** Name index: this segment's when it has 5 fields or more, else the last one's, as for `source`. */
  readonly name: number;
  /** Where the segment's text starts in `mappings`. */
  readonly start: number;
  /** Where it ends: at the `,` or `;` after it, or at the end of `mappings`. */
  readonly end: number;
}

const COMMA = 44;
const SEMICOLON = 59;

/**
 * Calls `visit` with each segment of `mappings` in order, with its absolute values, until `visit` returns
 * false or line `lastLine` ends; later text is not read, so a caller that needs only the first segments
 * (or lines) pays only for those. The text of one line is a `mappings` of one line: its generated columns
 * are right, its original values are relative to where the lines before it left them.
 *
 * Segments are decoded in place (no array, string or object per segment), because the map of a large
 * project has many (~77,000 at the codegen benchmark's 1,000 workers). An empty line has no segment.
 *
 * @returns the segment object as the walk left it: its source, original position and name are where the
 * running values stand after the last segment read (all 0 when there was none), which is what a map that is
 * appended after this one must continue from.
 * @throws Error as {@link decodeSegment} does for a segment that is not Base64 VLQ (with the same message).
 */
export function forEachSegment(
  mappings: string,
  visit: (segment: MappingSegment) => boolean | undefined,
  lastLine = Infinity,
): MappingSegment {
  const s = {
    line: 0,
    column: 0,
    fields: 0,
    source: 0,
    originalLine: 0,
    originalColumn: 0,
    name: 0,
    start: 0,
    end: 0,
  };
  const length = mappings.length;
  // A local: an imported binding is checked on every read, and this one is read once per digit.
  const digitValues = BASE64_DIGIT_VALUE;
  let i = 0;
  for (;;) {
    // The end of `mappings` ends its last line as a `;` would.
    let code = i < length ? mappings.charCodeAt(i) : SEMICOLON;
    // A line with text has at least one segment, even an empty one (`,` alone is two), as split(',') gives.
    if (code !== SEMICOLON) {
      for (;;) {
        s.start = i;
        let fields = 0;
        let value = 0;
        let shift = 0;
        let source = 0;
        let line = 0;
        let column = 0;
        let name = 0;
        for (; i < length; i++) {
          code = mappings.charCodeAt(i);
          if (code === COMMA || code === SEMICOLON) break;
          const digit = code < 128 ? (digitValues[code] ?? -1) : -1;
          if (digit === -1) rejectSegment(mappings, s.start);
          // The arithmetic of decodeSegment, so that every input gives the values it gave.
          value += (digit & 31) << shift;
          if (digit & 32) {
            shift += 5;
            continue;
          }
          const v = value & 1 ? -(value >>> 1) : value >>> 1;
          value = 0;
          shift = 0;
          if (fields === 0) s.column += v;
          else if (fields === 1) source = v;
          else if (fields === 2) line = v;
          else if (fields === 3) column = v;
          else if (fields === 4) name = v;
          fields++;
        }
        if (shift !== 0) rejectSegment(mappings, s.start);
        s.end = i;
        s.fields = fields;
        if (fields >= 4) {
          s.source += source;
          s.originalLine += line;
          s.originalColumn += column;
          if (fields >= 5) s.name += name;
        }
        if (visit(s) === false) return s;
        if (i >= length || code === SEMICOLON) break;
        i++; // past the comma
      }
    }
    if (i >= length || s.line >= lastLine) return s;
    i++; // past the semicolon
    s.line++;
    s.column = 0;
  }
}

/** Throws decodeSegment's error for the segment at `start`, whose text is not Base64 VLQ. */
function rejectSegment(mappings: string, start: number): never {
  let end = start;
  while (end < mappings.length && mappings[end] !== ',' && mappings[end] !== ';') end++;
  decodeSegment(mappings.slice(start, end));
  // Not reached: the walk stops only on text that decodeSegment rejects. This keeps the type `never`.
  throw new Error(`source map segment '${mappings.slice(start, end)}' is not Base64 VLQ`);
}

/**
 * The segment `text` with `deltas[i]` added to its i-th value (a value it lacks counts as 0, and is then
 * written). Values are deltas from the segment before, so changing one segment moves every later one that
 * depends on it: callers re-encode only the segments where the change starts or its size changes.
 */
export function addToSegment(text: string, deltas: readonly number[]): string {
  const values = decodeSegment(text);
  deltas.forEach((delta, i) => {
    values[i] = (values[i] ?? 0) + delta;
  });
  return encodeSegment(values);
}
