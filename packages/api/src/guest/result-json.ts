/**
 * ResultJson, the string `__workscript.run` resolves with. Keys are written in this order, which the
 * conformance cases compare byte for byte:
 * `{"status":"success"|"failure","output":{...}}`, `{"status":"retry"}`, or
 * `{"status":"failure","output":{},"error":{"name","message","stack"}}`.
 */
export type ResultJson = string;

const RETRY_JSON = '{"status":"retry"}';

/**
 * Serialises what a worker's `run` returned.
 * @throws TypeError when it is not a WorkResult or its output is not a plain object; the caller turns that
 * into an error result like any other throw.
 */
export function workResultToJson(workerName: string, value: unknown): ResultJson {
  const status =
    typeof value === 'object' && value !== null ? (value as { status?: unknown }).status : undefined;
  if (status === 'retry') return RETRY_JSON;
  if (status !== 'success' && status !== 'failure') {
    throw new TypeError(
      `Worker '${workerName}' returned ${describe(value)}; return ctx.success(output), ctx.failure(output) or ctx.retry()`,
    );
  }
  const output = (value as { output?: unknown }).output ?? {};
  if (typeof output !== 'object' || output === null || Array.isArray(output)) {
    throw new TypeError(
      `Worker '${workerName}' returned a ${status} whose output is ${describe(output)}; use a plain object`,
    );
  }
  return `{"status":${JSON.stringify(status)},"output":${JSON.stringify(output)}}`;
}

/** The failure-with-error result for anything thrown (or rejected with) while running a worker. */
export function errorToResultJson(error: unknown): ResultJson {
  const { name, message, stack } = describeError(error);
  return `{"status":"failure","output":{},"error":${JSON.stringify({ name, message, stack })}}`;
}

/** `name`, `message` and `stack` of a thrown value; values that are not Errors get name `Error`. */
export function describeError(error: unknown): { name: string; message: string; stack: string } {
  if (typeof error === 'object' && error !== null) {
    const e = error as { name?: unknown; message?: unknown; stack?: unknown };
    if (typeof e.message === 'string') {
      return {
        name: typeof e.name === 'string' ? e.name : 'Error',
        message: e.message,
        stack: typeof e.stack === 'string' ? e.stack : '',
      };
    }
  }
  return {
    name: 'Error',
    message: `The worker threw a value that is not an Error: ${describe(error)}`,
    stack: '',
  };
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'function') return 'a function';
  try {
    return JSON.stringify(value).slice(0, 200);
  } catch {
    return String(value);
  }
}
