import { dataFromTaggedJson, dataToTaggedJson, type Data } from '@workscript/api';
import { toGuestError, type GuestErrorJson } from './guest-error.js';

/**
 * The `inputsJson` of `__workscript.merge`: a JSON array of TaggedDataJson objects, lossless for every
 * value a `Data` holds (longs as decimal strings, NaN/±Infinity/−0 as strings), in the order given.
 */
export function toInputsJson(inputs: readonly Data[]): string {
  return `[${inputs.map(dataToTaggedJson).join(',')}]`;
}

/**
 * Reads the MergeResultJson of merger `mergerName`: the merged Data of `{"ok":true,"data":…}`, or, for
 * `{"ok":false,"error":…}`, throws the guest's error (name and message kept, stack mapped as a worker's).
 * @throws the guest's error; TypeError for a result that is not MergeResultJson; InvalidDataError /
 * DataTooLargeError / RangeError (a long past the safe integers) for data this side cannot hold.
 */
export function fromMergeResultJson(
  mergerName: string,
  resultJson: string,
  mappedStack: string | undefined,
): Data {
  const result = JSON.parse(resultJson) as { ok?: unknown; data?: unknown; error?: GuestErrorJson };
  if (result.ok === false && typeof result.error === 'object' && result.error !== null)
    throw toGuestError(result.error, mappedStack);
  if (result.ok !== true || typeof result.data !== 'object' || result.data === null)
    throw new TypeError(
      `__workscript.merge('${mergerName}') returned ${resultJson.slice(0, 200)}, not MergeResultJson`,
    );
  return dataFromTaggedJson(JSON.stringify(result.data), `the Data merged by input merger '${mergerName}'`);
}
