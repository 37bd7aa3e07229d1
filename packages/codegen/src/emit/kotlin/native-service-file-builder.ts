import type { NativeServiceLayout } from '../../layout/kotlin-layout.js';
import type { NativeServiceModel } from '../../model/project-model.js';
import { createDataClassBuilder } from './data-class-builder.js';
import type { FileBuilder } from './emit-kotlin.js';
import { createEnumClassBuilder } from './enum-class-builder.js';
import { createNativeServiceInterfaceBuilder } from './native-service-interface-builder.js';
import { createNativeServiceRegistrationBuilder } from './native-service-registration-builder.js';

/**
 * The file of one native service: its interface, its registration function, then the classes and enums of
 * its parameters and results (plain `@Serializable` types: they cross the bridge as JSON, never as Data).
 */
export function createNativeServiceFileBuilder(
  service: NativeServiceModel,
  layout: NativeServiceLayout,
  jsonCodec: string,
): FileBuilder {
  const file = layout.fileName;
  const where = `TypeScript interface \`${service.interfaceName ?? service.typeText}\`, declared by nativeService() in ${service.sourceFile}`;
  const iface = createNativeServiceInterfaceBuilder(layout, where, file);
  const registration = createNativeServiceRegistrationBuilder(layout, jsonCodec);
  const types = layout.types.map(({ origin, layout: t }) =>
    t.kind === 'enum'
      ? createEnumClassBuilder(t, `Native service '${service.name}': ${origin}.`, file)
      : createDataClassBuilder(t, `Native service '${service.name}': ${origin}.`, file, { dataCodec: false }),
  );
  return {
    file,
    source: `${service.name} in ${service.sourceFile}`,
    prepare(symbols) {
      iface.prepare(symbols);
      registration.prepare();
      for (const t of types) t.prepare(symbols);
    },
    build(w, symbols) {
      iface.build(w);
      w.line();
      registration.build(w, symbols);
      for (const t of types) {
        w.line();
        t.build(w, symbols, jsonCodec);
      }
    },
  };
}
