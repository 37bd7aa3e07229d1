import { MAX_TRACE_TAG_LENGTH } from '@workscript/api';
import { createDiagnosticCollector, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { JsonValue } from '../parse/decl.js';
import type { ProjectModel } from '../model/project-model.js';
import { inWorker } from './in-worker.js';

/** `MIN_BACKOFF_MILLIS` / `MAX_BACKOFF_MILLIS` of WorkManager. */
const MIN_BACKOFF_MILLIS = 10_000;
const MAX_BACKOFF_MILLIS = 18_000_000;

type Rule = { readonly expected: string; readonly test: (v: JsonValue) => boolean };

const oneOf = (values: readonly string[]): Rule => ({
  expected: `one of ${values.map((v) => `'${v}'`).join(', ')}`,
  test: (v) => typeof v === 'string' && values.includes(v),
});
const BOOLEAN: Rule = { expected: 'true or false', test: (v) => typeof v === 'boolean' };
const DURATION: Rule = {
  expected: 'a whole number of milliseconds, 0 or more',
  test: (v) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0,
};
/** The content-trigger delays, where `-1` means the system's default. */
const TRIGGER_DELAY: Rule = {
  expected: 'a whole number of milliseconds ≥ 0, or -1 for the system default',
  test: (v) => typeof v === 'number' && Number.isSafeInteger(v) && v >= -1,
};

/**
 * Every request option the codegen reads, with its valid values (mirrors `@workscript/api`'s checks).
 * `constraints.contentUriTriggers` has its own check, which names the element at fault.
 */
export const OPTION_RULES: Readonly<Record<string, Rule>> = {
  'backoff.delayMs': DURATION,
  'backoff.policy': oneOf(['EXPONENTIAL', 'LINEAR']),
  backoffOnSystemInterruptions: BOOLEAN,
  'constraints.contentTriggerMaxDelayMillis': TRIGGER_DELAY,
  'constraints.contentTriggerUpdateDelayMillis': TRIGGER_DELAY,
  'constraints.requiredNetworkType': oneOf([
    'NOT_REQUIRED',
    'CONNECTED',
    'UNMETERED',
    'NOT_ROAMING',
    'METERED',
    'TEMPORARILY_UNMETERED',
  ]),
  'constraints.requiresBatteryNotLow': BOOLEAN,
  'constraints.requiresCharging': BOOLEAN,
  'constraints.requiresDeviceIdle': BOOLEAN,
  'constraints.requiresStorageNotLow': BOOLEAN,
  expedited: oneOf(['RUN_AS_NON_EXPEDITED_WORK_REQUEST', 'DROP_WORK_REQUEST']),
  initialDelayMs: DURATION,
  inputMerger: {
    ...oneOf(['OverwritingInputMerger', 'ArrayCreatingInputMerger']),
    expected:
      "'OverwritingInputMerger', 'ArrayCreatingInputMerger', or a defineInputMerger definition itself (a custom merger is named by its definition, never by a string)",
  },
  keepResultsForAtLeastMs: DURATION,
  'periodic.flexMs': DURATION,
  'periodic.intervalMs': DURATION,
  tags: {
    expected: 'an array of strings',
    test: (v) => Array.isArray(v) && v.every((t) => typeof t === 'string'),
  },
  traceTag: { expected: 'a non-empty string', test: (v) => typeof v === 'string' && v !== '' },
};

/**
 * WS1022–WS1024, WS1046, WS1053: literal request defaults must hold valid values; non-literal ones are allowed
 * but the generated Kotlin builders cannot carry them (warning); a backoff delay outside [10 s, 5 h] is clamped
 * and a trace tag over 127 characters is cut (warnings: WorkManager does both without a word, and so would the
 * generated factories). `inputMerger` is the exception: one the codegen cannot follow is an error, because
 * without it a custom merger would silently be WorkManager's default on Android.
 */
export function checkOptionValues(ir: ProjectModel): Diagnostic[] {
  const root = createDiagnosticCollector();
  const known = knownInputMergers(ir);
  for (const w of ir.workers) {
    for (const o of w.defaults) {
      if ('inputMerger' in o) continue; // a definition of the project, resolved to its name
      if ('dynamic' in o && o.path === 'inputMerger') {
        inWorker(root, w).report('input-merger-not-resolved', { text: o.dynamic, known }, o.span);
        continue;
      }
      if (!('value' in o) && o.path === '...') {
        inWorker(root, w).report('spread-options', { text: o.dynamic }, o.span);
        continue;
      }
      if (!('value' in o)) {
        inWorker(root, w).report('default-not-static', { option: o.path, text: o.dynamic }, o.span);
        continue;
      }
      const rule = OPTION_RULES[o.path];
      if (rule !== undefined && !rule.test(o.value)) {
        inWorker(root, w).report(
          'invalid-option-value',
          { option: o.path, value: JSON.stringify(o.value), expected: rule.expected },
          o.span,
        );
        continue;
      }
      if (
        o.path === 'backoff.delayMs' &&
        typeof o.value === 'number' &&
        (o.value < MIN_BACKOFF_MILLIS || o.value > MAX_BACKOFF_MILLIS)
      ) {
        const clamped = o.value < MIN_BACKOFF_MILLIS ? MIN_BACKOFF_MILLIS : MAX_BACKOFF_MILLIS;
        inWorker(root, w).report('backoff-delay-clamped', { value: o.value, clamped }, o.span);
      }
      // Counted in UTF-16 units, as Kotlin's String.take(127) in WorkRequest.Builder.build() counts them.
      if (o.path === 'traceTag' && typeof o.value === 'string' && o.value.length > MAX_TRACE_TAG_LENGTH) {
        inWorker(root, w).report(
          'trace-tag-truncated',
          { length: o.value.length, max: MAX_TRACE_TAG_LENGTH },
          o.span,
        );
      }
    }
  }
  return [...root.diagnostics];
}

/** The project's input mergers for WS1053: `sumCounts in src/mergers.ts, ...`, or that there are none. */
function knownInputMergers(ir: ProjectModel): string {
  const mergers = ir.inputMergers ?? [];
  if (mergers.length === 0) return 'this project defines none';
  return `this project defines ${mergers.map((m) => `${m.variableName} in ${m.sourceFile}`).join(', ')}`;
}
