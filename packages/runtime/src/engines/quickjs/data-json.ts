import {
  Data,
  decodeData,
  encodeData,
  type DataShape,
  type DataValue,
  type FieldShape,
} from '@workscript/api';

/**
 * Decodes work input into the `inputJson` of `__workscript.run`: with the worker's input shape when the
 * manifest has one (Int/Long as JSON numbers, nested objects as objects), else `Data.toObject()`.
 */
export function dataToJson(data: Data, shape: DataShape | undefined): string {
  return JSON.stringify(shape ? decodeData(widenIntegralDoubles(data, shape), shape) : data.toObject());
}

/**
 * Requests built on Node from a TS definition carry no shapes, so `createOneTimeWorkRequest` stores every
 * number as Double (`Data.fromObject`). The manifest knows which fields are Int or Long; an integral Double
 * that fits is read as that type (same value, another Kotlin type), exactly what the generated Kotlin request
 * builders would have stored. A fractional or out-of-range value is left alone, so decoding still fails
 * and names the field.
 *
 * Requests from `@workscript/testing` (`harness.request`) are encoded with the manifest's shapes and never
 * need this. It stays for two inputs that reach the engine as Doubles: requests built with
 * `createOneTimeWorkRequest(definition)` from a TS import and enqueued on `createWorkManager({ bundlePath })`
 * (the enqueue path stores request Data as given), and inputs merged from the outputs of TS workers without
 * shapes that run inline before a bundle worker (a chain Android cannot have: all its workers are shaped).
 */
function widenIntegralDoubles(data: Data, shape: DataShape): Data {
  let builder: ReturnType<typeof Data.builder> | undefined;
  for (const field of shape.fields) {
    const value = data.get(field.name);
    const target = integerTarget(field.type);
    if (value === undefined || target === undefined) continue;
    const widened = widen(value, target);
    if (widened === undefined) continue;
    try {
      builder ??= Data.builder(data);
      builder.put(field.name, widened);
    } catch {
      // Out of the target's range: keep the Double and let decodeData report the field.
    }
  }
  return builder ? builder.build() : data;
}

function integerTarget(type: FieldShape): 'int' | 'long' | 'int[]' | 'long[]' | undefined {
  if (type.kind === 'int' || type.kind === 'long') return type.kind;
  if (type.kind === 'array' && (type.element.kind === 'int' || type.element.kind === 'long'))
    return `${type.element.kind}[]`;
  return undefined;
}

function widen(value: DataValue, target: 'int' | 'long' | 'int[]' | 'long[]'): DataValue | undefined {
  if (value.type === 'double' && Number.isInteger(value.value) && (target === 'int' || target === 'long')) {
    return { type: target, value: value.value };
  }
  if (
    value.type === 'double[]' &&
    value.value.every(Number.isInteger) &&
    (target === 'int[]' || target === 'long[]')
  ) {
    return { type: target, value: value.value };
  }
  return undefined;
}

/**
 * Encodes an output or progress object that came back over the bridge, as the inline engine encodes what a
 * worker returns: with the shape when there is one, else `Data.fromObject`. An empty object is `Data.EMPTY`
 * (the guest writes `{}` for `ctx.success()` without output).
 * @throws InvalidDataError / DataTooLargeError as `encodeData` does, TypeError for a non-object.
 */
export function jsonToData(value: unknown, shape: DataShape | undefined): Data {
  if (value === undefined || value === null) return Data.EMPTY;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new TypeError(`Worker output must be an object or Data, got ${JSON.stringify(value)}`);
  }
  if (Object.keys(value).length === 0) return Data.EMPTY;
  return shape
    ? encodeData(value as Record<string, unknown>, shape)
    : Data.fromObject(value as Record<string, unknown>);
}
