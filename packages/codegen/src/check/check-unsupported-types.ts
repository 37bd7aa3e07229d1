import {
  createDiagnosticCollector,
  type Diagnostic,
  type DiagnosticCollector,
} from '../diagnostics/diagnostic.js';
import type { MessageId } from '../diagnostics/messages.js';
import type { SourceSpan } from '../diagnostics/source-span.js';
import type { UnsupportedReason } from '../parse/decl.js';
import {
  ROLES,
  type ProjectModel,
  type Role,
  type ShapeModel,
  type TypeModel,
} from '../model/project-model.js';
import { inWorker } from './in-worker.js';

const ROLE_LABEL: Record<Role, string> = {
  input: 'Input',
  output: 'Output',
  failureOutput: 'Failure output',
  progress: 'Progress',
};

const MESSAGE_BY_REASON: Record<UnsupportedReason, MessageId> = {
  date: 'unsupported-date',
  collection: 'unsupported-collection',
  record: 'unsupported-collection',
  function: 'unsupported-function',
  any: 'unsupported-any',
  bigint: 'unsupported-bigint',
  class: 'unsupported-class',
  union: 'unsupported-union',
  null: 'unsupported-type',
  tuple: 'unsupported-type',
  literal: 'unsupported-type',
  recursive: 'unsupported-type',
  other: 'unsupported-type',
};

/** Why a type is unsupported, in words; shared with the native-service type check. */
export const REASON_TEXT: Record<UnsupportedReason, string> = {
  date: 'a Date',
  collection: 'a collection',
  record: 'an index signature',
  function: 'a function',
  any: 'any',
  bigint: 'a bigint',
  class: 'a class',
  union: 'a union',
  null: 'null is not a Data value; make the field optional instead',
  tuple: 'a tuple; use an array or an object with named fields',
  literal: 'a number literal type; use number, Int or Long',
  recursive: 'a recursive type; Data and the generated Kotlin classes need a finite shape',
  other: 'not a Data type',
};

const EXAMPLE: Record<Role, string> = {
  input: 'run(input: { value: T }, ctx)',
  output: 'ctx.success({ value })',
  failureOutput: 'ctx.failure({ reason })',
  progress: 'WorkerContext<{ percent: Int }>',
};

/**
 * WS1003–WS1011: every field of every worker type must map to Data (the DataShape table of
 * `@workscript/api`); each role's type itself must be an object. Reports every offending field.
 */
export function checkUnsupportedTypes(ir: ProjectModel): Diagnostic[] {
  const root = createDiagnosticCollector();
  for (const w of ir.workers) {
    for (const role of ROLES) {
      const r = w[role];
      if (r.type === undefined) continue;
      if (r.type.kind !== 'object') {
        inWorker(root, w).report(
          'shape-not-object',
          { role: ROLE_LABEL[role].toLowerCase(), worker: w.name, type: r.typeText, example: EXAMPLE[role] },
          r.span,
        );
        continue;
      }
      walkShape(r.type.shape, '', ROLE_LABEL[role], inWorker(root, w));
    }
  }
  return [...root.diagnostics];
}

function walkShape(shape: ShapeModel, prefix: string, role: string, at: DiagnosticCollector): void {
  for (const f of shape.fields) walkType(f.type, `${prefix}${f.name}`, f.span, role, at);
}

function walkType(t: TypeModel, path: string, span: SourceSpan, role: string, at: DiagnosticCollector): void {
  switch (t.kind) {
    case 'unsupported':
      at.report(
        MESSAGE_BY_REASON[t.reason],
        { role, path, type: t.typeText, reason: REASON_TEXT[t.reason] },
        span,
      );
      return;
    case 'array':
      walkType(t.element, `${path}[]`, span, role, at);
      return;
    case 'object':
      walkShape(t.shape, `${path}.`, role, at);
      return;
    default:
      return;
  }
}
