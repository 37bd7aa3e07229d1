import type { DiagnosticCollector } from '../diagnostics/diagnostic.js';
import type { InputMergerModel } from '../model/project-model.js';

/**
 * A child collector whose diagnostics carry "in input merger 'x' (file:line:col)" (style.md R29), pointing at
 * the name the definition is bound to.
 */
export function inInputMerger(root: DiagnosticCollector, merger: InputMergerModel): DiagnosticCollector {
  const label = merger.nameIsLiteral ? merger.name : merger.variableName;
  return root.at(`in input merger '${label}'`, merger.span);
}
