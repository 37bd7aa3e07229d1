import { describe, expect, it } from 'vitest';
import {
  createDiagnostic,
  createDiagnosticCollector,
  sortDiagnostics,
} from '../../src/diagnostics/diagnostic.js';
import { formatDiagnostics } from '../../src/diagnostics/format.js';
import { MESSAGES, renderMessage } from '../../src/diagnostics/messages.js';

const span = { file: 'src/sync.ts', line: 3, column: 16, endLine: 3, endColumn: 27 };

describe('diagnostics', () => {
  it('renders tsc-style with the worker chain and a code frame', () => {
    const d = createDiagnostic(
      'unsupported-date',
      { role: 'Input', path: 'since', type: 'Date', reason: 'a Date' },
      span,
      [
        {
          message: "in worker 'Sync'",
          span: { file: 'src/sync.ts', line: 2, column: 14, endLine: 2, endColumn: 18 },
        },
      ],
    );
    const source =
      "import x from 'y';\nexport const sync = defineWorker({\n  run(input: { since: Date }) {},\n});\n";
    expect(formatDiagnostics([d], { sources: { 'src/sync.ts': source } })).toBe(
      [
        "src/sync.ts:3:16 - error WS1003: Input field 'since' has type 'Date', which WorkManager Data cannot hold; use an ISO string or epoch millis (Long).",
        "  in worker 'Sync' (src/sync.ts:2:14)",
        "  1 | import x from 'y';",
        '  2 | export const sync = defineWorker({',
        '> 3 |   run(input: { since: Date }) {},',
        '    |                ^^^^^^^^^^^',
        '  4 | });',
        '  5 |',
        '',
      ].join('\n'),
    );
  });

  it('renders without a frame when the source is not at hand, and without a location when there is none', () => {
    expect(formatDiagnostics([createDiagnostic('no-input-files', {})])).toBe(
      `error WS1027: ${MESSAGES['no-input-files'].template}\n`,
    );
  });

  it('has unique, stable codes and fails loudly on a missing placeholder', () => {
    const codes = Object.values(MESSAGES).map((m) => m.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.every((c) => /^WS1\d{3}$/.test(c))).toBe(true);
    expect(() => renderMessage('worker-name-invalid', {})).toThrow(
      "message 'worker-name-invalid' needs data 'name'",
    );
  });

  it('collects through child collectors that add context, and sorts by location', () => {
    const root = createDiagnosticCollector();
    const inWorker = root.at("in worker 'A'", span);
    inWorker.report('periodic-flex-too-short', { value: 1 }, { ...span, line: 9 });
    root.report('periodic-interval-too-short', { value: 2 }, { ...span, line: 4 });
    expect(root.diagnostics.map((d) => d.related)).toEqual([[{ message: "in worker 'A'", span }], undefined]);
    expect(sortDiagnostics(root.diagnostics).map((d) => d.span?.line)).toEqual([4, 9]);
  });
});
