import { InvalidDataError } from '../errors.js';
import { describeStringInput, describeValue } from '../internal/describe-value.js';
import { findHole } from '../internal/find-hole.js';
import { Data, type DataBuilder } from './data.js';
import type { DataValue } from './data-value.js';

/**
 * The runtime description of a worker's input, output or progress type, from which both hosts encode
 * objects into `Data` the same way. The codegen derives it from the TypeScript type; the Kotlin data
 * classes' `toData()`/`fromData()` follow the same rules:
 *
 * | TypeScript                 | FieldShape                 | Data                                   |
 * |----------------------------|----------------------------|----------------------------------------|
 * | `boolean`                  | `{kind:'boolean'}`         | `putBoolean`                           |
 * | `Int`                      | `{kind:'int'}`             | `putInt`                               |
 * | `Long`                     | `{kind:'long'}`            | `putLong`                              |
 * | `number`                   | `{kind:'double'}`          | `putDouble`                            |
 * | `string`                   | `{kind:'string'}`          | `putString`                            |
 * | `'a' \| 'b'`               | `{kind:'enum', values}`    | `putString` (the literal)              |
 * | `T[]` of the above         | `{kind:'array', element}`  | typed array (`putIntArray`, ...)       |
 * | nested object, `T[][]`, `Obj[]` | `object` / `array`    | `putString` of JSON, fields in shape order |
 * | `field?: T`                | `optional: true`           | key absent when the value is undefined |
 */
export type FieldShape =
  | { readonly kind: 'boolean' | 'int' | 'long' | 'double' | 'string' }
  | { readonly kind: 'enum'; readonly values: readonly string[] }
  | { readonly kind: 'array'; readonly element: FieldShape }
  | { readonly kind: 'object'; readonly shape: DataShape };

/** One field of a {@link DataShape}. */
export interface FieldDecl {
  /** Property name in TypeScript; also the Data key. */
  readonly name: string;
  /** The field's type. */
  readonly type: FieldShape;
  /** True for `name?: T`. Default `false`. */
  readonly optional?: boolean;
}

/** An object type: its fields in declaration order. */
export interface DataShape {
  /** Fields in declaration order (the order nested JSON is written in). */
  readonly fields: readonly FieldDecl[];
}

const FIELD_KINDS = ['boolean', 'int', 'long', 'double', 'string', 'enum', 'array', 'object'];

/** A hand-written shape (not the codegen's) can hold any kind; an unknown one must fail, not be skipped. */
function unknownKind(path: string, type: FieldShape): never {
  const kind: unknown = (type as { kind?: unknown }).kind;
  throw new InvalidDataError(
    path,
    `the shape gives it kind ${describeStringInput(kind)}, which is not a field kind; use one of ${FIELD_KINDS.map((k) => `'${k}'`).join(', ')}`,
  );
}

/** `map` skips holes, so a sparse array would pass every element check; JSON then writes its holes as null. */
function checkNoHole(path: string, array: readonly unknown[]): void {
  const hole = findHole(array);
  if (hole >= 0) {
    throw new InvalidDataError(
      `${path}[${hole}]`,
      'is missing (the array is sparse); give every element a value',
    );
  }
}

/** Where a value is not a {@link DataShape} and why: a dotted path (`shapes.input.fields[0].type`) and the reason. */
export type ShapeProblem = readonly [path: string, problem: string];

/**
 * The first place where `shape` is not a {@link DataShape}, or undefined when it is one. For hand-written
 * shapes: the codegen's are right by construction, but a hand-written one that is wrong would only fail at the
 * first encode, or never (a missing `fields` reads as no fields). Shapes met again (a recursive type written
 * as a cycle) are not walked twice.
 */
