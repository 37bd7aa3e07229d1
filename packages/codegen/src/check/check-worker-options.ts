import { createDiagnosticCollector, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { ProjectModel } from '../model/project-model.js';
import { inWorker } from './in-worker.js';

/** WS1020/WS1021: the definition must be exported (the bundle imports it) and its options a literal. */
export function checkWorkerOptions(ir: ProjectModel): Diagnostic[] {
  const root = createDiagnosticCollector();
  for (const w of ir.workers) {
    if (w.optionsText !== undefined) {
      inWorker(root, w).report('worker-options-not-literal', { text: w.optionsText }, w.optionsSpan);
    }
    if (w.exportName === undefined) {
      root.report('worker-not-exported', { name: w.name, variable: w.variableName }, w.span);
    }
  }
  return [...root.diagnostics];
}
