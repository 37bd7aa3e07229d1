import { Data, decodeData, type DataShape, type DataValue, type FieldShape } from '@workscript/api';

/**
 * Requests built on Node from a TS definition without shapes store every number as Double
 * (`createOneTimeWorkRequest` → `Data.fromObject`). The manifest knows which fields are Int or Long; an
 * integral Double that fits becomes that type (same value, another Kotlin type), exactly what the generated
 * Kotlin request builders store on a device. A fractional or out-of-range value is left alone, so decoding
 * still fails at run time and names the field. Returns `data` itself when nothing changes.
 *
 * Applied twice: at enqueue and `updateWork` (`createWorkSpec`), so the stored input, and what an input
 * merger sees, holds the device's types; and when an engine decodes an input ({@link decodeShapedInput}),
 * for inputs merged from the outputs of TS workers without shapes (a chain Android cannot have: all its
 * workers are shaped).
 */
export function widenIntegralDoubles(data: Data, shape: DataShape): Data {
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
 * A worker's input as its `run` receives it, by its shape: both engines decode through here, so a merged
 * Double in an Int field reads the same inline and in QuickJS.
 * @throws InvalidDataError naming the first field that does not match the shape.
 */
export function decodeShapedInput(data: Data, shape: DataShape): Record<string, unknown> {
  return decodeData(widenIntegralDoubles(data, shape), shape);
}
