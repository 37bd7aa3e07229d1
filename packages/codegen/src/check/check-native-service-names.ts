import { createDiagnosticCollector, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { ProjectModel } from '../model/project-model.js';
import { inNativeService } from './in-native-service.js';

/**
 * WS1034/WS1035: a native service's name is a string literal equal to its interface's name: it names the
 * Kotlin interface the app implements and the bridge prefix `native.<Service>`, so the two must agree.
 */
export function checkNativeServiceNames(ir: ProjectModel): Diagnostic[] {
  const root = createDiagnosticCollector();
  for (const s of ir.nativeServices) {
    const iface = s.interfaceName ?? 'MyService';
    if (!s.nameIsLiteral) {
      inNativeService(root, s).report(
        'native-service-name-not-literal',
        { text: s.name === '' ? '(missing)' : s.name, interface: iface },
        s.nameSpan,
      );
    } else if (s.extendsNativeService && s.interfaceName !== undefined && s.name !== s.interfaceName) {
      inNativeService(root, s).report(
        'native-service-name-mismatch',
        { name: s.name, interface: s.interfaceName },
        s.nameSpan,
      );
    }
  }
  return [...root.diagnostics];
}
