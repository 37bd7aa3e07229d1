import { IMPORTED_SIMPLE_NAMES } from '../emit/kotlin/symbols.js';
import type { ShapeModel, TypeModel } from '../model/project-model.js';
import type {
  DataClassLayout,
  EnumEntryLayout,
  KotlinTypeLayout,
  NestedTypeLayout,
  PropertyLayout,
} from './kotlin-layout.js';
import { camelCase, constantCase, escapeKeyword, pascalCase } from './kotlin-names.js';
import { createNameAllocator } from './name-allocator.js';

/** Names a nested class must not take: they would shadow types the class body refers to. */
const NESTED_RESERVED = [
  'Any',
  'Array',
  'Boolean',
  'Companion',
  'Double',
  'Int',
  'List',
  'Long',
  'Result',
  'String',
  'Unit',
  ...IMPORTED_SIMPLE_NAMES,
];

/** Enum entries for string literals: `'not-roaming'` → `NOT_ROAMING`, clashes numbered. */
export function layoutEnumEntries(values: readonly string[]): EnumEntryLayout[] {
  const entries = createNameAllocator();
  return values.map((value) => ({ name: entries.allocate(constantCase(value)), value }));
}

/** Singular-ish name for the element class of an array field: `items` → `Item`, `entries` → `Entry`. */
function elementName(field: string): string {
  const p = pascalCase(field);
  if (/ies$/.test(p)) return `${p.slice(0, -3)}y`;
  if (/(ss|x|ch|sh)es$/.test(p)) return p.slice(0, -2);
  if (/[^s]s$/.test(p)) return p.slice(0, -1);
  return `${p}Item`;
}

/** Structural key of a type without spans, so one TypeScript type used twice becomes one nested class. */
export function typeKey(t: TypeModel): string {
  return JSON.stringify(t, (k, v: unknown) => (k === 'span' ? undefined : v));
}

/**
 * Where named types go instead of being nested: given a type with a TypeScript name, returns the top-level
 * class or enum that stands for it (laying it out on first use).
 */
export type NamedTypeResolver = (t: NamedTypeModel) => KotlinTypeLayout;

/** An enum or object type that has a TypeScript name. */
export type NamedTypeModel = Extract<TypeModel, { readonly kind: 'enum' | 'object' }> & {
  readonly typeName: string;
};

/**
 * Lays out a top-level data class. Every enum and object type met at any depth becomes a nested type
 * declared directly inside this class (nested classes see their siblings by simple name), named after the
 * TypeScript type when it has a name, else after the field. With `named`, types that have a TypeScript name
 * are not nested but resolved through it (native services declare them once at top level); their names are
 * reserved first, so no nested class can shadow them.
 */
export function layoutDataClass(
  className: string,
  shape: ShapeModel,
  named?: NamedTypeResolver,
): DataClassLayout {
  const external = named === undefined ? [] : resolveNamed(shape, named);
  const scope = createNameAllocator([className, ...NESTED_RESERVED, ...external]);
  const nested: NestedTypeLayout[] = [];
  const byKey = new Map<string, string>();

  const layoutType = (t: TypeModel, field: string, inArray: boolean): KotlinTypeLayout => {
    switch (t.kind) {
      case 'array':
        return { kind: 'array', element: layoutType(t.element, field, true) };
      case 'enum':
      case 'object': {
        if (named !== undefined && t.typeName !== undefined) return named({ ...t, typeName: t.typeName });
        const key = typeKey(t);
        const known = byKey.get(key);
        if (known !== undefined) return { kind: t.kind, className: known };
        const name = scope.allocate(
          t.typeName !== undefined
            ? pascalCase(t.typeName)
            : inArray
              ? elementName(field)
              : pascalCase(field),
        );
        byKey.set(key, name);
        if (t.kind === 'enum') {
          nested.push({ kind: 'enum', className: name, entries: layoutEnumEntries(t.values) });
        } else {
          const slot = nested.length;
          nested.push({ kind: 'class', className: name, properties: [], nested: [] });
          nested[slot] = {
            kind: 'class',
            className: name,
            properties: layoutProperties(t.shape),
            nested: [],
          };
        }
        return { kind: t.kind, className: name };
      }
      case 'unsupported':
        throw new Error(`unsupported type '${t.typeText}' reached the layout stage`);
      default:
        return { kind: t.kind };
    }
  };

  const layoutProperties = (s: ShapeModel): PropertyLayout[] => {
    const names = createNameAllocator();
    return s.fields.map((f) => {
      const name = names.allocate(camelCase(f.name));
      return {
        key: f.name,
        kotlinName: escapeKeyword(name),
        needsSerialName: name !== f.name,
        optional: f.optional,
        type: layoutType(f.type, f.name, false),
      };
    });
  };

  const properties = layoutProperties(shape);
  return { className, properties, nested };
}

/** Resolves every named type reachable from `shape` without crossing a named type; returns their class names. */
function resolveNamed(shape: ShapeModel, named: NamedTypeResolver): string[] {
  const names: string[] = [];
  const visit = (t: TypeModel): void => {
    if (t.kind === 'array') visit(t.element);
    else if ((t.kind === 'enum' || t.kind === 'object') && t.typeName !== undefined) {
      const use = named({ ...t, typeName: t.typeName });
      if (use.kind === 'enum' || use.kind === 'object') names.push(use.className);
    } else if (t.kind === 'object') for (const f of t.shape.fields) visit(f.type);
  };
  for (const f of shape.fields) visit(f.type);
  return names;
}
