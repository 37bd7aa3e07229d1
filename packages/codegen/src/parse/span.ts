import path from 'node:path';
import type { Node } from 'ts-morph';
import type { SourceSpan } from '../diagnostics/source-span.js';

/** Path of `file` relative to `root`, `/`-separated, so spans never carry absolute paths. */
export function relativePath(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}

/** The span of `node` (without leading trivia), 1-based. */
export function spanOf(root: string, node: Node): SourceSpan {
  const sf = node.getSourceFile();
  const start = sf.getLineAndColumnAtPos(node.getStart());
  const end = sf.getLineAndColumnAtPos(node.getEnd());
  return {
    file: relativePath(root, sf.getFilePath()),
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
  };
}
