import { HostCallError } from './host-call-error.js';
import type { Host } from './guest-globals.js';

/**
 * Calls a host method with JSON-encoded `args` and resolves with the reply's `value`. The args object is
 * serialised as given, so callers build it with the keys in the order the protocol table lists them: the
 * conformance cases compare argsJson byte for byte.
 */
export type CallHost = (method: string, args: object) => Promise<unknown>;

/**
 * Creates the guest's end of the call channel. `host` is looked up on every call, so a host may define
 * `__host` after the bundle was evaluated. The host is called synchronously: a call made by synchronous worker
 * code reaches the host before `run` returns its promise.
 */
export function createHostChannel(host: () => Host | undefined): CallHost {
  return (method, args) => {
    let reply: Promise<string>;
    try {
      const h = host();
      if (h === undefined || typeof h.call !== 'function') {
        throw new Error(
          `globalThis.__host.call is not defined; the host must define it before running a worker (bridge protocol v1)`,
        );
      }
      reply = Promise.resolve(h.call(method, JSON.stringify(args)));
    } catch (e) {
      return Promise.reject(e);
    }
    return reply.then((json) => parseReply(method, json));
  };
}

function parseReply(method: string, json: unknown): unknown {
  let reply: unknown;
  try {
    reply = typeof json === 'string' ? JSON.parse(json) : undefined;
  } catch {
    reply = undefined;
  }
  if (typeof reply === 'object' && reply !== null) {
    const r = reply as { ok?: unknown; value?: unknown; error?: { message?: unknown; code?: unknown } };
    if (r.ok === true) return r.value === undefined ? null : r.value;
    if (r.ok === false) {
      const message = typeof r.error?.message === 'string' ? r.error.message : `host call '${method}' failed`;
      const code = typeof r.error?.code === 'string' ? r.error.code : 'unknown';
      throw new HostCallError(method, code, message);
    }
  }
  throw new HostCallError(
    method,
    'malformed-reply',
    `The host's reply to '${method}' is not {"ok":true,"value":...} or {"ok":false,"error":{...}}: ${String(json).slice(0, 200)}`,
  );
}
