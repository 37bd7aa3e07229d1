import { createDiagnosticCollector, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { ProjectModel } from '../model/project-model.js';
import { duplicatesByName } from './duplicates-by-name.js';
import { inInputMerger } from './in-input-merger.js';

/**
 * WS1050: input merger names are unique in the app: each is one generated Kotlin class and the name the
 * runtime stores for the work, by which the bundle finds the merger.
 */
export function checkDuplicateInputMergers(ir: ProjectModel): Diagnostic[] {
  const root = createDiagnosticCollector();
  for (const [name, mergers] of duplicatesByName(ir.inputMergers ?? [])) {
    for (const m of mergers) {
      // Every copy is reported, each pointing at the others, so either can be renamed.
      let at = inInputMerger(root, m);
      for (const o of mergers) if (o !== m) at = at.at(`also defined as '${o.variableName}'`, o.span);
      at.report(
        'duplicate-input-merger-name',
        { name, count: mergers.length, suggestion: `${name}2` },
        m.nameSpan,
      );
    }
  }
  return [...root.diagnostics];
}
