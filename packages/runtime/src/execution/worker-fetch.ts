import type { WorkerFetchInit, WorkerFetchResponse } from '@workscript/api';

/**
 * `ctx.fetch` on Node: the platform `fetch`, aborted when the run stops (or after `timeoutMs`). The body
 * is read once, eagerly, so `text()`/`json()` can be called in any order, as on the QuickJS bridge.
 */
export function createWorkerFetch(
  run: AbortSignal | (() => AbortSignal),
): (url: string, init?: WorkerFetchInit) => Promise<WorkerFetchResponse> {
  return async (url, init = {}) => {
    // A function defers creating the run's AbortSignal until a fetch actually needs it.
    const runSignal = typeof run === 'function' ? run() : run;
    const signal =
      init.timeoutMs === undefined
        ? runSignal
        : AbortSignal.any([runSignal, AbortSignal.timeout(init.timeoutMs)]);
    const response = await fetch(url, {
      method: init.method ?? 'GET',
      ...(init.headers ? { headers: { ...init.headers } } : {}),
      ...(init.body !== undefined ? { body: init.body } : {}),
      signal,
    });
    const body = await response.text();
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => (headers[name.toLowerCase()] = value));
    return {
      status: response.status,
      ok: response.ok,
      url: response.url,
      headers,
      text: () => Promise.resolve(body),
      json: <T>() => Promise.resolve(JSON.parse(body) as T),
    };
  };
}
