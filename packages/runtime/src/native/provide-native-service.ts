import { isNativeServiceRef, type NativeService, type NativeServiceRef } from '@workscript/api';

/**
 * What a Node implementation of the native service `S` must provide: every method of the interface (the
 * `NativeService` marker excluded) with the same parameters. A method may return its value directly or as a
 * promise; the bridge awaits it either way.
 */
export type NativeServiceImplementation<S extends NativeService> = {
  readonly [K in keyof S as K extends keyof NativeService ? never : K]-?: NonNullable<S[K]> extends (
    ...args: infer A
  ) => infer R
    ? (...args: A) => R | Awaited<R>
    : never;
};

/**
 * One native service's implementation for `createWorkManager({ nativeServices })`, made by
 * {@link provideNativeService}. `methods` is resolved once, when the provider is made.
 */
export interface NativeServiceProvider {
  /** Marks the object as a provider. */
  readonly kind: 'workscript.native-service-provider';
  /** The service's name (`nativeService<S>(name)`), i.e. the `<Service>` of `native.<Service>.<method>`. */
  readonly name: string;
  /** The implementation's methods by name, bound to the implementation. */
  readonly methods: ReadonlyMap<string, (...args: unknown[]) => unknown>;
}

/**
 * Provides the native service behind `ref` on Node: workers' `ctx.native(ref).<method>(...)` calls reach
 * `implementation` through the same JSON bridge as on Android (arguments and return values are JSON-encoded
 * and decoded, on every engine). Methods are looked up on the object and its prototype chain, so a class
 * instance works as well as an object literal.
 *
 * Implementations run on the main thread and receive only the call's arguments, no stop signal: when the run
 * is stopped while a call is pending, the worker's `ctx.signal` aborts, the call's promise still settles and
 * its value is dropped.
 *
 * @example
 * ```ts
 * const wm = createWorkManager({
 *   workers: [uploadPhoto],
 *   nativeServices: [
 *     provideNativeService(camera, {
 *       takePhoto: async (options) => ({ uri: `file:///${options.lens}.jpg`, bytes: long(48_213) }),
 *       reset: async () => {},
 *     }),
 *   ],
 * });
 * ```
 * @throws TypeError when `ref` is not made by `nativeService()` or `implementation` is not an object.
 */
export function provideNativeService<S extends NativeService>(
  ref: NativeServiceRef<S>,
  implementation: NativeServiceImplementation<S>,
): NativeServiceProvider {
  if (!isNativeServiceRef(ref)) {
    throw new TypeError(
      `provideNativeService: the first argument must be a handle made by nativeService<S>('Name'), got ${describe(ref)}`,
    );
  }
  if (typeof implementation !== 'object' || implementation === null) {
    throw new TypeError(
      `provideNativeService(${ref.name}): the implementation must be an object with the service's methods, got ${describe(implementation)}`,
    );
  }
  return Object.freeze({
    kind: 'workscript.native-service-provider' as const,
    name: ref.name,
    methods: methodsOf(implementation),
  });
}

/** Functions on the object and its prototypes (class methods are non-enumerable), without Object's own. */
function methodsOf(implementation: object): ReadonlyMap<string, (...args: unknown[]) => unknown> {
  const methods = new Map<string, (...args: unknown[]) => unknown>();
  for (
    let proto: object | null = implementation;
    proto !== null && proto !== Object.prototype;
    proto = Object.getPrototypeOf(proto) as object | null
  ) {
    for (const key of Object.getOwnPropertyNames(proto)) {
      if (key === 'constructor' || methods.has(key)) continue;
      // Only data properties: reading a getter here would run user code at provide time.
      const value: unknown = Object.getOwnPropertyDescriptor(proto, key)?.value;
      if (typeof value === 'function')
        methods.set(key, (value as (...args: unknown[]) => unknown).bind(implementation));
    }
  }
  return methods;
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value !== 'object') return `${typeof value} ${String(value)}`;
  try {
    return JSON.stringify(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}
