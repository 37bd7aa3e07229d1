import { createDiagnosticCollector, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { ProjectModel } from '../model/project-model.js';

/** WS1052: an input merger must be exported, because the bundle's entry imports it to register it. */
export function checkInputMergerExports(ir: ProjectModel): Diagnostic[] {
  const root = createDiagnosticCollector();
  for (const m of ir.inputMergers ?? []) {
    if (m.exportName !== undefined) continue;
    root.report('input-merger-not-exported', { name: m.name, variable: m.variableName }, m.span);
  }
  return [...root.diagnostics];
}
