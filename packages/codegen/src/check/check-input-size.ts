import { createDiagnosticCollector, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { ProjectModel } from '../model/project-model.js';
import { dataSize, MAX_DATA_BYTES } from './data-size.js';

/** WS1015: a literal request input whose Data would exceed 10,240 bytes fails on every enqueue. */
export function checkInputSize(ir: ProjectModel): Diagnostic[] {
  const root = createDiagnosticCollector();
  for (const r of ir.requestInputs) {
    const worker = ir.workers.find((w) => w.nameIsLiteral && w.name === r.workerName);
    const shape = worker?.input.type?.kind === 'object' ? worker.input.type.shape : undefined;
    const size = dataSize(r.value, shape);
    if (size > MAX_DATA_BYTES) {
      const at = worker === undefined ? root : root.at(`input of worker '${worker.name}'`, worker.span);
      at.report('input-data-too-large', { size }, r.span);
    }
  }
  return [...root.diagnostics];
}
