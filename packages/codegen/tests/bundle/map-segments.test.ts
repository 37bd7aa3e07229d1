import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { addToSegment, forEachSegment, type MappingSegment } from '../../src/bundle/map-segments.js';
import { encodeSegment } from '../../src/bundle/vlq.js';
import { CONFORMANCE_BUNDLE_MAP } from '../../scripts/conformance-bundle.js';

/** `mappings` from segments written as their values (deltas, as in the map): lines of segments. */
const mappingsOf = (lines: readonly (readonly (readonly number[])[])[]): string =>
  lines.map((segments) => segments.map(encodeSegment).join(',')).join(';');

/** Every segment `forEachSegment` visits, copied (the walk reuses one object). */
function walk(mappings: string, lastLine?: number): MappingSegment[] {
  const out: MappingSegment[] = [];
  forEachSegment(
    mappings,
    (s) => {
      out.push({ ...s });
      return true;
    },
    lastLine,
  );
  return out;
}

/**
 * `mappings` written again from the absolute values of the walk: each segment's deltas from the one before,
 * with as many values as it had. Only a walk whose values are right gives back the text it read.
 */
function reencode(mappings: string): string {
  const lines: string[][] = [];
  let previous = { column: 0, source: 0, originalLine: 0, originalColumn: 0, name: 0 };
  let previousLine = -1;
  forEachSegment(mappings, (s) => {
    while (lines.length <= s.line) lines.push([]);
    const column = s.line === previousLine ? previous.column : 0;
    const values = [
      s.column - column,
      s.source - previous.source,
      s.originalLine - previous.originalLine,
      s.originalColumn - previous.originalColumn,
      s.name - previous.name,
    ];
    lines[s.line]?.push(s.fields === 0 ? '' : encodeSegment(values.slice(0, s.fields)));
    previous = { ...s };
    previousLine = s.line;
    return true;
  });
  const lineCount = mappings.split(';').length;
  while (lines.length < lineCount) lines.push([]);
  return lines.map((segments) => segments.join(',')).join(';');
}

const segment = (fields: Partial<MappingSegment>): MappingSegment => ({
  line: 0,
  column: 0,
  fields: 1,
  source: 0,
  originalLine: 0,
  originalColumn: 0,
  name: 0,
  start: 0,
  end: 0,
  ...fields,
});

