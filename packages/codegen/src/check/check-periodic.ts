import { createDiagnosticCollector, type Diagnostic } from '../diagnostics/diagnostic.js';
import { findDefault, type ProjectModel } from '../model/project-model.js';
import { inWorker } from './in-worker.js';

/** `PeriodicWorkRequest.MIN_PERIODIC_INTERVAL_MILLIS` (15 min). */
export const MIN_PERIODIC_INTERVAL_MILLIS = 900_000;
/** `PeriodicWorkRequest.MIN_PERIODIC_FLEX_MILLIS` (5 min). */
export const MIN_PERIODIC_FLEX_MILLIS = 300_000;

/**
 * WS1013/WS1014: a literal period under 15 minutes or flex under 5 minutes. WorkManager only warns and raises
 * the value at run time; a literal below the minimum is always a mistake, so the build fails early.
 */
export function checkPeriodic(ir: ProjectModel): Diagnostic[] {
  const root = createDiagnosticCollector();
  for (const w of ir.workers) {
    const interval = findDefault(w, 'periodic.intervalMs');
    if (
      interval !== undefined &&
      'value' in interval &&
      typeof interval.value === 'number' &&
      interval.value < MIN_PERIODIC_INTERVAL_MILLIS
    ) {
      inWorker(root, w).report('periodic-interval-too-short', { value: interval.value }, interval.span);
    }
    const flex = findDefault(w, 'periodic.flexMs');
    if (
      flex !== undefined &&
      'value' in flex &&
      typeof flex.value === 'number' &&
      flex.value < MIN_PERIODIC_FLEX_MILLIS
    ) {
      inWorker(root, w).report('periodic-flex-too-short', { value: flex.value }, flex.span);
    }
  }
  return [...root.diagnostics];
}
