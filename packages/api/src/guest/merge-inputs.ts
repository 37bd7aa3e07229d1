import { dataFromTaggedValue, dataToTaggedJson } from '../data/data-tagged-json.js';
import type { Data } from '../data/data.js';
import type { InputMerger } from '../data/input-merger.js';
import { describeError } from './result-json.js';

/**
 * MergeResultJson, the string `__workscript.merge` returns: `{"ok":true,"data":TaggedDataJson}` or
 * `{"ok":false,"error":{"name","message","stack"}}`, keys in this order.
 */
export type MergeResultJson = string;

/** The error result of `merge`: the host fails the work with it, as androidx fails work whose merge threw. */
export function mergeErrorJson(error: unknown): MergeResultJson {
  const { name, message, stack } = describeError(error);
  return `{"ok":false,"error":${JSON.stringify({ name, message, stack })}}`;
}

/**
 * Runs one merge: decodes `inputsJson` (a JSON array of TaggedDataJson objects), calls the merger and encodes
 * what it returned. Never throws: bad JSON, a throwing merger or a result that is not Data all become the
 * error result.
 */
export function mergeInputs(merger: InputMerger, inputsJson: string): MergeResultJson {
  try {
    const parsed = parseJson(inputsJson);
    if (!Array.isArray(parsed)) {
      throw new TypeError(`inputsJson of merger '${merger.name}' must be a JSON array of Data objects`);
    }
    const inputs: Data[] = parsed.map((input, i) =>
      dataFromTaggedValue(input, `inputs[${i}] of merger '${merger.name}'`),
    );
    return `{"ok":true,"data":${dataToTaggedJson(merger.merge(inputs))}}`;
  } catch (e) {
    return mergeErrorJson(e);
  }
}

/**
 * `inputsJson` parsed, or undefined when it is not JSON: the caller then reports it as "not an array",
 * because the engine's own SyntaxError message differs between QuickJS builds and the conformance cases
 * compare messages byte for byte.
 */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
