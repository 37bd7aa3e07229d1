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
interface MappingsEnd {
  readonly source: number;
  readonly line: number;
  readonly column: number;
  readonly name: number;
}

/**
 * The running values after the last segment of `mappings`: source index, original line and column and name
 * index carry over from segment to segment across lines (only the generated column restarts on each line).
 */
function mappingsEnd(mappings: string): MappingsEnd {
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

/** The first part of a joined bundle, read once: a caller that keeps it (the prelude) joins in O(second). */
export interface JoinHead {
  readonly code: string;
  /** Lines of `code` (it ends with a newline). */
  readonly lines: number;
  /** `mappings`, with one `;` per line of `code` appended, so the second part's lines follow directly. */
  readonly mappings: string;
  readonly end: MappingsEnd;
  readonly sourceCount: number;
  readonly nameCount: number;
  /** The JSON of `sources`, `sourcesContent` and `names` without their brackets. */
  readonly json: { readonly sources: string; readonly sourcesContent: string; readonly names: string };
}

/** Reads `first` for {@link joinBundles}. @throws Error when its code does not end with a newline. */
export function joinHead(first: Bundle): JoinHead {
  if (!first.code.endsWith('\n'))
    throw new Error('the first part of a joined bundle must end with a newline');
  const map = JSON.parse(first.map) as SourceMapV3;
  const lines = countChar(first.code, '\n');
  const mappedLines = countChar(map.mappings, ';');
  if (mappedLines > lines) throw new Error(`the first map has ${mappedLines + 1} lines, its code ${lines}`);
  return {
    code: first.code,
    lines,
    mappings: map.mappings + ';'.repeat(lines - mappedLines),
    end: mappingsEnd(map.mappings),
    sourceCount: map.sources.length,
    nameCount: map.names.length,
    json: {
      sources: inner(map.sources),
      sourcesContent: inner(map.sourcesContent ?? map.sources.map(() => null)),
      names: inner(map.names),
    },
  };
}

/**
 * The script `first` then `second`, as one file with one source map: the second map's lines move down by the
 * first's line count and its sources and names come after the first's. Only the second map's first segment
 * with a source and first segment with a name are re-encoded, because every later value is a delta from the
 * one before; the rest of its `mappings` is copied as it is. The map is printed as esbuild prints one, a key
 * per line.
 */
export function joinBundles(first: JoinHead, second: Bundle): Bundle {
  const b = JSON.parse(second.map) as SourceMapV3;
  const mappings = shiftMappings(b.mappings, {
    source: first.sourceCount - first.end.source,
    line: -first.end.line,
    column: -first.end.column,
    name: first.nameCount - first.end.name,
  });
  const list = (head: string, tail: readonly unknown[]): string =>
    `[${head}${head !== '' && tail.length > 0 ? ',' : ''}${inner(tail)}]`;
  const map = [
    '{',
    '  "version": 3,',
    `  "sources": ${list(first.json.sources, b.sources)},`,
    `  "sourcesContent": ${list(first.json.sourcesContent, b.sourcesContent ?? b.sources.map(() => null))},`,
    `  "mappings": ${JSON.stringify(first.mappings + mappings)},`,
    `  "names": ${list(first.json.names, b.names)}`,
    '}',
    '',
  ].join('\n');
  return { code: first.code + second.code, map };
}

/** The JSON of an array without its brackets. */
function inner(values: readonly unknown[]): string {
  return JSON.stringify(values).slice(1, -1);
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

function countChar(text: string, char: string): number {
  let n = 0;
  for (let i = text.indexOf(char); i !== -1; i = text.indexOf(char, i + 1)) n++;
  return n;
}
