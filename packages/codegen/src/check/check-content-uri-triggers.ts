import { createDiagnosticCollector, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { ProjectModel } from '../model/project-model.js';
import type { JsonValue } from '../parse/decl.js';
import { inWorker } from './in-worker.js';

/**
 * `content://` and an authority, as `@workscript/api`'s `resolveConstraints` requires (a copy: the codegen uses
 * the api for its types only, style.md R1). Android reports changes only for content URIs.
 */
const CONTENT_URI = /^content:\/\/[^/?#\s]+(?:[/?#]\S*)?$/;
const TRIGGER_FIELDS = ['uri', 'isTriggeredForDescendants'];
const OPTION = 'constraints.contentUriTriggers';

/** A problem with one part of the literal: the field path below {@link OPTION}, its value, what is valid. */
type Problem = { readonly at: string; readonly value: JsonValue | undefined; readonly expected: string };

/**
 * WS1024 for a literal `constraints.contentUriTriggers` that `@workscript/api` would refuse at enqueue: not an
 * array, an element that is not a `{ uri, isTriggeredForDescendants }` object, an unknown field, a URI that is
 * not a `content://` URI, a flag that is not a boolean. Every problem is reported (the api throws at the
 * first), each naming its element; they all point at the array, the one span the IR keeps for the option.
 * Duplicates are not a problem: the triggers are a set, and the Kotlin builders emit each one once.
 */
export function checkContentUriTriggers(ir: ProjectModel): Diagnostic[] {
  const root = createDiagnosticCollector();
  for (const w of ir.workers) {
    const option = w.defaults.find((o) => o.path === OPTION);
    if (option === undefined || !('value' in option)) continue; // not set, or WS1022 (not a literal)
    for (const p of triggerProblems(option.value)) {
      inWorker(root, w).report(
        'invalid-option-value',
        // JSON.stringify(undefined) is undefined: a field left out.
        { option: `${OPTION}${p.at}`, value: JSON.stringify(p.value) ?? 'missing', expected: p.expected },
        option.span,
      );
    }
  }
  return [...root.diagnostics];
}

function triggerProblems(value: JsonValue): Problem[] {
  if (!Array.isArray(value)) {
    return [{ at: '', value, expected: 'an array of { uri, isTriggeredForDescendants }' }];
  }
  return value.flatMap((t: JsonValue, i): Problem[] => {
    const at = `[${i}]`;
    if (!isPlainObject(t)) {
      return [{ at, value: t, expected: 'a { uri, isTriggeredForDescendants } object' }];
    }
    const problems: Problem[] = Object.keys(t)
      .filter((k) => !TRIGGER_FIELDS.includes(k))
      .map((k) => ({
        at: `${at}.${k}`,
        value: t[k],
        expected: 'only uri and isTriggeredForDescendants in a trigger',
      }));
    if (typeof t.uri !== 'string' || !CONTENT_URI.test(t.uri)) {
      problems.push({
        at: `${at}.uri`,
        value: t.uri,
        expected:
          "a content:// URI, e.g. 'content://media/external/images/media' (Android reports changes only for content URIs)",
      });
    }
    if (typeof t.isTriggeredForDescendants !== 'boolean') {
      problems.push({
        at: `${at}.isTriggeredForDescendants`,
        value: t.isTriggeredForDescendants,
        expected: 'true or false',
      });
    }
    return problems;
  });
}

// Array.isArray does not narrow a readonly array out of a union (TypeScript #17002): a guard does.
function isPlainObject(v: JsonValue): v is { readonly [key: string]: JsonValue } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
