import { decodeSegment, encodeSegment } from './vlq.js';

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
    let column = 0;
    let moved = 0;
    lines[line] = text
      .split(',')
      .map((segment) => {
        const v = decodeSegment(segment);
        column += v[0] ?? 0;
        const by = onLine.reduce((sum, s) => (s.from <= column ? sum + s.by : sum), 0);
        if (by === moved) return segment;
        v[0] = (v[0] ?? 0) + by - moved;
        moved = by;
        return encodeSegment(v);
      })
      .join(',');
  }
  return JSON.stringify({ ...parsed, mappings: lines.join(';') });
}
