import { createDiagnosticCollector, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { ProjectModel } from '../model/project-model.js';
import { duplicatesByName } from './duplicates-by-name.js';
import { inWorker } from './in-worker.js';

/** WS1012: worker names are unique in the app (WorkManager finds the class, the bundle the function, by it). */
export function checkDuplicateNames(ir: ProjectModel): Diagnostic[] {
  const root = createDiagnosticCollector();
  for (const [name, workers] of duplicatesByName(ir.workers)) {
    for (const w of workers) {
      // Every copy is reported, each pointing at the others, so either can be renamed.
      let at = inWorker(root, w);
      for (const o of workers) if (o !== w) at = at.at(`also defined as '${o.variableName}'`, o.span);
      at.report('duplicate-worker-name', { name, count: workers.length, suggestion: `${name}2` }, w.nameSpan);
    }
  }
  return [...root.diagnostics];
}
