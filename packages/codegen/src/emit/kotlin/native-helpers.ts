import type { KotlinWriter } from './kotlin-writer.js';
import { KOTLINX } from './symbols.js';

/**
 * Writes `nativeArgs` and `decodeNativeArg`, the two helpers every generated native service registration
 * uses: the bridge hands a handler its arguments as one JSON array, and a wrong count or a value of the wrong
 * shape must fail the worker's call with a message naming the method and the parameter, not a bare
 * kotlinx.serialization error.
 */
export function writeNativeHelpers(w: KotlinWriter, jsonCodec: string): void {
  const jsonArray = w.use(KOTLINX.JsonArray);
  w.line();
  w.line('/**');
  w.line(' * The arguments of a native call ([argsJson]: the JSON array the bridge passes); throws');
  w.line(' * IllegalArgumentException naming [method] and its [params] when their number differs.');
  w.line(' */');
  w.block(
    `internal fun nativeArgs(argsJson: String, method: String, vararg params: String): ${jsonArray}`,
    () => {
      w.line(`val args = ${jsonCodec}.parseToJsonElement(argsJson) as? ${jsonArray}`);
      w.indent(() =>
        w.line(
          '?: throw IllegalArgumentException("Native method \'$method\' takes its arguments as a JSON array; got ${argsJson.take(200)}")',
        ),
      );
      w.block('if (args.size != params.size)', () => {
        w.line('throw IllegalArgumentException(');
        w.indent(() =>
          w.line(
            '"Native method \'$method\' takes ${params.size} argument(s) (${params.joinToString()}) but was called with ${args.size}",',
          ),
        );
        w.line(')');
      });
      w.line('return args');
    },
  );
  w.line();
  w.line(
    '/** Decodes argument [index] ([param] of [method]) with the shared codec; a mismatch names the parameter. */',
  );
  w.line(
    `internal fun <T> decodeNativeArg(args: ${jsonArray}, index: Int, method: String, param: String, serializer: ${w.use(KOTLINX.KSerializer)}<T>): T =`,
  );
  w.indent(() => {
    w.line('try {');
    w.indent(() => w.line(`${jsonCodec}.decodeFromJsonElement(serializer, args[index])`));
    w.line(`} catch (e: ${w.use(KOTLINX.SerializationException)}) {`);
    w.indent(() =>
      w.line(
        "throw IllegalArgumentException(\"Argument '$param' of native method '$method' does not match its Kotlin type: ${e.message}\", e)",
      ),
    );
    w.line('}');
  });
}
