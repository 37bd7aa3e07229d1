import type { DiagnosticCollector } from '../diagnostics/diagnostic.js';
import type { NativeServiceModel } from '../model/project-model.js';

/**
 * A child collector whose diagnostics carry "in native service 'x' (file:line:col)" (style.md R29), pointing at
 * the `nativeService<T>(...)` call.
 */
export function inNativeService(root: DiagnosticCollector, service: NativeServiceModel): DiagnosticCollector {
  return root.at(`in native service '${serviceLabel(service)}'`, service.span);
}

/** How messages name a service: its literal name, else its interface, else the type text. */
export function serviceLabel(service: NativeServiceModel): string {
  return service.nameIsLiteral ? service.name : (service.interfaceName ?? service.typeText);
}
