import type { NativeService, NativeServiceRef } from '@workscript/api';
import { HostCallError } from '@workscript/api/guest';

/** Sends one `native.<Service>.<method>` call with its argsJson; resolves with the HostReplyJson. */
export type CallNative = (method: string, argsJson: string) => Promise<string>;

/**
 * `ctx.native(ref)` for workers that run as TypeScript (inline and thread executors): the same Proxy as the
 * guest prelude's, and the same JSON round trip, so a worker sees on Node what it sees in QuickJS — a Date
 * argument arrives as its ISO string, `undefined` fields vanish, and an `ok:false` reply rejects with a
 * `HostCallError` carrying the host's code and message.
 */
export function createNativeServiceProxy<S extends NativeService>(
  runId: string,
  ref: NativeServiceRef<S>,
  callNative: CallNative,
): S {
  const name = String(ref.name);
  const methods = new Map<string, (...args: unknown[]) => Promise<unknown>>();
  return new Proxy(Object.freeze({}), {
    get(_target, key) {
      // `then` stays undefined so that `await ctx.native(ref)` does not call the host.
      if (typeof key !== 'string' || key === 'then') return undefined;
      let method = methods.get(key);
      if (method === undefined) {
        const bridgeMethod = `native.${name}.${key}`;
        method = (...args: unknown[]) => {
          let argsJson: string;
          try {
            argsJson = JSON.stringify({ runId, args });
          } catch (e) {
            return Promise.reject(e as Error);
          }
          return callNative(bridgeMethod, argsJson).then((reply) => parseReply(bridgeMethod, reply));
        };
        methods.set(key, method);
      }
      return method;
    },
  }) as S;
}

function parseReply(method: string, replyJson: string): unknown {
  const reply = JSON.parse(replyJson) as
    { ok: true; value?: unknown } | { ok: false; error: { message: string; code: string } };
  if (reply.ok) return reply.value ?? null;
  throw new HostCallError(method, reply.error.code, reply.error.message);
}
