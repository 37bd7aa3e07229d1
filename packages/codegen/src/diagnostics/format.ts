import { codeFrameColumns } from '@babel/code-frame';
import type { Diagnostic } from './diagnostic.js';
import { formatSpan } from './source-span.js';

/** Options of {@link formatDiagnostics}. */
export interface FormatOptions {
  /** Source text by project-relative path, for code frames. Files not present get no frame. */
  readonly sources?: Readonly<Record<string, string>>;
  /** Colour the code frame for a terminal. Default `false`. */
  readonly color?: boolean;
}

/**
 * Renders diagnostics tsc-style (style.md R29):
 *
 * ```
 * src/workers/sync.ts:12:5 - error WS1003: Input field 'since' has type 'Date'; use an ISO string ...
 *   in worker 'SyncContacts' (src/workers/sync.ts:3:1)
 * <code frame>
 * ```
 */
export function formatDiagnostics(diagnostics: readonly Diagnostic[], options: FormatOptions = {}): string {
  return diagnostics.map((d) => formatDiagnostic(d, options)).join('\n');
}

/** Renders one diagnostic; see {@link formatDiagnostics}. */
export function formatDiagnostic(d: Diagnostic, options: FormatOptions = {}): string {
  const where = d.span === undefined ? '' : `${formatSpan(d.span)} - `;
  const lines = [`${where}${d.severity} ${d.code}: ${d.message}`];
  for (const r of d.related ?? []) lines.push(`  ${r.message} (${formatSpan(r.span)})`);
  const source = d.span === undefined ? undefined : options.sources?.[d.span.file];
  if (d.span !== undefined && source !== undefined) {
    const frame = codeFrameColumns(
      source,
      {
        start: { line: d.span.line, column: d.span.column },
        end: { line: d.span.endLine, column: d.span.endColumn },
      },
      { highlightCode: options.color ?? false, forceColor: options.color ?? false },
    );
    lines.push(frame);
  }
  return `${lines.join('\n')}\n`;
}
