import { MESSAGES, renderMessage, type MessageId } from './messages.js';
import type { SourceSpan } from './source-span.js';

/** Severity of a diagnostic; any `error` stops the pipeline at the next stage boundary. */
export type DiagnosticSeverity = 'error' | 'warning';

/** A further location that explains a diagnostic, e.g. the worker it belongs to. */
export interface RelatedInformation {
  /** What this location is, e.g. `in worker 'SyncContacts'`. */
  readonly message: string;
  /** Where. */
  readonly span: SourceSpan;
}

/**
 * One problem found in the user's code (style.md R27). `code` and `messageId` are stable; `message` is the
 * rendered template of `messages.ts`; `data` holds the template's values so tests can assert them.
 */
export interface Diagnostic {
  /** `WS1xxx`. */
  readonly code: string;
  /** Kebab-case id, e.g. `worker-name-not-literal`. */
  readonly messageId: MessageId;
  /** `error` or `warning`. */
  readonly severity: DiagnosticSeverity;
  /** Human-readable message. */
  readonly message: string;
  /** Values of the message template. */
  readonly data: Readonly<Record<string, string | number>>;
  /** Where the problem is, when it has a location. */
  readonly span?: SourceSpan;
  /** Further locations, innermost first. */
  readonly related?: readonly RelatedInformation[];
}

/** Builds a diagnostic from the message table. */
export function createDiagnostic(
  messageId: MessageId,
  data: Readonly<Record<string, string | number>>,
  span?: SourceSpan,
  related: readonly RelatedInformation[] = [],
): Diagnostic {
  const spec = MESSAGES[messageId];
  return {
    code: spec.code,
    messageId,
    severity: spec.severity,
    message: renderMessage(messageId, data),
    data,
    ...(span === undefined ? {} : { span }),
    ...(related.length === 0 ? {} : { related }),
  };
}

/** True when any diagnostic is an error. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/**
 * Collects diagnostics; `at(message, span)` returns a child collector whose diagnostics carry that location
 * as related information (the "in worker 'x' (file:line:col)" chain of R29).
 */
export interface DiagnosticCollector {
  /** Records a diagnostic from the message table. */
  report(messageId: MessageId, data: Readonly<Record<string, string | number>>, span?: SourceSpan): void;
  /** A child collector whose reports gain `{ message, span }` as related information. */
  at(message: string, span: SourceSpan): DiagnosticCollector;
  /** Everything reported through this collector and its children, in report order. */
  readonly diagnostics: readonly Diagnostic[];
}

/** Creates a root {@link DiagnosticCollector}. */
export function createDiagnosticCollector(): DiagnosticCollector {
  const all: Diagnostic[] = [];
  const make = (context: readonly RelatedInformation[]): DiagnosticCollector => ({
    report(messageId, data, span) {
      all.push(createDiagnostic(messageId, data, span, context));
    },
    at(message, span) {
      return make([...context, { message, span }]);
    },
    get diagnostics() {
      return all;
    },
  });
  return make([]);
}

/** Sorts diagnostics by file, position and code, so output does not depend on traversal order. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const key = (d: Diagnostic): [string, number, number, string] => [
    d.span?.file ?? '',
    d.span?.line ?? 0,
    d.span?.column ?? 0,
    d.code,
  ];
  return [...diagnostics].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) {
      const x = ka[i] as string | number;
      const y = kb[i] as string | number;
      if (x < y) return -1;
      if (x > y) return 1;
    }
    return 0;
  });
}
