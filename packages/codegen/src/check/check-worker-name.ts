import { createDiagnosticCollector, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { ProjectModel } from '../model/project-model.js';
import { inWorker } from './in-worker.js';

/** Same rule as `WORKER_NAME_PATTERN` in `@workscript/api` (codegen imports api types only, R1). */
const WORKER_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,99}$/;

/** WS1001/WS1002: worker names must be string literals and valid identifiers (they name Kotlin classes). */
export function checkWorkerName(ir: ProjectModel): Diagnostic[] {
  const root = createDiagnosticCollector();
  for (const w of ir.workers) {
    if (w.optionsText !== undefined) continue; // reported by checkWorkerOptions
    if (!w.nameIsLiteral)
      inWorker(root, w).report(
        'worker-name-not-literal',
        { text: w.name === '' ? '(missing)' : w.name },
        w.nameSpan,
      );
    else if (!WORKER_NAME_PATTERN.test(w.name))
      inWorker(root, w).report('worker-name-invalid', { name: w.name }, w.nameSpan);
  }
  return [...root.diagnostics];
}
