import type { NativeServiceLayout } from '../../layout/kotlin-layout.js';
import { kotlinType } from './data-class-builder.js';
import type { KotlinWriter } from './kotlin-writer.js';
import type { SymbolTable } from './symbol-table.js';

/**
 * Emits the Kotlin interface of a native service: one `suspend fun` per TypeScript method, with the laid-out
 * parameter and result types (`Unit` for `Promise<void>`). The app implements it and registers it with the
 * function of {@link createNativeServiceRegistrationBuilder}.
 */
export function createNativeServiceInterfaceBuilder(
  layout: NativeServiceLayout,
  source: string,
  file: string,
) {
  return {
    prepare(symbols: SymbolTable): void {
      symbols.declare(layout.interfaceName, file);
    },
    build(w: KotlinWriter): void {
      const impl = layout.implParam.replace(/`/g, '');
      w.line('/**');
      w.line(
        ` * Native service '${layout.serviceName}', implemented by the app; workers call it through the bridge as`,
      );
      w.line(` * \`native.${layout.serviceName}.<method>\`. Register an implementation with`);
      w.line(
        ` * \`WorkscriptNatives().register(${impl})\` and pass it as \`WorkscriptRuntime.Config(natives = ...)\`.`,
      );
      w.line(" * A method that throws rejects the worker's call with the exception's message.");
      w.line(' *');
      w.line(` * From ${source}.`);
      w.line(' */');
      w.block(`interface ${layout.interfaceName}`, () => {
        layout.methods.forEach((m, i) => {
          if (i > 0) w.line();
          const bridge = `\`native.${layout.serviceName}.${m.name}\` on the bridge.`;
          if (m.doc === undefined) w.line(`/** ${bridge} */`);
          else {
            // The TypeScript JSDoc, so the implementer reads what the worker author wrote. It cannot contain `*/`
            // (that ends it in TypeScript too), but `/*` would open a nested comment in Kotlin: escape it.
            w.line('/**');
            for (const line of m.doc.split(/\r?\n/))
              w.line(` *${line === '' ? '' : ` ${line.replace(/\/\*/g, '/&#42;')}`}`);
            w.line(' *');
            w.line(` * ${bridge}`);
            w.line(' */');
          }
          const params = m.params.map((p) => `${p.kotlinName}: ${kotlinType(p.type)}`).join(', ');
          const result = m.returns === undefined ? '' : `: ${kotlinType(m.returns)}`;
          w.line(`suspend fun ${m.kotlinName}(${params})${result}`);
        });
      });
    },
  };
}
