import { createDiagnosticCollector, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { ProjectModel } from '../model/project-model.js';
import { inNativeService, serviceLabel } from './in-native-service.js';

/**
 * WS1039: native methods take required positional parameters only (v1). The bridge sends the arguments as
 * a positional JSON array and the Kotlin side checks its length, so an omitted or variadic argument would
 * have no Kotlin counterpart; optional values belong in an options object with optional fields.
 */
export function checkNativeMethodParams(ir: ProjectModel): Diagnostic[] {
  const root = createDiagnosticCollector();
  for (const s of ir.nativeServices) {
    for (const m of s.methods) {
      for (const p of m.params) {
        if (!p.optional && !p.rest) continue;
        inNativeService(root, s).report(
          'native-parameter-not-required',
          {
            param: p.name,
            method: `${serviceLabel(s)}.${m.name}`,
            kind: p.rest ? 'a rest parameter' : 'optional',
            example: p.rest ? `${m.name}(${p.name}: T[])` : `${m.name}(options: { ${p.name}?: T })`,
          },
          p.span,
        );
      }
    }
  }
  return [...root.diagnostics];
}
