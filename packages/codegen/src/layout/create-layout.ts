import { IMPORTED_SIMPLE_NAMES } from '../emit/kotlin/symbols.js';
import type { ProjectModel, ShapeModel, TypeModel } from '../model/project-model.js';
import type {
  DataClassLayout,
  EnumEntryLayout,
  KotlinLayout,
  KotlinTypeLayout,
  NestedTypeLayout,
  PropertyLayout,
  WorkerLayout,
} from './kotlin-layout.js';
import { camelCase, constantCase, escapeKeyword, pascalCase } from './kotlin-names.js';
import { createNameAllocator } from './name-allocator.js';

/** Options of {@link createLayout}. */
export interface LayoutOptions {
  /** Kotlin package of the generated code. */
  readonly kotlinPackage: string;
}

/** Fixed names of the shared generated files. */
const SHARED = {
  factoryClass: 'WorkscriptWorkerFactory',
  registryObject: 'WorkscriptWorkers',
  jsonCodec: 'WorkscriptJson',
  codecFile: 'WorkscriptCodec',
};
/** Class name suffixes every worker gets; a worker's base name is chosen so all of them are free. */
const WORKER_SUFFIXES = ['Worker', 'Input', 'Output', 'FailureOutput', 'Progress', 'Requests'] as const;
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

/**
 * Decides every Kotlin name (style.md R23). Workers are laid out in model order (sorted by name), so when two
 * names collide (`sync` and `Sync`, or a worker called `Coroutine` whose `CoroutineWorker` would shadow
 * androidx's) the later one gets a numeric suffix: `Sync2Worker`.
 */
export function createLayout(ir: ProjectModel, options: LayoutOptions): KotlinLayout {
  const topLevel = createNameAllocator([...Object.values(SHARED), ...IMPORTED_SIMPLE_NAMES]);
  const workers = ir.workers.map((w): WorkerLayout => {
    const base = topLevel.allocateGroup(pascalCase(w.name), WORKER_SUFFIXES);
    const dataClass = (t: TypeModel | undefined, suffix: string): DataClassLayout | undefined =>
      t?.kind === 'object' && t.shape.fields.length > 0
        ? layoutDataClass(`${base}${suffix}`, t.shape)
        : undefined;
    return {
      workerName: w.name,
      fileName: `${base}Worker`,
      workerClass: `${base}Worker`,
      requestsObject: `${base}Requests`,
      input: dataClass(w.input.type, 'Input'),
      output: dataClass(w.output.type, 'Output'),
      failureOutput: dataClass(w.failureOutput.type, 'FailureOutput'),
      progress: dataClass(w.progress.type, 'Progress'),
    };
  });
  return {
    packageName: options.kotlinPackage,
    packageDir: options.kotlinPackage.split('.').join('/'),
    ...SHARED,
    workers,
  };
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
function typeKey(t: TypeModel): string {
  return JSON.stringify(t, (k, v: unknown) => (k === 'span' ? undefined : v));
}

/**
 * Lays out a top-level data class. Every enum and object type met at any depth becomes a nested type
 * declared directly inside this class (nested classes see their siblings by simple name), named after the
 * TypeScript type when it has a name, else after the field.
 */
function layoutDataClass(className: string, shape: ShapeModel): DataClassLayout {
  const scope = createNameAllocator([className, ...NESTED_RESERVED]);
  const nested: NestedTypeLayout[] = [];
  const byKey = new Map<string, string>();

  const layoutType = (t: TypeModel, field: string, inArray: boolean): KotlinTypeLayout => {
    switch (t.kind) {
      case 'array':
        return { kind: 'array', element: layoutType(t.element, field, true) };
      case 'enum':
      case 'object': {
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
          const entries = createNameAllocator();
          nested.push({
            kind: 'enum',
            className: name,
            entries: t.values.map((value): EnumEntryLayout => ({
              name: entries.allocate(constantCase(value)),
              value,
            })),
          });
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
