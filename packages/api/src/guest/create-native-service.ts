import type { NativeService, NativeServiceRef } from '../worker/native-service.js';
import type { Host } from './guest-globals.js';
import { createHostChannel, type CallHost } from './host-channel.js';

/**
 * The guest side of a native service: an object whose every method sends `native.<Service>.<method>` with
 * `{"runId","args":[...]}`. A Proxy, because the guest knows the service only by name (the interface is erased).
 * `then` and symbol keys stay undefined so that awaiting or inspecting the object does not call the host.
 */
export function createNativeService<S extends NativeService>(
  runId: string,
  ref: NativeServiceRef<S>,
  callHost: CallHost,
): S {
  const name = String(ref.name);
  const methods = new Map<string, (...args: unknown[]) => Promise<unknown>>();
  return new Proxy(Object.freeze({}), {
    get(_target, key) {
      if (typeof key !== 'string' || key === 'then') return undefined;
      let method = methods.get(key);
      if (method === undefined) {
        method = (...args: unknown[]) => callHost(`native.${name}.${key}`, { runId, args });
        methods.set(key, method);
      }
      return method;
    },
  }) as S;
}

/**
 * `ctx.native(ref)` over any {@link Host}: the guest's own Proxy, JSON encoding of the arguments and reply
 * parsing (`ok:false` → `HostCallError`). Hosts that run TypeScript workers without QuickJS (the Node runtime's
 * inline and thread executors) use it so that a worker sees exactly what it sees in the bundle: a `Date`
 * argument arrives as its ISO string, `undefined` fields vanish.
 */
export function nativeServiceClient<S extends NativeService>(
  runId: string,
  ref: NativeServiceRef<S>,
  host: Host,
): S {
  return createNativeService(
    runId,
    ref,
    createHostChannel(() => host),
  );
}
