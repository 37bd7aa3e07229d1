import { createDiagnosticCollector, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { ProjectModel } from '../model/project-model.js';
import { duplicatesByName } from './duplicates-by-name.js';
import { inNativeService } from './in-native-service.js';

/**
 * WS1041: one service name, one interface. The model already merged calls that name the same interface, so
 * two entries with one name are two different interfaces that would both claim `native.<name>.*`.
 */
export function checkDuplicateNativeServices(ir: ProjectModel): Diagnostic[] {
  const root = createDiagnosticCollector();
  for (const [name, services] of duplicatesByName(ir.nativeServices)) {
    for (const s of services) {
      // Every copy is reported, each pointing at the others, so either can be renamed.
      let at = inNativeService(root, s);
      for (const o of services)
        if (o !== s)
          at = at.at(`also declared for '${o.interfaceName ?? o.typeText}'`, o.interfaceSpan ?? o.span);
      at.report('duplicate-native-service', { name, count: services.length }, s.nameSpan);
    }
  }
  return [...root.diagnostics];
}
