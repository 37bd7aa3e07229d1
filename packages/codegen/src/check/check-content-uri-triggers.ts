import { isContentUri, MAX_MODIFIED_UTF8_BYTES, modifiedUtf8Length } from '@workscript/api';
import { createDiagnosticCollector, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { ProjectModel } from '../model/project-model.js';
import type { JsonValue } from '../parse/decl.js';
import { inWorker } from './in-worker.js';
const TRIGGER_FIELDS = ['uri', 'isTriggeredForDescendants'];
const OPTION = 'constraints.contentUriTriggers';

/** A problem with one part of the literal: the field path below {@link OPTION}, the value as shown, what is valid. */
type Problem = { readonly at: string; readonly value: string; readonly expected: string };

/**
 * WS1024 for a literal `constraints.contentUriTriggers` that `@workscript/api` would refuse at enqueue: not an
 * array, an element that is not a `{ uri, isTriggeredForDescendants }` object, an unknown field, a URI that is
 * not a `content://` URI or takes more than 65,535 bytes of modified UTF-8, a flag that is not a boolean.
 * Every problem is reported (the api throws at the first), each naming its element; they all point at the
 * array, the one span the IR keeps for the option. Duplicates are not a problem: the triggers are a set, and
 * the Kotlin builders emit each one once.
 */
export function checkContentUriTriggers(ir: ProjectModel): Diagnostic[] {
  const root = createDiagnosticCollector();
  for (const w of ir.workers) {
    const option = w.defaults.find((o) => o.path === OPTION);
    if (option === undefined || !('value' in option)) continue; // not set, or WS1022 (not a literal)
    for (const p of triggerProblems(option.value)) {
      inWorker(root, w).report(
        'invalid-option-value',
        { option: `${OPTION}${p.at}`, value: p.value, expected: p.expected },
        option.span,
      );
    }
  }
  return [...root.diagnostics];
}

function triggerProblems(value: JsonValue): Problem[] {
  if (!Array.isArray(value)) {
    return [{ at: '', value: shown(value), expected: 'an array of { uri, isTriggeredForDescendants }' }];
  }
  return value.flatMap((t: JsonValue, i): Problem[] => {
    const at = `[${i}]`;
    if (!isPlainObject(t)) {
      return [{ at, value: shown(t), expected: 'a { uri, isTriggeredForDescendants } object' }];
    }
    const problems: Problem[] = Object.keys(t)
      .filter((k) => !TRIGGER_FIELDS.includes(k))
      .map((k) => ({
        at: `${at}.${k}`,
        value: shown(t[k]),
        expected: 'only uri and isTriggeredForDescendants in a trigger',
      }));
    const uri = t['uri'];
    if (!isContentUri(uri)) {
      problems.push({
        at: `${at}.uri`,
        value: shown(uri),
        expected:
          "a content:// URI, e.g. 'content://media/external/images/media' (Android reports changes only for content URIs)",
      });
    } else if (modifiedUtf8Length(uri) > MAX_MODIFIED_UTF8_BYTES) {
      // The length, not the text: a message quoting 64 KiB would hide the point.
      problems.push({
        at: `${at}.uri`,
        value: `${modifiedUtf8Length(uri)} bytes long in modified UTF-8`,
        expected: `a URI of at most ${MAX_MODIFIED_UTF8_BYTES} bytes (WorkManager stores it with writeUTF)`,
      });
    }
    if (typeof t['isTriggeredForDescendants'] !== 'boolean') {
      problems.push({
        at: `${at}.isTriggeredForDescendants`,
        value: shown(t['isTriggeredForDescendants']),
        expected: 'true or false',
      });
    }
    return problems;
  });
}

/** A value as the message shows it: JSON, or `missing` for a field left out. */
function shown(v: JsonValue | undefined): string {
  return v === undefined ? 'missing' : JSON.stringify(v);
}

// Array.isArray does not narrow a readonly array out of a union (TypeScript #17002): a guard does.
function isPlainObject(v: JsonValue): v is { readonly [key: string]: JsonValue } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
