import { addToSegment, forEachSegment } from './map-segments.js';

/** Generated text that grew in place: the mappings on one line from one column on move right. */
export interface ColumnShift {
  /** The generated line, 0-based. */
  readonly line: number;
  /** The first generated column that moves (0-based, in UTF-16 code units, as esbuild counts them). */
  readonly from: number;
  /** How many columns it moves. */
  readonly by: number;
}

/**
 * The source map (v3 JSON) `map` made to fit its code after text in it grew in place on some lines: each
 * mapping at or after a shift's column moves right by the sum of those shifts. A segment's generated column
 * is a delta from the segment before it on its line, so only the segments where the sum changes are
 * re-encoded, and other lines stay as they are. Without shifts, `map` is returned as it is.
 */
export function shiftColumns(map: string, shifts: readonly ColumnShift[]): string {
  if (shifts.length === 0) return map;
  const parsed = JSON.parse(map) as { mappings: string };
  const lines = parsed.mappings.split(';');
  const byLine = new Map<number, ColumnShift[]>();
  for (const shift of shifts) byLine.set(shift.line, [...(byLine.get(shift.line) ?? []), shift]);
  for (const [line, onLine] of byLine) {
    const text = lines[line];
    if (text === undefined || text === '') continue;
    lines[line] = shiftLine(text, onLine);
  }
  return JSON.stringify({ ...parsed, mappings: lines.join(';') });
}

/** The mappings of one line, `text`, with each segment moved right by the shifts at or before its column. */
function shiftLine(text: string, onLine: readonly ColumnShift[]): string {
  let out = '';
  let copied = 0;
  let moved = 0;
  forEachSegment(text, (s) => {
    const by = onLine.reduce((sum, shift) => (shift.from <= s.column ? sum + shift.by : sum), 0);
    if (by === moved) return;
    // The generated column is a delta from the segment before, which has already moved by `moved`.
    out += text.slice(copied, s.start) + addToSegment(text.slice(s.start, s.end), [by - moved]);
    copied = s.end;
    moved = by;
  });
  return out + text.slice(copied);
}
