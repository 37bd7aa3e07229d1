import type { SourceSpan } from '../diagnostics/source-span.js';
import { dynamicImportCall } from './dynamic-import-call.js';
import type { UnbundledImport } from './external-imports.js';
import { forEachSegment } from './map-segments.js';

/** A dynamic `import(…)` that stays in the bundle, where the user wrote it. */
export interface UnbundledImportSite {
  /**
   * The call in its source file (relative to the project root, as the source map names it), or undefined when
   * esbuild's map has no mapping for it.
   */
  readonly span: SourceSpan | undefined;
  /** The call as written (or as esbuild printed it, without a span), shortened with `…` when long. */
  readonly call: string;
  /** The module it names when its argument is one string literal, else undefined (computed). */
  readonly literal: string | undefined;
}

/** The part of a Source Map v3 this reads. */
interface SourceMapV3 {
  readonly sources: readonly string[];
  readonly sourcesContent?: readonly (string | null)[];
  readonly mappings: string;
}

/** An original position: source index, 0-based line and column. */
interface Original {
  readonly source: number;
  readonly line: number;
  readonly column: number;
}

/**
 * Looks `imports` (in the order of the output, as {@link toWorkersScript} lists them) up in `map`, the source
 * map of esbuild's output of the workers' part (before any column shift), in one pass over its mappings up
 * to the last of them. Each maps to the last segment at or before its column on its line, which esbuild
 * puts on the `import` keyword; the call's text and end come from the source's text when the map carries it.
 * Called only when there is something to report, so a bundle without such imports never decodes its map.
 */
export function locateUnbundledImports(
  map: string,
  imports: readonly UnbundledImport[],
): UnbundledImportSite[] {
  if (imports.length === 0) return [];
  const parsed = JSON.parse(map) as SourceMapV3;
  const found = new Map<UnbundledImport, Original>();
  let onLine: UnbundledImport[] = [];
  let onLineOf = -1;
  let next = 0;
  const last = imports[imports.length - 1]?.line ?? -1;
  forEachSegment(
    parsed.mappings,
    (s) => {
      if (s.line !== onLineOf) {
        onLineOf = s.line;
        onLine = [];
        // Imports on lines without segments map to nothing; they are passed over.
        while (next < imports.length && (imports[next]?.line ?? 0) < s.line) next++;
        for (let i = imports[next]; i?.line === s.line; i = imports[++next]) onLine.push(i);
      }
      const mapped = s.fields >= 4;
      for (const i of onLine) {
        if (s.column > i.column) continue;
        if (mapped) found.set(i, { source: s.source, line: s.originalLine, column: s.originalColumn });
        else found.delete(i); // a segment without a source ends the previous mapping
      }
    },
    last,
  );
  return imports.map((i) => {
    const at = found.get(i);
    const file = at === undefined ? undefined : parsed.sources[at.source];
    if (at === undefined || file === undefined) return { span: undefined, call: i.text, literal: i.literal };
    return {
      ...siteIn(file.replaceAll('\\', '/'), parsed.sourcesContent?.[at.source], at, i.text),
      literal: i.literal,
    };
  });
}

/** The span and text of the call at `at` in `file`, whose text (if the map has it) gives the call's end. */
function siteIn(
  file: string,
  content: string | null | undefined,
  at: Original,
  printed: string,
): { span: SourceSpan; call: string } {
  const start = { line: at.line + 1, column: at.column + 1 };
  const offset = content == null ? -1 : offsetOf(content, at.line, at.column);
  const call = content == null || offset === -1 ? undefined : dynamicImportCall(content, offset);
  if (content == null || call === undefined) {
    const span = { file, ...start, endLine: start.line, endColumn: start.column + 'import'.length };
    return { span, call: printed };
  }
  const written = content.slice(offset, call.end);
  const newlines = written.split('\n').length - 1;
  const endColumn =
    newlines === 0 ? start.column + written.length : written.length - written.lastIndexOf('\n');
  return { span: { file, ...start, endLine: start.line + newlines, endColumn }, call: call.text };
}

/** The offset of 0-based `line` and `column` in `text`, or -1 when it has fewer lines. */
function offsetOf(text: string, line: number, column: number): number {
  let start = 0;
  for (let l = 0; l < line; l++) {
    const nl = text.indexOf('\n', start);
    if (nl === -1) return -1;
    start = nl + 1;
  }
  return start + column;
}
