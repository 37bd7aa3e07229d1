import { createDiagnosticCollector, type Diagnostic } from '../diagnostics/diagnostic.js';
import { pascalCase } from '../layout/kotlin-names.js';
import type { ProjectModel } from '../model/project-model.js';
import { inNativeService } from './in-native-service.js';

/**
 * WS1036: `nativeService<T>` needs `T` to be an interface extending `NativeService`; only an interface says
 * which methods the Kotlin side must implement (a type alias or a class does not become a Kotlin interface).
 */
export function checkNativeServiceInterface(ir: ProjectModel): Diagnostic[] {
  const root = createDiagnosticCollector();
  for (const s of ir.nativeServices) {
    if (s.extendsNativeService) continue;
    const suggestion =
      s.interfaceName !== undefined && s.interfaceName !== 'NativeService'
        ? s.interfaceName
        : s.nameIsLiteral && s.name !== ''
          ? pascalCase(s.name)
          : 'MyService';
    inNativeService(root, s).report('native-service-not-interface', { type: s.typeText, suggestion }, s.span);
  }
  return [...root.diagnostics];
}
