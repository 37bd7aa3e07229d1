import { createDiagnosticCollector, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { ProjectModel } from '../model/project-model.js';
import { inNativeService, serviceLabel } from './in-native-service.js';

/**
 * WS1037: every member of a native service is a method returning a Promise. The bridge call is asynchronous
 * (the Kotlin side is a `suspend fun`), so a synchronous result or a plain property cannot be provided.
 */
export function checkNativeMethodReturns(ir: ProjectModel): Diagnostic[] {
  const root = createDiagnosticCollector();
  for (const s of ir.nativeServices) {
    for (const m of s.methods) {
      if (m.returnsPromise) continue;
      inNativeService(root, s).report(
        'native-method-not-async',
        { method: m.name, service: serviceLabel(s), type: m.typeText },
        m.span,
      );
    }
  }
  return [...root.diagnostics];
}
