import { createDiagnosticCollector, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { ProjectModel } from '../model/project-model.js';
import { inNativeService, serviceLabel } from './in-native-service.js';

/**
 * The members of `kotlin.Any`, with a name to suggest instead. Every Kotlin interface inherits them, so a
 * `suspend fun toString()` on the generated interface "hides member of supertype 'Any'" and does not compile;
 * with other parameters it would be an overload that `"$service"` or `==` never call. Renaming on the Kotlin
 * side is not an option: the method name is also the bridge name `native.<Service>.<method>`.
 */
const ANY_MEMBERS: ReadonlyMap<string, string> = new Map([
  ['equals', 'isSameAs'],
  ['hashCode', 'computeHash'],
  ['toString', 'describe'],
]);

/** WS1043: a native method must not be named like a member of `kotlin.Any` (`equals`, `hashCode`, `toString`). */
export function checkNativeMethodAnyMembers(ir: ProjectModel): Diagnostic[] {
  const root = createDiagnosticCollector();
  for (const s of ir.nativeServices) {
    for (const m of s.methods) {
      const suggestion = ANY_MEMBERS.get(m.name);
      if (suggestion === undefined) continue;
      inNativeService(root, s).report(
        'native-method-name-any-member',
        { method: m.name, service: serviceLabel(s), suggestion },
        m.span,
      );
    }
  }
  return [...root.diagnostics];
}