export function findShapeProblem(
  shape: unknown,
  path: string,
  seen = new WeakSet<object>(),
): ShapeProblem | undefined {
  const fields: unknown =
    typeof shape === 'object' && shape !== null ? (shape as DataShape).fields : undefined;
  if (!Array.isArray(fields)) {
    return [path, `${describeValue(shape)} is not a DataShape; use { fields: [{ name, type }, ...] }`];
  }
  if (seen.has(fields)) return undefined;
  seen.add(fields);
  const hole = findHole(fields);
  if (hole >= 0) return [`${path}.fields[${hole}]`, 'is missing (the array is sparse); give every field'];
  for (const [i, field] of fields.entries()) {
    const at = `${path}.fields[${i}]`;
    if (typeof field !== 'object' || field === null) {
      return [at, `${describeValue(field)} is not a field; use { name, type, optional }`];
    }
    const { name, type, optional } = field as Partial<Record<keyof FieldDecl, unknown>>;
    if (typeof name !== 'string') {
      return [`${at}.name`, `${describeStringInput(name)} is not valid; use the property name, a string`];
    }
    if (optional !== undefined && typeof optional !== 'boolean') {
      return [`${at}.optional`, `${describeValue(optional)} is not valid; use true or false`];
    }
    const problem = findFieldShapeProblem(type, `${at}.type`, seen);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

function findFieldShapeProblem(type: unknown, path: string, seen: WeakSet<object>): ShapeProblem | undefined {
  if (typeof type !== 'object' || type === null) {
    return [path, `${describeValue(type)} is not a field type; use { kind: 'string' } or another FieldShape`];
  }
  const t = type as Partial<Record<'kind' | 'values' | 'element' | 'shape', unknown>>;
  switch (t.kind) {
    case 'boolean':
    case 'int':
    case 'long':
    case 'double':
    case 'string':
      return undefined;
    case 'enum':
      return Array.isArray(t.values) && findHole(t.values) < 0 && t.values.every((v) => typeof v === 'string')
        ? undefined
        : [`${path}.values`, `${describeValue(t.values)} is not valid; use an array of the enum's strings`];
    case 'array':
      if (seen.has(type)) return undefined;
      seen.add(type);
      return findFieldShapeProblem(t.element, `${path}.element`, seen);
    case 'object':
      return findShapeProblem(t.shape, `${path}.shape`, seen);
    default:
      return [
        `${path}.kind`,
        `${describeStringInput(t.kind)} is not a field kind; use one of ${FIELD_KINDS.map((k) => `'${k}'`).join(', ')}`,
      ];
  }
}

const isPrimitiveArray = (t: FieldShape): boolean =>
  t.kind === 'array' && t.element.kind !== 'array' && t.element.kind !== 'object';

/**
 * Encodes a typed object into Data following `shape`.
 * @throws InvalidDataError naming the first field whose value does not match the shape.
 * @throws DataTooLargeError when the result exceeds 10,240 bytes.
 */
export function encodeData(value: Readonly<Record<string, unknown>>, shape: DataShape): Data {
  const builder = Data.builder();
  for (const field of shape.fields) {
    const v = value[field.name];
    if (v === undefined) {
      if (field.optional) continue;
      throw new InvalidDataError(field.name, 'is required but missing');
    }
    putField(builder, field.name, field.type, v);
  }
  return builder.build();
}

function putField(builder: DataBuilder, key: string, type: FieldShape, v: unknown): void {
  switch (type.kind) {
    case 'boolean':
      builder.putBoolean(key, checkJsonValue(key, type, v) as boolean);
      return;
    case 'int':
      builder.putInt(key, checkJsonValue(key, type, v) as number);
      return;
    case 'long':
      builder.putLong(key, checkJsonValue(key, type, v) as number);
      return;
    case 'double':
      builder.putDouble(key, checkJsonValue(key, type, v) as number);
      return;
    case 'string':
    case 'enum':
      builder.putString(key, checkJsonValue(key, type, v) as string);
      return;
    case 'array':
      if (isPrimitiveArray(type)) {
        if (!Array.isArray(v)) throw new InvalidDataError(key, `expected an array, got ${describeValue(v)}`);
        checkNoHole(key, v);
        const items = v.map((x, i) => checkJsonValue(`${key}[${i}]`, type.element, x));
        const element =
          type.element.kind === 'enum'
            ? 'string'
            : (type.element.kind as 'boolean' | 'int' | 'long' | 'double' | 'string');
        builder.put(key, { type: `${element}[]`, value: items } as DataValue);
        return;
      }
      builder.putString(key, JSON.stringify(checkJsonValue(key, type, v)));
      return;
    case 'object':
      builder.putString(key, JSON.stringify(checkJsonValue(key, type, v)));
      return;
    default:
      unknownKind(key, type);
  }
}

/** Validates `v` against `type` and returns it with object fields re-ordered to shape order. */
function checkJsonValue(path: string, type: FieldShape, v: unknown): unknown {
  const fail = (expected: string): never => {
    throw new InvalidDataError(path, `expected ${expected}, got ${describeValue(v)}`);
  };
  switch (type.kind) {
    case 'boolean':
      return typeof v === 'boolean' ? v : fail('a boolean');
    case 'double':
      return typeof v === 'number' ? v : fail('a number');
    case 'int':
      return typeof v === 'number' && Number.isInteger(v) && v >= -2_147_483_648 && v <= 2_147_483_647
        ? v
        : fail('an Int (integer between -2147483648 and 2147483647)');
    case 'long':
      return typeof v === 'number' && Number.isSafeInteger(v) ? v : fail('a Long (safe integer)');
    case 'string':
      return typeof v === 'string' ? v : fail('a string');
    case 'enum':
      return typeof v === 'string' && type.values.includes(v)
        ? v
        : fail(`one of ${type.values.map((x) => `'${x}'`).join(', ')}`);
    case 'array':
      if (!Array.isArray(v)) return fail('an array');
      checkNoHole(path, v);
      return v.map((x, i) => checkJsonValue(`${path}[${i}]`, type.element, x));
    case 'object': {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail('an object');
      const out: Record<string, unknown> = {};
      for (const f of type.shape.fields) {
        const x = (v as Record<string, unknown>)[f.name];
        if (x === undefined) {
          if (!f.optional) throw new InvalidDataError(`${path}.${f.name}`, 'is required but missing');
          continue;
        }
        setOwn(out, f.name, checkJsonValue(`${path}.${f.name}`, f.type, x));
      }
      return out;
    }
    default:
      return unknownKind(path, type);
  }
}

/**
 * Decodes Data into a typed object following `shape` (the inverse of {@link encodeData}).
 * @throws InvalidDataError naming the first key that is missing or holds the wrong type.
 */
export function decodeData<T = Record<string, unknown>>(data: Data, shape: DataShape): T {
  const out: Record<string, unknown> = {};
  for (const field of shape.fields) {
    const v = data.get(field.name);
    if (v === undefined || v.type === 'null') {
      if (field.optional) continue;
      throw new InvalidDataError(
        field.name,
        v === undefined ? 'is required but missing' : 'is required but null',
      );
    }
    setOwn(out, field.name, readField(field.name, field.type, v));
  }
  return out as T;
}

function readField(key: string, type: FieldShape, v: DataValue): unknown {
  const wrongType = (expected: string): never => {
    throw new InvalidDataError(key, `expected Data type ${expected}, found ${v.type}`);
  };
  const fromJson = (): unknown => {
    if (v.type !== 'string') return wrongType('string (JSON)');
    let parsed: unknown;
    try {
      parsed = JSON.parse(v.value as string);
    } catch {
      throw new InvalidDataError(key, 'holds a string that is not valid JSON');
    }
    return checkJsonValue(key, type, parsed);
  };
  switch (type.kind) {
    case 'boolean':
    case 'int':
    case 'long':
    case 'double':
    case 'string':
      return v.type === type.kind ? v.value : wrongType(type.kind);
    case 'enum':
      return v.type === 'string' ? checkJsonValue(key, type, v.value) : wrongType('string');
    case 'array': {
      if (!isPrimitiveArray(type)) return fromJson();
      const element = type.element.kind === 'enum' ? 'string' : type.element.kind;
      return v.type === `${element}[]` ? checkJsonValue(key, type, v.value) : wrongType(`${element}[]`);
    }
    case 'object':
      return fromJson();
    default:
      return unknownKind(key, type);
  }
}

/** Assigns an own property even for names like `__proto__`. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
