import type { KotlinLayout } from '../../layout/kotlin-layout.js';
import type { KotlinWriter } from './kotlin-writer.js';
import type { SymbolTable } from './symbol-table.js';
import { ANDROIDX, KOTLINX } from './symbols.js';
import { writeNativeHelpers } from './native-helpers.js';

/**
 * Emits the shared JSON codec and the Data read helpers the data classes use; with native services, also the
 * argument helpers their registration functions use (only then, so projects without services are unchanged).
 */
export function createCodecBuilder(kotlin: KotlinLayout) {
  const file = kotlin.codecFile;
  return {
    file,
    prepare(symbols: SymbolTable): void {
      symbols.declare(kotlin.jsonCodec, file);
    },
    build(w: KotlinWriter): void {
      const json = w.use(KOTLINX.Json);
      const data = w.use(ANDROIDX.Data);
      w.line('/**');
      w.line(
        ' * The one JSON codec of the generated classes; its settings are decided here and nowhere else.',
      );
      w.line(
        ' * - ignoreUnknownKeys: Data may hold keys of other workers (input mergers) or of newer app versions.',
      );
      w.line(' * - encodeDefaults: the TypeScript side expects every declared field to be present.');
      w.line(
        ' * - explicitNulls = false: an optional TypeScript field is absent, not null, when it has no value',
      );
      w.line(
        ' *   (the TypeScript side rejects null for an optional field). It is still marked experimental.',
      );
      w.line(' */');
      w.line(`@OptIn(${w.use(KOTLINX.ExperimentalSerializationApi)}::class)`);
      w.block(`internal val ${kotlin.jsonCodec}: ${json} = ${json}`, () => {
        w.line('ignoreUnknownKeys = true');
        w.line('encodeDefaults = true');
        w.line('explicitNulls = false');
      });
      w.line();
      w.line('internal fun missingKey(key: String, type: String): IllegalArgumentException =');
      w.indent(() =>
        w.line('IllegalArgumentException("Data key \'$key\' is required but missing; expected $type")'),
      );
      w.line();
      w.line('internal fun wrongType(key: String, type: String, value: Any): IllegalArgumentException =');
      w.indent(() =>
        w.line(
          'IllegalArgumentException("Data key \'$key\' holds a ${value::class.java.simpleName}; expected $type")',
        ),
      );
      w.line();
      w.line(
        '/** The value under [key]; throws IllegalArgumentException when it is missing or not a [T]. */',
      );
      w.block(`internal inline fun <reified T : Any> ${data}.read(key: String): T`, () => {
        w.line('val value = keyValueMap[key] ?: throw missingKey(key, T::class.java.simpleName)');
        w.line('return value as? T ?: throw wrongType(key, T::class.java.simpleName, value)');
      });
      w.line();
      w.line(
        '/** The value under [key], or null when absent; throws IllegalArgumentException when it is not a [T]. */',
      );
      w.block(`internal inline fun <reified T : Any> ${data}.readOrNull(key: String): T?`, () => {
        w.line('val value = keyValueMap[key] ?: return null');
        w.line('return value as? T ?: throw wrongType(key, T::class.java.simpleName, value)');
      });
      w.line();
      w.line(
        '/** A typed array (Data stores arrays boxed; [get] is the typed getter, e.g. `Data::getIntArray`). */',
      );
      w.block(
        `internal inline fun <A : Any> ${data}.readArray(key: String, type: String, get: ${data}.(String) -> A?): A`,
        () => {
          w.line('val value = keyValueMap[key] ?: throw missingKey(key, type)');
          w.line('return get(key) ?: throw wrongType(key, type, value)');
        },
      );
      w.line();
      w.line('/** Like [readArray], or null when the key is absent. */');
      w.block(
        `internal inline fun <A : Any> ${data}.readArrayOrNull(key: String, type: String, get: ${data}.(String) -> A?): A?`,
        () => {
          w.line('val value = keyValueMap[key] ?: return null');
          w.line('return get(key) ?: throw wrongType(key, type, value)');
        },
      );
      if (kotlin.nativeServices.length > 0) writeNativeHelpers(w, kotlin.jsonCodec);
    },
  };
}
