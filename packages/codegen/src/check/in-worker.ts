import type { DiagnosticCollector } from '../diagnostics/diagnostic.js';
import type { WorkerModel } from '../model/project-model.js';

/**
 * A child collector whose diagnostics carry "in worker 'x' (file:line:col)" (style.md R29), pointing at the
 * name the definition is bound to.
 */
export function inWorker(root: DiagnosticCollector, worker: WorkerModel): DiagnosticCollector {
  const label = worker.nameIsLiteral ? worker.name : worker.variableName;
  return root.at(`in worker '${label}'`, worker.span);
}
