import { Data, encodeData, type DataShape } from '@workscript/api';
import { decodeShapedInput } from '../../model/widen-integral-doubles.js';

/**
 * Decodes work input into the `inputJson` of `__workscript.run`: with the worker's input shape when the
 * manifest has one (Int/Long as JSON numbers, nested objects as objects), else `Data.toObject()`.
 */
export function dataToJson(data: Data, shape: DataShape | undefined): string {
  return JSON.stringify(shape ? decodeShapedInput(data, shape) : data.toObject());
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
