import type {
  DataClassLayout,
  KotlinTypeLayout,
  NestedTypeLayout,
  PropertyLayout,
} from '../../layout/kotlin-layout.js';
import type { KotlinWriter } from './kotlin-writer.js';
import { kotlinString } from './kotlin-writer.js';
import type { SymbolTable } from './symbol-table.js';
import { writeEnumClass } from './enum-class-builder.js';
import { jsonSerializer, useJsDoubles } from './json-serializer.js';
import { ANDROIDX, KOTLINX } from './symbols.js';

const SCALAR_TYPE = {
  boolean: 'Boolean',
  int: 'Int',
  long: 'Long',
  double: 'Double',
  string: 'String',
} as const;
/** Data's typed array accessors and the Kotlin conversion for each primitive element. */
const PRIMITIVE_ARRAY = {
  boolean: {
    put: 'putBooleanArray',
    get: 'getBooleanArray',
    toArray: 'toBooleanArray()',
    label: 'BooleanArray',
  },
  int: { put: 'putIntArray', get: 'getIntArray', toArray: 'toIntArray()', label: 'IntArray' },
  long: { put: 'putLongArray', get: 'getLongArray', toArray: 'toLongArray()', label: 'LongArray' },
  double: { put: 'putDoubleArray', get: 'getDoubleArray', toArray: 'toDoubleArray()', label: 'DoubleArray' },
  string: { put: 'putStringArray', get: 'getStringArray', toArray: 'toTypedArray()', label: 'Array<String>' },
} as const;

/** Kotlin type of a laid-out type. */
export function kotlinType(t: KotlinTypeLayout): string {
  switch (t.kind) {
    case 'array':
      return `List<${kotlinType(t.element)}>`;
    case 'enum':
    case 'object':
      return t.className;
    default:
      return SCALAR_TYPE[t.kind];
  }
}

/** True for a type Data stores under its own type (scalars, enums and arrays of those); false for JSON. */
function isDataNative(t: KotlinTypeLayout): boolean {
  return (
    t.kind !== 'object' && (t.kind !== 'array' || (t.element.kind !== 'array' && t.element.kind !== 'object'))
  );
}

/**
 * Emits one `@Serializable` data class for a worker's input, output, failure output or progress, with
 * `toData()`/`fromData()` following the DataShape table of `@workscript/api`: Int→putInt, Long→putLong,
 * number→putDouble, boolean, string; enums as their string; primitive arrays as typed arrays; nested objects
 * and arrays of objects or arrays as a JSON string under one key; optional fields nullable, key absent when
 * null. Nested enums and classes are declared inside the class.
 */
export function createDataClassBuilder(
  layout: DataClassLayout,
  doc: string,
  file: string,
  options: DataClassOptions = {},
) {
  return {
    prepare(symbols: SymbolTable): void {
      symbols.declare(layout.className, file);
    },
    build(w: KotlinWriter, symbols: SymbolTable, jsonCodec: string): void {
      if (options.dataCodec === false) {
        buildJsonOnly(w, layout, doc);
        return;
      }
      const json = symbols.resolve(jsonCodec);
      const data = w.use(ANDROIDX.Data);
      w.line(`/** ${doc} */`);
      writeClassHeader(w, layout);
      w.block(')', () => {
        layout.nested.forEach((n) => {
          writeNested(w, n);
          w.line();
        });
        w.line(
          '/** Encodes this object as WorkManager Data: one key per field, nested values as JSON strings. */',
        );
        w.block(`fun toData(): ${data}`, () => {
          w.line(`val builder = ${data}.Builder()`);
          for (const p of layout.properties) writePut(w, p, json);
          w.line('return builder.build()');
        });
        w.line();
        w.block('companion object', () => {
          w.line(
            '/** Decodes WorkManager Data; throws IllegalArgumentException naming a missing or mistyped key. */',
          );
          w.line(`fun fromData(data: ${data}): ${layout.className} = ${layout.className}(`);
          w.indent(() => {
            for (const p of layout.properties) w.line(`${p.kotlinName} = ${readExpr(w, p, json)},`);
          });
          w.line(')');
        });
      });
    },
  };
}

/** Options of {@link createDataClassBuilder}. */
export interface DataClassOptions {
  /**
   * Emit `toData()`/`fromData()` (a worker's input, output, ...). `false` for classes that only cross the
   * bridge as JSON (native service parameters and results): plain `@Serializable` classes for the shared
   * codec. Default `true`.
   */
  readonly dataCodec?: boolean;
}