describe('forEachSegment', () => {
  it('gives absolute values: the generated column restarts per line, the others carry over lines', () => {
    const mappings = mappingsOf([
      [
        [2, 1, 3, 4, 2],
        [5, 1, -1, -3],
      ],
      [],
      [[1], [7, 0, 0, 6], [-2, -1, 2, 0, -1]],
    ]);
    expect(mappings).toBe('ECGIE,KCDH;;C,OAAM,FDEAD');
    expect(walk(mappings)).toEqual([
      segment({ column: 2, fields: 5, source: 1, originalLine: 3, originalColumn: 4, name: 2, end: 5 }),
      segment({
        column: 7,
        fields: 4,
        source: 2,
        originalLine: 2,
        originalColumn: 1,
        name: 2,
        start: 6,
        end: 10,
      }),
      segment({
        line: 2,
        column: 1,
        source: 2,
        originalLine: 2,
        originalColumn: 1,
        name: 2,
        start: 12,
        end: 13,
      }),
      segment({
        ...{ line: 2, column: 8, fields: 4, source: 2, originalLine: 2, originalColumn: 7, name: 2 },
        ...{ start: 14, end: 18 },
      }),
      segment({
        ...{ line: 2, column: 6, fields: 5, source: 1, originalLine: 4, originalColumn: 7, name: 1 },
        ...{ start: 19, end: 24 },
      }),
    ]);
  });

  it('returns the running values after the last segment, for a map appended after this one', () => {
    const end = forEachSegment('ECGIE,KCDH;;C', () => true);
    expect([end.source, end.originalLine, end.originalColumn, end.name]).toEqual([2, 2, 1, 2]);
    expect(forEachSegment('', () => true)).toEqual(segment({ fields: 0 }));
    expect(forEachSegment(';;;', () => true)).toEqual(segment({ line: 3, fields: 0 }));
  });

  it('visits no segment on empty lines (`;;`, leading and trailing `;`), and empty segments between commas', () => {
    expect(walk(';;A;')).toEqual([segment({ line: 2, start: 2, end: 3 })]);
    expect(walk('A,,C;,')).toEqual([
      segment({ end: 1 }),
      segment({ fields: 0, start: 2, end: 2 }),
      segment({ column: 1, start: 3, end: 4 }),
      segment({ line: 1, fields: 0, start: 5, end: 5 }),
      segment({ line: 1, fields: 0, start: 6, end: 6 }),
    ]);
  });

  it('reads 2 and 3 values as a generated column only, and values past the fifth over', () => {
    expect(walk('CC,CCC,CCCC,CCCCCC')).toEqual([
      segment({ column: 1, fields: 2, end: 2 }),
      segment({ column: 2, fields: 3, start: 3, end: 6 }),
      segment({ column: 3, fields: 4, source: 1, originalLine: 1, originalColumn: 1, start: 7, end: 11 }),
      segment({
        ...{ column: 4, fields: 6, source: 2, originalLine: 2, originalColumn: 2, name: 1 },
        ...{ start: 12, end: 18 },
      }),
    ]);
  });

  it('decodes multi-digit and negative values', () => {
    const mappings = mappingsOf([[[1_000, -20, 70_000, -1_024, 33]]]);
    expect(walk(mappings)).toEqual([
      segment({
        ...{ column: 1_000, fields: 5, source: -20, originalLine: 70_000, originalColumn: -1_024, name: 33 },
        end: mappings.length,
      }),
    ]);
  });

  it('stops when the visitor returns false, before decoding the next segment', () => {
    const seen: number[] = [];
    forEachSegment('A,C,!', (s) => {
      seen.push(s.column);
      return s.column < 1;
    });
    expect(seen).toEqual([0, 1]);
  });

  it('stops at the end of line `lastLine` without reading later lines', () => {
    expect(walk('A;C,E;!', 1).map((s) => [s.line, s.column])).toEqual([
      [0, 0],
      [1, 1],
      [1, 3],
    ]);
    expect(walk(';;A', 0)).toEqual([]);
  });

  it('rejects text that is not Base64 VLQ with the message of decodeSegment', () => {
    const visitAll = (mappings: string) => () => forEachSegment(mappings, () => true);
    expect(visitAll('AAAA;CA!A,C')).toThrow("'!' in source map segment 'CA!A' is not Base64");
    expect(visitAll('A,😀')).toThrow("'😀' in source map segment '😀' is not Base64");
    expect(visitAll('A;AAg')).toThrow("source map segment 'AAg' ends inside a number");
  });

  it('gives back a real map when its values are written again as deltas (decode → encode)', () => {
    // esbuild's map of the committed conformance bundle: the prelude, then the workers' part (joined).
    const map = JSON.parse(readFileSync(CONFORMANCE_BUNDLE_MAP, 'utf8')) as { mappings: string };
    expect(map.mappings).toContain(';;');
    expect(walk(map.mappings).filter((s) => s.fields === 5).length).toBeGreaterThan(0);
    expect(reencode(map.mappings)).toBe(map.mappings);
  });

  it('round-trips empty lines, empty segments, each field count and negative deltas', () => {
    const mappings = mappingsOf([
      [],
      [[0], [3, 2, 5, -1], [-1, -2, -5, 0, 4]],
      [],
      [],
      [[10, 0, 1, 2, -3], [4]],
    ]);
    expect(reencode(mappings)).toBe(mappings);
    expect(reencode(`;A,,C;${mappings};`)).toBe(`;A,,C;${mappings};`);
  });
});

describe('addToSegment', () => {
  it('adds each delta to its value and writes the segment again', () => {
    expect(addToSegment(encodeSegment([4, 1, -2, 3, 0]), [0, 2, 2, -5])).toBe(
      encodeSegment([4, 3, 0, -2, 0]),
    );
    expect(addToSegment('ECGIE', [-2, 0, 0, 0, 1_000])).toBe(encodeSegment([0, 1, 3, 4, 1_002]));
  });

  it('writes a value the segment lacks as the delta', () => {
    expect(addToSegment('', [5])).toBe(encodeSegment([5]));
    expect(addToSegment('C', [0, 0, 0, 0, 3])).toBe(encodeSegment([1, 0, 0, 0, 3]));
  });
});
