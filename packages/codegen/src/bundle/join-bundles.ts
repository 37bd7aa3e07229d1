import type { Bundle } from './create-bundle.js';
import { addToSegment, forEachSegment } from './map-segments.js';

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
  const end = forEachSegment(mappings, () => true);
  return { source: end.source, line: end.originalLine, column: end.originalColumn, name: end.name };
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
  let out = '';
  let copied = 0;
  let sourceDone = false;
  let nameDone = false;
  forEachSegment(mappings, (s) => {
    const source = !sourceDone && s.fields >= 4;
    const name = !nameDone && s.fields >= 5;
    if (source || name) {
      const deltas = source ? [0, by.source, by.line, by.column] : [0, 0, 0, 0];
      if (name) deltas.push(by.name);
      out += mappings.slice(copied, s.start) + addToSegment(mappings.slice(s.start, s.end), deltas);
      copied = s.end;
      sourceDone ||= source;
      nameDone ||= name;
    }
    // Every later value is a delta from these two, so the rest is not even decoded.
    return !(sourceDone && nameDone);
  });
  return out + mappings.slice(copied);
}

function countChar(text: string, char: string): number {
  let n = 0;
  for (let i = text.indexOf(char); i !== -1; i = text.indexOf(char, i + 1)) n++;
  return n;
}
