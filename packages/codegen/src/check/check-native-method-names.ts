import { createDiagnosticCollector, type Diagnostic } from '../diagnostics/diagnostic.js';
import { camelCase, isKotlinIdentifier } from '../layout/kotlin-names.js';
import type { ProjectModel } from '../model/project-model.js';
import { inNativeService, serviceLabel } from './in-native-service.js';

/**
 * WS1040: a method name must be a Kotlin identifier once keywords are escaped (`object` becomes
 * `` `object` ``), because it is declared as is on the generated interface: renaming it would break the
 * bridge name `native.<Service>.<method>`, which is the TypeScript name.
 */
export function checkNativeMethodNames(ir: ProjectModel): Diagnostic[] {
  const root = createDiagnosticCollector();
  for (const s of ir.nativeServices) {
    for (const m of s.methods) {
      if (isKotlinIdentifier(m.name)) continue;
      inNativeService(root, s).report(
        'native-method-name-invalid',
        { method: m.name, service: serviceLabel(s), suggestion: camelCase(m.name) },
        m.span,
      );
    }
  }
  return [...root.diagnostics];
}