/** A `@Serializable` data class with its nested types and no Data codec. */
function buildJsonOnly(w: KotlinWriter, layout: DataClassLayout, doc: string): void {
  w.line(`/** ${doc} */`);
  writeClassHeader(w, layout);
  if (layout.nested.length === 0) {
    w.line(')');
    return;
  }
  w.block(')', () => {
    layout.nested.forEach((n, i) => {
      if (i > 0) w.line();
      writeNested(w, n);
    });
  });
}

function writeClassHeader(w: KotlinWriter, layout: DataClassLayout): void {
  w.line(`@${w.use(KOTLINX.Serializable)}`);
  w.line(`data class ${layout.className}(`);
  w.indent(() => {
    for (const p of layout.properties) {
      const serialName = p.needsSerialName ? `@${w.use(KOTLINX.SerialName)}(${kotlinString(p.key)}) ` : '';
      useJsDoubles(w, p.type);
      const type = kotlinType(p.type);
      w.line(`${serialName}val ${p.kotlinName}: ${p.optional ? `${type}? = null` : type},`);
    }
  });
}

function writeNested(w: KotlinWriter, n: NestedTypeLayout): void {
  if (n.kind === 'enum') {
    writeEnumClass(w, n);
    return;
  }
  w.line(`@${w.use(KOTLINX.Serializable)}`);
  w.line(`data class ${n.className}(`);
  w.indent(() => {
    for (const p of n.properties) {
      const serialName = p.needsSerialName ? `@${w.use(KOTLINX.SerialName)}(${kotlinString(p.key)}) ` : '';
      useJsDoubles(w, p.type);
      const type = kotlinType(p.type);
      w.line(`${serialName}val ${p.kotlinName}: ${p.optional ? `${type}? = null` : type},`);
    }
  });
  w.line(')');
}

/** `builder.putX(key, value)` for one property; optional properties are skipped when null. */
function writePut(w: KotlinWriter, p: PropertyLayout, json: string): void {
  const key = kotlinString(p.key);
  const self = `this.${p.kotlinName}`;
  const put = (v: string): string => {
    const t = p.type;
    if (!isDataNative(t))
      return `builder.putString(${key}, ${json}.encodeToString(${jsonSerializer(w, t)}, ${v}))`;
    if (t.kind === 'enum') return `builder.putString(${key}, ${v}.value)`;
    if (t.kind === 'array') {
      const e = t.element;
      if (e.kind === 'enum')
        return `builder.putStringArray(${key}, ${v}.map { e -> e.value }.toTypedArray())`;
      const a = PRIMITIVE_ARRAY[e.kind as keyof typeof PRIMITIVE_ARRAY];
      return `builder.${a.put}(${key}, ${v}.${a.toArray})`;
    }
    const scalar = SCALAR_TYPE[t.kind as keyof typeof SCALAR_TYPE];
    return `builder.put${scalar}(${key}, ${v})`;
  };
  w.line(p.optional ? `${self}?.let { ${put('it')} }` : put(self));
}

/** The expression that reads one property from `data`. */
function readExpr(w: KotlinWriter, p: PropertyLayout, json: string): string {
  const key = kotlinString(p.key);
  const t = p.type;
  const opt = p.optional;
  if (!isDataNative(t)) {
    const decode = (v: string): string => `${json}.decodeFromString(${jsonSerializer(w, t)}, ${v})`;
    return opt
      ? `data.readOrNull<String>(${key})?.let { ${decode('it')} }`
      : decode(`data.read<String>(${key})`);
  }
  if (t.kind === 'enum') {
    return opt
      ? `data.readOrNull<String>(${key})?.let { ${t.className}.fromValue(it) }`
      : `${t.className}.fromValue(data.read<String>(${key}))`;
  }
  if (t.kind === 'array') {
    const e = t.element;
    const kind = e.kind === 'enum' ? 'string' : (e.kind as keyof typeof PRIMITIVE_ARRAY);
    const a = PRIMITIVE_ARRAY[kind];
    const read = `data.${opt ? 'readArrayOrNull' : 'readArray'}(${key}, ${kotlinString(a.label)}, Data::${a.get})${opt ? '?' : ''}`;
    // androidx's getStringArray returns Array<String> (a stored null element throws there), so no null check.
    if (e.kind === 'enum') return `${read}.map { ${e.className}.fromValue(it) }`;
    return `${read}.toList()`;
  }
  const scalar = SCALAR_TYPE[t.kind as keyof typeof SCALAR_TYPE];
  return opt ? `data.readOrNull<${scalar}>(${key})` : `data.read<${scalar}>(${key})`;
}
