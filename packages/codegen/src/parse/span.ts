import path from 'node:path';
import type { Node, ts } from 'ts-morph';
import type { SourceSpan } from '../diagnostics/source-span.js';

/** Relative paths already computed, by root then file: every span of a file asks for the same one. */
const RELATIVE = new Map<string, Map<string, string>>();

/** Path of `file` relative to `root`, `/`-separated, so spans never carry absolute paths. */
export function relativePath(root: string, file: string): string {
  let byFile = RELATIVE.get(root);
  if (byFile === undefined) RELATIVE.set(root, (byFile = new Map()));
  let rel = byFile.get(file);
  if (rel === undefined) byFile.set(file, (rel = path.relative(root, file).split(path.sep).join('/')));
  return rel;
}

/** Positions of the `\n`s of a file's text, by its compiler node (a new text is a new node). */
const NEWLINES = new WeakMap<ts.SourceFile, number[]>();

function newlinesOf(sf: ts.SourceFile): number[] {
  let out = NEWLINES.get(sf);
  if (out === undefined) {
    out = [];
    for (let i = sf.text.indexOf('\n'); i !== -1; i = sf.text.indexOf('\n', i + 1)) out.push(i);
    NEWLINES.set(sf, out);
  }
  return out;
}

/**
 * 1-based line and column of `pos`, as ts-morph's `getLineAndColumnAtPos` counts them (lines end at `\n`;
 * a column starts after the last `\n` or `\r`), without scanning the text from its start for every call.
 */
function lineAndColumn(sf: ts.SourceFile, pos: number): { line: number; column: number } {
  const newlines = newlinesOf(sf);
  let lo = 0;
  let hi = newlines.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((newlines[mid] as number) < pos) lo = mid + 1;
    else hi = mid;
  }
  let start = pos;
  while (start > 0 && sf.text[start - 1] !== '\n' && sf.text[start - 1] !== '\r') start--;
  return { line: lo + 1, column: pos - start + 1 };
}

/** The span of `node` (without leading trivia), 1-based. */
export function spanOf(root: string, node: Node): SourceSpan {
  const sf = node.getSourceFile();
  const start = lineAndColumn(sf.compilerNode, node.getStart());
  const end = lineAndColumn(sf.compilerNode, node.getEnd());
  return {
    file: relativePath(root, sf.getFilePath()),
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
  };
}
