import { INPUT_MERGER_NAME_PATTERN, INPUT_MERGER_NAMES } from '@workscript/api';
import { createDiagnosticCollector, type Diagnostic } from '../diagnostics/diagnostic.js';
import { pascalCase } from '../layout/kotlin-names.js';
import type { ProjectModel } from '../model/project-model.js';
import { inInputMerger } from './in-input-merger.js';

/**
 * WS1047–WS1049: an input merger's name must be a string literal, a valid name (it is the simple name of the
 * generated Kotlin class) and not one of WorkManager's own mergers, as `defineInputMerger` requires.
 */
export function checkInputMergerNames(ir: ProjectModel): Diagnostic[] {
  const root = createDiagnosticCollector();
  for (const m of ir.inputMergers ?? []) {
    const at = inInputMerger(root, m);
    if (!m.nameIsLiteral) {
      at.report('input-merger-name-not-literal', { text: m.name === '' ? '(missing)' : m.name }, m.nameSpan);
    } else if (!INPUT_MERGER_NAME_PATTERN.test(m.name)) {
      at.report(
        'input-merger-name-invalid',
        { name: m.name, suggestion: suggestMergerName(m.name) },
        m.nameSpan,
      );
    } else if ((INPUT_MERGER_NAMES as readonly string[]).includes(m.name)) {
      at.report('input-merger-name-built-in', { name: m.name, suggestion: `Custom${m.name}` }, m.nameSpan);
    }
  }
  return [...root.diagnostics];
}

/** A valid merger name close to `name`: `sum-counts` → `SumCounts`, `1st` → `V1st`. */
function suggestMergerName(name: string): string {
  return pascalCase(name).slice(0, 100);
}
