import { modifiedUtf8Length } from '@workscript/api';
import type { JsonValue } from '../parse/decl.js';
import type { ShapeModel, TypeModel } from '../model/project-model.js';

/** `Data.MAX_DATA_BYTES`. */
export const MAX_DATA_BYTES = 10_240;

/** Header (magic, version) plus the entry count of androidx's Data format V1. */
const HEADER_BYTES = 8;

/** Java's modified UTF-8 length plus the 2-byte length prefix (`writeUTF`). */
function utfSize(s: string): number {
  return 2 + modifiedUtf8Length(s);
}

const WIDTH = { boolean: 1, int: 4, long: 8, double: 8 } as const;

/**
 * Serialized size of a literal input as WorkManager Data (format V1; see `@workscript/api` data-serializer
 * and workmanager-spec §7.2). With a shape, fields are typed as the shape says (Int → 4 bytes); without one
 * (the worker could not be resolved) numbers count as doubles and nested values as JSON strings.
 */
export function dataSize(value: JsonValue, shape: ShapeModel | undefined): number {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return HEADER_BYTES;
  const obj = value as { readonly [key: string]: JsonValue };
  let n = HEADER_BYTES;
  for (const [key, v] of Object.entries(obj)) {
    if (v === null) continue;
    const type = shape?.fields.find((f) => f.name === key)?.type ?? inferType(v);
    n += 1 + valueSize(type, v) + utfSize(key);
  }
  return n;
}

function inferType(v: JsonValue): TypeModel {
  if (typeof v === 'boolean') return { kind: 'boolean' };
  if (typeof v === 'number') return { kind: 'double' };
  if (typeof v === 'string') return { kind: 'string' };
  if (Array.isArray(v)) {
    const first = (v as readonly JsonValue[])[0];
    return { kind: 'array', element: first === undefined ? { kind: 'string' } : inferType(first) };
  }
  return { kind: 'object', shape: { fields: [] } };
}

function valueSize(type: TypeModel, v: JsonValue): number {
  switch (type.kind) {
    case 'boolean':
    case 'int':
    case 'long':
    case 'double':
      return WIDTH[type.kind];
    case 'string':
    case 'enum':
      return utfSize(String(v));
    case 'array': {
      const items = Array.isArray(v) ? (v as readonly JsonValue[]) : [];
      const e = type.element;
      if (e.kind === 'boolean' || e.kind === 'int' || e.kind === 'long' || e.kind === 'double')
        return 4 + items.length * WIDTH[e.kind];
      if (e.kind === 'string' || e.kind === 'enum')
        return 4 + items.reduce<number>((n, s) => n + utfSize(String(s)), 0);
      return utfSize(JSON.stringify(v));
    }
    default:
      return utfSize(JSON.stringify(v));
  }
}
