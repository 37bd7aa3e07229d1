import type { Bundle } from './create-bundle.js';
import { decodeSegment, encodeSegment } from './vlq.js';

/** A parsed Source Map v3 as esbuild writes it. */
interface SourceMapV3 {
  readonly version: 3;
  readonly sources: readonly string[];
  readonly sourcesContent?: readonly (string | null)[];
  readonly mappings: string;
  readonly names: readonly string[];
}

/** Where the running values of a map's `mappings` stand after its last segment (all absolute). */
export interface MappingsEnd {
  readonly source: number;
  readonly line: number;
  readonly column: number;
  readonly name: number;
}

/**
 * The running values after the last segment of `mappings`: source index, original line and column and name
 * index carry over from segment to segment across lines (only the generated column restarts on each line).
 */
export function mappingsEnd(mappings: string): MappingsEnd {
  const end = { source: 0, line: 0, column: 0, name: 0 };
  for (const line of mappings.split(';')) {
    if (line === '') continue;
    for (const segment of line.split(',')) {
      const v = decodeSegment(segment);
      if (v.length < 4) continue;
      end.source += v[1] ?? 0;
      end.line += v[2] ?? 0;
      end.column += v[3] ?? 0;
      if (v.length >= 5) end.name += v[4] ?? 0;
    }
  }
  return end;
}

/**
 * The script `first` then `second`, as one file with one source map: the second map's lines move down by the
 * first's line count and its sources and names come after the first's. Only the second map's first segment
 * with a source and first segment with a name are re-encoded, because every later value is a delta from the
 * one before; the rest of its `mappings` is copied as it is.
 *
 * @param firstEnd `mappingsEnd(first's mappings)`, passed in so that a caller who keeps `first` computes it
 * once.
 */
export function joinBundles(first: Bundle, firstEnd: MappingsEnd, second: Bundle): Bundle {
  if (!first.code.endsWith('\n'))
    throw new Error('the first part of a joined bundle must end with a newline');
  const a = JSON.parse(first.map) as SourceMapV3;
  const b = JSON.parse(second.map) as SourceMapV3;
  const lines = countNewlines(first.code);
  const mappedLines = countChar(a.mappings, ';');
  if (mappedLines > lines) throw new Error(`the first map has ${mappedLines + 1} lines, its code ${lines}`);
  const map: SourceMapV3 = {
    version: 3,
    sources: [...a.sources, ...b.sources],
    sourcesContent: [
      ...(a.sourcesContent ?? a.sources.map(() => null)),
      ...(b.sourcesContent ?? b.sources.map(() => null)),
    ],
    mappings:
      a.mappings +
      ';'.repeat(lines - mappedLines) +
      shiftMappings(b.mappings, {
        source: a.sources.length - firstEnd.source,
        line: -firstEnd.line,
        column: -firstEnd.column,
        name: a.names.length - firstEnd.name,
      }),
    names: [...a.names, ...b.names],
  };
  return { code: first.code + second.code, map: printMap(map) };
}

/** Adds `by` to the first source (with line and column) and the first name delta of `mappings`. */
function shiftMappings(mappings: string, by: MappingsEnd): string {
  let out = mappings;
  let sourceDone = false;
  let nameDone = false;
  let start = 0;
  while (start < out.length && !(sourceDone && nameDone)) {
    let end = start;
    while (end < out.length && out[end] !== ',' && out[end] !== ';') end++;
    if (end > start) {
      const v = decodeSegment(out.slice(start, end));
      let changed = false;
      if (!sourceDone && v.length >= 4) {
        v[1] = (v[1] ?? 0) + by.source;
        v[2] = (v[2] ?? 0) + by.line;
        v[3] = (v[3] ?? 0) + by.column;
        sourceDone = changed = true;
      }
      if (!nameDone && v.length >= 5) {
        v[4] = (v[4] ?? 0) + by.name;
        nameDone = changed = true;
      }
      if (changed) {
        const segment = encodeSegment(v);
        out = out.slice(0, start) + segment + out.slice(end);
        end = start + segment.length;
      }
    }
    start = end + 1;
  }
  return out;
}

/** The map as esbuild prints one: a key per line, each value on one line. */
function printMap(map: SourceMapV3): string {
  const keys = ['version', 'sources', 'sourcesContent', 'mappings', 'names'] as const;
  return `{\n${keys.map((k) => `  ${JSON.stringify(k)}: ${JSON.stringify(map[k])}`).join(',\n')}\n}\n`;
}

function countNewlines(text: string): number {
  return countChar(text, '\n');
}

function countChar(text: string, char: string): number {
  let n = 0;
  for (let i = text.indexOf(char); i !== -1; i = text.indexOf(char, i + 1)) n++;
  return n;
}
