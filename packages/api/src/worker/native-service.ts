import { InvalidNativeServiceError } from '../errors.js';

/**
 * Marker that a TypeScript interface is a native service: code the app implements in Kotlin (a camera, a
 * database, an SDK without an HTTP API) and workers call through the bridge.
 *
 * Every method takes positional parameters of Data-representable types (boolean, number, `Int`, `Long`,
 * string, string-literal unions, arrays of these, nested plain objects, optional object fields) and returns a
 * `Promise` of such a type or of `void`. `workscript generate` turns the interface into a Kotlin interface with
 * `suspend` functions; on Node a test supplies an implementation object (see `provideNativeService` in
 * `@workscript/runtime`).
 *
 * @example
 * ```ts
 * export interface Camera extends NativeService {
 *   takePhoto(options: { quality: Int; lens: 'front' | 'back' }): Promise<{ uri: string }>;
 * }
 * ```
 */
export interface NativeService {
  /** Type-level marker only; never present at run time. */
  readonly __workscriptNativeService?: never;
}

/**
 * A handle on a native service that a worker passes to {@link WorkerContext.native}. Made by
 * {@link nativeService}; plain frozen data, safe to create at module level.
 */
export interface NativeServiceRef<S extends NativeService = NativeService> {
  /** Marks the object as a native-service handle. */
  readonly kind: 'workscript.native-service';
  /** The service's name: the interface's name, which is also the Kotlin interface's name. */
  readonly name: string;
  /** Type-level only: the service interface. Never present at run time. */
  readonly __service?: S;
}

/** Valid native-service names: the same rule as worker names (they become Kotlin identifiers). */
export const NATIVE_SERVICE_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,99}$/;

/**
 * Declares that workers use the native service `S`, named by its interface name. The name must be a string
 * literal equal to the interface's name (`workscript generate` checks it), because it names both the Kotlin
 * interface and the bridge method `native.<name>.<method>`.
 *
 * @example
 * ```ts
 * const camera = nativeService<Camera>('Camera');
 * // inside run(input, ctx):
 * const photo = await ctx.native(camera).takePhoto({ quality: 80 as Int, lens: 'back' });
 * ```
 * @throws InvalidNativeServiceError when `name` is not a valid identifier.
 */
export function nativeService<S extends NativeService>(name: string): NativeServiceRef<S> {
  if (typeof name !== 'string' || !NATIVE_SERVICE_NAME_PATTERN.test(name)) {
    throw new InvalidNativeServiceError(
      name,
      `not a valid native service name; use the interface's name, a letter followed by letters, digits or '_' (at most 100 characters), e.g. 'Camera'`,
    );
  }
  return Object.freeze({ kind: 'workscript.native-service' as const, name });
}

/** True when `value` is a handle made by {@link nativeService}. */
export function isNativeServiceRef(value: unknown): value is NativeServiceRef {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { kind?: unknown }).kind === 'workscript.native-service'
  );
}
