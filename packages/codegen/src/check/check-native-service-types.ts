import {
  createDiagnosticCollector,
  type Diagnostic,
  type DiagnosticCollector,
} from '../diagnostics/diagnostic.js';
import type { SourceSpan } from '../diagnostics/source-span.js';
import type { ProjectModel, TypeModel } from '../model/project-model.js';
import type { UnsupportedReason } from '../parse/decl.js';
import { REASON_TEXT } from './check-unsupported-types.js';
import { inNativeService, serviceLabel } from './in-native-service.js';

const ANY_SUPPORTED =
  'boolean, number, Int, Long, string, a string-literal union, an array or a plain object';

/** What to write instead, per reason; the same advice as the worker type messages (WS1003–WS1010). */
const INSTEAD: Record<UnsupportedReason, string> = {
  date: 'an ISO string or epoch millis (Long)',
  collection: 'an array of entries or a plain object with known keys',
  record: 'an array of entries or a plain object with known keys',
  function: 'plain data (a string naming the action, or an enum); a callback cannot cross the bridge',
  any: `a concrete type: ${ANY_SUPPORTED}`,
  bigint: 'Long (safe integers) or a decimal string',
  class: 'an interface or type alias describing the plain fields',
  union: 'a string-literal union (a Kotlin enum), or separate optional fields',
  null: 'an optional field of an object instead of null',
  tuple: 'an array or an object with named fields',
  literal: 'number, Int or Long',
  recursive: `a finite shape: ${ANY_SUPPORTED}`,
  other: ANY_SUPPORTED,
};

/**
 * WS1038: native method parameters and results follow the same type table as worker input and output
 * (`@workscript/api`'s DataShape): the generated Kotlin classes and their JSON codec exist only for those
 * types. Reports every offending parameter, result or nested field, at its declaration.
 */
export function checkNativeServiceTypes(ir: ProjectModel): Diagnostic[] {
  const root = createDiagnosticCollector();
  for (const s of ir.nativeServices) {
    for (const m of s.methods) {
      if (!m.returnsPromise) continue; // reported by checkNativeMethodReturns
      const method = `${serviceLabel(s)}.${m.name}`;
      const at = inNativeService(root, s);
      for (const p of m.params)
        walk(p.type, `Parameter '${p.name}'`, { word: 'Field', path: p.name, span: p.span, method, at });
      if (m.returns !== 'void')
        walk(m.returns, 'The result', { word: 'Result field', path: '', span: m.span, method, at });
    }
  }
  return [...root.diagnostics];
}

interface Walk {
  /** How nested fields are named: `Field` (under a parameter) or `Result field`. */
  readonly word: string;
  /** Dotted path of the current type, from the parameter (or the result, empty). */
  readonly path: string;
  /** Declaration of the parameter, method or field. */
  readonly span: SourceSpan;
  /** `Service.method`. */
  readonly method: string;
  readonly at: DiagnosticCollector;
}

function walk(t: TypeModel, what: string, w: Walk): void {
  switch (t.kind) {
    case 'unsupported':
      w.at.report(
        'native-unsupported-type',
        {
          what,
          method: w.method,
          type: t.typeText,
          reason: REASON_TEXT[t.reason],
          instead: INSTEAD[t.reason],
        },
        w.span,
      );
      return;
    case 'array': {
      const path = `${w.path}[]`;
      walk(t.element, `${w.word} '${path}'`, { ...w, path });
      return;
    }
    case 'object':
      for (const f of t.shape.fields) {
        const path = w.path === '' ? f.name : `${w.path}.${f.name}`;
        walk(f.type, `${w.word} '${path}'`, { ...w, path, span: f.span });
      }
      return;
    default:
      return;
  }
}
