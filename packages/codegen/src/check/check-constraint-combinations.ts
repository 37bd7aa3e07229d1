import { createDiagnosticCollector, type Diagnostic } from '../diagnostics/diagnostic.js';
import { defaultValue, findDefault, type ProjectModel } from '../model/project-model.js';
import { inWorker } from './in-worker.js';

/** Constraints expedited work cannot have (`WorkRequest.Builder.build()`). */
const NOT_EXPEDITABLE = ['requiresBatteryNotLow', 'requiresCharging', 'requiresDeviceIdle'] as const;

/**
 * WS1016–WS1019, WS1045: combinations WorkManager rejects when the request is built, found at build time when
 * the values are literals: expedited with charging/idle/battery constraints or content-URI triggers, with a
 * delay, or as periodic work; explicit backoff on an idle-mode job.
 */
export function checkConstraintCombinations(ir: ProjectModel): Diagnostic[] {
  const root = createDiagnosticCollector();
  for (const w of ir.workers) {
    const expedited = findDefault(w, 'expedited');
    if (expedited !== undefined) {
      for (const c of NOT_EXPEDITABLE) {
        const option = findDefault(w, `constraints.${c}`);
        if (option !== undefined && 'value' in option && option.value === true) {
          inWorker(root, w).report('expedited-with-constraint', { constraint: c }, option.span);
        }
      }
      // An empty list is no trigger at all (`hasContentUriTriggers()` is false), as in @workscript/api.
      const triggers = findDefault(w, 'constraints.contentUriTriggers');
      if (triggers !== undefined && 'value' in triggers && Array.isArray(triggers.value)) {
        const count = triggers.value.length;
        if (count > 0)
          inWorker(root, w).report('expedited-with-content-uri-triggers', { count }, triggers.span);
      }
      const delay = defaultValue(w, 'initialDelayMs');
      if (typeof delay === 'number' && delay > 0) {
        inWorker(root, w).report(
          'expedited-with-initial-delay',
          { value: delay },
          findDefault(w, 'initialDelayMs')?.span,
        );
      }
      if (w.defaults.some((o) => o.path.startsWith('periodic'))) {
        inWorker(root, w).report('expedited-with-periodic', {}, expedited.span);
      }
    }
    const backoff = w.defaults.find((o) => o.path === 'backoff' || o.path.startsWith('backoff.'));
    if (backoff !== undefined && defaultValue(w, 'constraints.requiresDeviceIdle') === true) {
      inWorker(root, w).report('backoff-with-device-idle', {}, backoff.span);
    }
  }
  return [...root.diagnostics];
}
