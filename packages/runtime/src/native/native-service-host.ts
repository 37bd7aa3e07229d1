import { DuplicateNativeServiceError } from '../errors.js';
import type { NativeServiceProvider } from './provide-native-service.js';

/**
 * The main thread's end of `native.<Service>.<method>` (bridge protocol v1): every engine hands the call's
 * method and argsJson here and relays the HostReplyJson it returns, so the inline engine, the thread
 * executor and the QuickJS engine answer with the same bytes, and the same error codes and messages, as the
 * Kotlin runtime's `WorkscriptNatives`.
 */
export interface NativeServiceHost {
  /**
   * Answers one call with `{"ok":true,"value":...}` or `{"ok":false,"error":{"message","code"}}`; never
   * rejects. Codes: `unknown-method` (no such service or method), `bad-args` (argsJson is not an object with
   * an `args` array), `host-error` (the implementation threw or rejected, or returned what JSON cannot hold).
   */
  answer(method: string, argsJson: string): Promise<string>;
}

const PREFIX = 'native.';

/**
 * The host's `callNative`, or, for a host without one (a WorkTask made by hand, e.g. in a benchmark), a caller
 * with no services: `unknown-method`, with the same message as a WorkManager without `nativeServices`.
 */
export function callNativeOf(host: {
  callNative?(method: string, argsJson: string): Promise<string>;
}): (method: string, argsJson: string) => Promise<string> {
  return host.callNative?.bind(host) ?? ((method, argsJson) => NONE.answer(method, argsJson));
}

/**
 * Builds the dispatcher over `providers`. An implementation is called with the decoded `args` and receives
 * no stop signal: a run stopped while a call is pending drops the reply (see docs/guides/native-services.md).
 * @throws DuplicateNativeServiceError when two providers name the same service.
 */
export function createNativeServiceHost(providers: readonly NativeServiceProvider[]): NativeServiceHost {
  const services = new Map<string, NativeServiceProvider>();
  for (const provider of providers) {
    if (services.has(provider.name)) throw new DuplicateNativeServiceError(provider.name);
    services.set(provider.name, provider);
  }
  const provided = [...services.values()]
    .flatMap((s) => [...s.methods.keys()].map((m) => `${s.name}.${m}`))
    .sort();

  const unknown = (name: string): string =>
    fail(
      'unknown-method',
      `No native service method '${name}' is provided; provided: ${provided.length ? provided.join(', ') : '(none)'}. ` +
        'Provide it with createWorkManager({ nativeServices: [provideNativeService(ref, implementation)] })',
    );

  return {
    async answer(method, argsJson) {
      const name = method.startsWith(PREFIX) ? method.slice(PREFIX.length) : method;
      const dot = name.indexOf('.');
      const implementation =
        method.startsWith(PREFIX) && dot > 0
          ? services.get(name.slice(0, dot))?.methods.get(name.slice(dot + 1))
          : undefined;
      // The Kotlin host's order: argsJson must be an object, then the method must exist, then `args` an array.
      const parsed = parseObject(argsJson);
      if (parsed === undefined)
        return fail('bad-args', `argsJson of '${method}' is not a JSON object: ${argsJson.slice(0, 200)}`);
      if (implementation === undefined) return unknown(name);
      const args = parsed['args'];
      if (!Array.isArray(args))
        return fail('bad-args', `'${method}' needs an array "args", got ${argsJson.slice(0, 200)}`);
      let value: unknown;
      try {
        value = await implementation(...(args as unknown[]));
      } catch (e) {
        return fail('host-error', e instanceof Error ? e.message : String(e));
      }
      let valueJson: string | undefined;
      try {
        valueJson = JSON.stringify(value);
      } catch (e) {
        return fail(
          'host-error',
          `Native service method '${name}' returned a value JSON cannot represent: ${(e as Error).message}`,
        );
      }
      // undefined (a void method), functions and symbols have no JSON form: the bridge's null.
      return `{"ok":true,"value":${valueJson ?? 'null'}}`;
    },
  };
}

function parseObject(json: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(json);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function fail(code: string, message: string): string {
  return JSON.stringify({ ok: false, error: { message, code } });
}

/** The host of a WorkManager without native services. */
const NONE = createNativeServiceHost([]);
