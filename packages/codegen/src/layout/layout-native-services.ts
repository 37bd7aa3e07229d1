import type { NativeServiceModel, TypeModel } from '../model/project-model.js';
import type { KotlinTypeLayout, NativeServiceLayout, NativeTypeLayout } from './kotlin-layout.js';
import { escapeKeyword, pascalCase } from './kotlin-names.js';
import {
  layoutDataClass,
  layoutEnumEntries,
  typeKey,
  type NamedTypeModel,
  type NamedTypeResolver,
} from './layout-data-class.js';
import type { NameAllocator } from './name-allocator.js';

/** Local names of the generated registration lambdas, which the implementation parameter must not shadow. */
const REGISTRATION_LOCALS = new Set(['args', 'argsJson', 'result']);

/**
 * Lays out every native service (style.md R23): a Kotlin interface named after the service, and a top-level
 * class or enum for each parameter or result type that is an object or a string-literal union. Anonymous
 * types are named `<Service><Method><Param>` / `<Service><Method>Result` (`...Item` for array elements), each
 * its own class; types with a TypeScript name keep it, at top level at any depth, declared once in the file
 * of the first service that uses them. Anonymous nested types are nested as in worker data classes.
 * `topLevel` is the package's allocator, so no name clashes with the workers' classes.
 */
export function layoutNativeServices(
  services: readonly NativeServiceModel[],
  topLevel: NameAllocator,
): NativeServiceLayout[] {
  const named = new Map<string, KotlinTypeLayout>();
  return services.map((s): NativeServiceLayout => {
    const interfaceName = topLevel.allocate(pascalCase(s.name), `native service '${s.name}'`);
    const types: NativeTypeLayout[] = [];
    const declare = (t: TypeModel & { kind: 'enum' | 'object' }, className: string, origin: string): void => {
      types.push({
        origin,
        layout:
          t.kind === 'enum'
            ? { kind: 'enum', className, entries: layoutEnumEntries(t.values) }
            : { kind: 'class', ...layoutDataClass(className, t.shape, resolve) },
      });
    };
    const resolve: NamedTypeResolver = (t: NamedTypeModel) => {
      const key = typeKey(t);
      const known = named.get(key);
      if (known !== undefined) return known;
      const className = topLevel.allocate(pascalCase(t.typeName), `a type of native service '${s.name}'`);
      const use: KotlinTypeLayout = { kind: t.kind, className };
      named.set(key, use);
      declare(t, className, `TypeScript type \`${t.typeName}\``);
      return use;
    };
    const layoutType = (t: TypeModel, preferred: string, origin: string): KotlinTypeLayout => {
      switch (t.kind) {
        case 'array':
          return {
            kind: 'array',
            element: layoutType(t.element, `${preferred}Item`, `elements of ${origin}`),
          };
        case 'enum':
        case 'object': {
          if (t.typeName !== undefined) return resolve({ ...t, typeName: t.typeName });
          const className = topLevel.allocate(preferred, `a type of native service '${s.name}'`);
          declare(t, className, origin);
          return { kind: t.kind, className };
        }
        case 'unsupported':
          throw new Error(`unsupported type '${t.typeText}' reached the layout stage`);
        default:
          return { kind: t.kind };
      }
    };
    const lower = interfaceName.charAt(0).toLowerCase() + interfaceName.slice(1);
    return {
      serviceName: s.name,
      fileName: interfaceName,
      interfaceName,
      implParam: escapeKeyword(REGISTRATION_LOCALS.has(lower) ? `${lower}Impl` : lower),
      methods: s.methods.map((m) => {
        const prefix = `${interfaceName}${pascalCase(m.name)}`;
        const where = `\`${s.name}.${m.name}\``;
        return {
          name: m.name,
          kotlinName: escapeKeyword(m.name),
          params: m.params.map((p) => ({
            name: p.name,
            kotlinName: escapeKeyword(p.name.replace(/\$/g, '_')),
            type: layoutType(p.type, `${prefix}${pascalCase(p.name)}`, `parameter \`${p.name}\` of ${where}`),
          })),
          returns:
            m.returns === 'void'
              ? undefined
              : layoutType(m.returns, `${prefix}Result`, `the result of ${where}`),
          ...(m.doc === undefined ? {} : { doc: m.doc }),
        };
      }),
      types,
    };
  });
}
