/**
 * A range in a source file. `file` is relative to the project root with `/` separators (never absolute, so
 * diagnostics and goldens are the same on every machine). `line` and `column` are 1-based and count UTF-16
 * code units, as TypeScript and editors do; `endLine`/`endColumn` point just past the last character.
 */
export interface SourceSpan {
  /** File path relative to the project root, `/`-separated. */
  readonly file: string;
  /** 1-based line of the first character. */
  readonly line: number;
  /** 1-based column of the first character. */
  readonly column: number;
  /** 1-based line of the end position. */
  readonly endLine: number;
  /** 1-based column just past the last character. */
  readonly endColumn: number;
}

/** `file:line:col`, the form terminals and IDEs make clickable. */
export function formatSpan(span: SourceSpan): string {
  return `${span.file}:${span.line}:${span.column}`;
}
