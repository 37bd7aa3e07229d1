import type { NativeServiceLayout } from '../../layout/kotlin-layout.js';
import { jsonSerializer } from './json-serializer.js';
import type { KotlinWriter } from './kotlin-writer.js';
import { kotlinString } from './kotlin-writer.js';
import type { SymbolTable } from './symbol-table.js';
import { RUNTIME } from './symbols.js';

/**
 * Emits `fun WorkscriptNatives.register(impl: Service): WorkscriptNatives`: one handler per method for
 * `native.<Service>.<method>`. A handler checks the argument count (`nativeArgs`), decodes each argument with
 * the shared JSON codec (`decodeNativeArg`, which names the parameter on a mismatch), calls the `suspend fun`
 * and encodes its result with the same codec (`null` for `Unit`), so native values use exactly the encoding of
 * nested objects in worker input and output.
 */
export function createNativeServiceRegistrationBuilder(layout: NativeServiceLayout, jsonCodec: string) {
  return {
    prepare(): void {
      // Declares no class: an extension function, overloaded by the service interface it takes.
    },
    build(w: KotlinWriter, symbols: SymbolTable): void {
      const natives = w.use(RUNTIME.WorkscriptNatives);
      const json = symbols.resolve(jsonCodec);
      const iface = symbols.resolve(layout.interfaceName);
      const impl = layout.implParam;
      const service = kotlinString(layout.serviceName);
      w.line('/**');
      w.line(
        ` * Registers [${impl.replace(/`/g, '')}] as native service '${layout.serviceName}': one handler per method of [${iface}].`,
      );
      w.line(
        ' * Each handler checks the number of arguments, decodes them with the shared JSON codec, calls the method',
      );
      w.line(
        " * and encodes its result (`null` for Unit); an exception rejects the worker's call with its message.",
      );
      w.line(' * Registering again replaces the previous implementation.');
      w.line(' * @return this, for chaining.');
      w.line(' */');
      w.block(`fun ${natives}.register(${impl}: ${iface}): ${natives}`, () => {
        for (const m of layout.methods) {
          const method = kotlinString(`${layout.serviceName}.${m.name}`);
          w.line(`register(${service}, ${kotlinString(m.name)}) { argsJson ->`);
          w.indent(() => {
            const names = m.params.map((p) => `, ${kotlinString(p.name)}`).join('');
            const argsDecl = m.params.length === 0 ? '' : 'val args = ';
            w.line(`${argsDecl}nativeArgs(argsJson, ${method}${names})`);
            const call = `${impl}.${m.kotlinName}`;
            const callLine = (prefix: string): void => {
              if (m.params.length === 0) {
                w.line(`${prefix}${call}()`);
                return;
              }
              w.line(`${prefix}${call}(`);
              w.indent(() => {
                m.params.forEach((p, i) =>
                  w.line(
                    `decodeNativeArg(args, ${i}, ${method}, ${kotlinString(p.name)}, ${jsonSerializer(w, p.type)}),`,
                  ),
                );
              });
              w.line(')');
            };
            if (m.returns === undefined) {
              callLine('');
              w.line('"null"');
            } else {
              callLine('val result = ');
              w.line(`${json}.encodeToString(${jsonSerializer(w, m.returns)}, result)`);
            }
          });
          w.line('}');
        }
        w.line('return this');
      });
    },
  };
}
