import { createDiagnosticCollector, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { KotlinLayout } from '../layout/kotlin-layout.js';
import type { ProjectModel } from '../model/project-model.js';
import { inInputMerger } from './in-input-merger.js';

/**
 * WS1051: an input merger's Kotlin class carries the merger's name and cannot take a suffix, so that name must
 * be free in the generated package: not a class of a worker, a native service, the shared files, nor a class
 * the generated code imports. Unlike the other checks it reads the layout, which decides those names (style.md
 * R23) and can only run on an IR that passed the other checks; the pipeline runs it right after the layout.
 * Duplicate merger names are WS1050's.
 */
export function checkInputMergerClasses(ir: ProjectModel, layout: KotlinLayout): Diagnostic[] {
  const root = createDiagnosticCollector();
  (ir.inputMergers ?? []).forEach((m, i) => {
    const takenBy = layout.inputMergers[i]?.takenBy;
    if (takenBy === undefined || takenBy === `input merger '${m.name}'`) return;
    const suggestion = m.name.endsWith('InputMerger') ? `${m.name}2` : `${m.name}InputMerger`;
    inInputMerger(root, m).report(
      'input-merger-class-clash',
      { name: m.name, owner: takenBy, suggestion },
      m.nameSpan,
    );
  });
  return [...root.diagnostics];
}
