import type { KotlinTypeLayout } from '../../layout/kotlin-layout.js';
import { kotlinType } from './data-class-builder.js';
import type { KotlinWriter } from './kotlin-writer.js';
import { KOTLINX, RUNTIME } from './symbols.js';

/**
 * True when `t` is a `Double` or a list (of lists) of `Double`: a type whose JSON the plugin's default
 * serializer would write as `1.0` where JavaScript writes `1`. Classes are not looked into: their own
 * serializers already use `JsDoubleSerializer` (see {@link useJsDoubles}).
 */
function holdsDoubleDirectly(t: KotlinTypeLayout): boolean {
  return t.kind === 'double' || (t.kind === 'array' && holdsDoubleDirectly(t.element));
}

/**
 * Makes every `Double` of the `@Serializable` classes declared in this file (list elements included) use the
 * runtime's `JsDoubleSerializer`, so nested JSON is byte-identical to the TypeScript side's `JSON.stringify`.
 * Called for each property of a generated class; written once per file.
 */
export function useJsDoubles(w: KotlinWriter, t: KotlinTypeLayout): void {
  if (holdsDoubleDirectly(t))
    w.fileAnnotation(`@file:${w.use(KOTLINX.UseSerializers)}(${w.use(RUNTIME.JsDoubleSerializer)}::class)`);
}

/**
 * The serializer expression for encoding or decoding a value of `t` on its own (a Data key holding JSON, a
 * native argument or result): `serializer<T>()`, or, where `T` is a `Double` or lists of them (which
 * `UseSerializers` does not reach), the same built with `JsDoubleSerializer`: `ListSerializer(JsDoubleSerializer)`.
 */
export function jsonSerializer(w: KotlinWriter, t: KotlinTypeLayout): string {
  if (t.kind === 'double') return w.use(RUNTIME.JsDoubleSerializer);
  if (t.kind === 'array' && holdsDoubleDirectly(t))
    return `${w.use(KOTLINX.ListSerializer)}(${jsonSerializer(w, t.element)})`;
  return `${w.use(KOTLINX.serializer)}<${kotlinType(t)}>()`;
}
