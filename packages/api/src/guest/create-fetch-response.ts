import type { WorkerFetchResponse } from '../worker/worker-context.js';

/**
 * Turns the host's `fetch` reply value `{"status","url","headers":{},"body":string}` into a
 * {@link WorkerFetchResponse}. Header names are lower-cased here, whatever the host sends.
 * @throws TypeError when the reply does not have that shape.
 */
export function createFetchResponse(value: unknown): WorkerFetchResponse {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const { status, url, headers, body } = v;
  if (
    typeof status !== 'number' ||
    typeof url !== 'string' ||
    typeof body !== 'string' ||
    !isRecord(headers)
  ) {
    throw new TypeError(
      `The host's fetch reply must be {"status":number,"url":string,"headers":{},"body":string}; got ${JSON.stringify(value)}`,
    );
  }
  const lowered: Record<string, string> = {};
  for (const key of Object.keys(headers)) lowered[key.toLowerCase()] = String(headers[key]);
  return Object.freeze({
    status,
    ok: status >= 200 && status <= 299,
    url,
    headers: Object.freeze(lowered),
    text: () => Promise.resolve(body),
    json: <T>() => new Promise<T>((resolve) => resolve(JSON.parse(body) as T)),
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
