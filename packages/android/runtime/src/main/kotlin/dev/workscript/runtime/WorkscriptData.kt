package dev.workscript.runtime

import androidx.work.Data
import kotlinx.serialization.ExperimentalSerializationApi
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.JsonUnquotedLiteral
import kotlinx.serialization.json.booleanOrNull
import kotlinx.serialization.json.jsonObject

/**
 * Data <-> JSON helpers with WorkManager's 10,240-byte limit, checked with the exact size of androidx's
 * serialized form V1 so the limit trips on the same inputs as on Node and on Android.
 *
 * Generated workers convert with their typed, shape-aware codecs; [jsonToData] / [dataToJson] are the generic
 * fallback: JSON integers become Long, other numbers Double, arrays of one primitive kind typed arrays, and
 * nested objects or mixed arrays a JSON string under their key. [dataToTaggedJson] / [taggedJsonToData] are
 * lossless (every value keeps its type), for custom input mergers.
 */
public object WorkscriptData {
    /** WorkManager's limit on serialized Data (`Data.MAX_DATA_BYTES`): 10,240 bytes. */
    public const val MAX_DATA_BYTES: Int = 10_240

    private const val NULL_STRING_V1 = "androidx.work.Data-95ed6082-b8e9-46e8-a73f-ff56f00f5d9d"

    /**
     * Exact byte size of androidx's serialized form V1 of [values] (what `Data.Builder.build()` checks):
     * 8 header bytes, then per entry a type byte, the value and the key as modified UTF-8 with a 2-byte length.
     * Values may be null, Boolean, Byte, Int, Long, Float, Double, String, their primitive or boxed arrays, or
     * String arrays with null elements. @throws IllegalArgumentException for other types.
     */
    public fun serializedSize(values: Map<String, Any?>): Int {
        var n = 8
        for ((key, value) in values) n += 1 + valueSize(key, value) + utfSize(key)
        return n
    }

    /**
     * Checks [values] against [MAX_DATA_BYTES]. [what] names the data in the message, e.g. "Output of worker
     * 'SyncContacts'". @throws WorkscriptDataTooLargeException when too large.
     */
    public fun checkSize(values: Map<String, Any?>, what: String) {
        val size = serializedSize(values)
        if (size > MAX_DATA_BYTES) throw WorkscriptDataTooLargeException(what, size)
    }

    /**
     * Converts a JSON object to Data (generic mapping, see [WorkscriptData]).
     * @throws IllegalArgumentException when [json] is not a JSON object.
     * @throws WorkscriptDataTooLargeException past [MAX_DATA_BYTES].
     */
    public fun jsonToData(json: String, what: String = "Data"): Data {
        val obj = try {
            Json.parseToJsonElement(json).jsonObject
        } catch (e: Exception) {
            throw IllegalArgumentException("$what must be a JSON object, got: ${json.take(200)}", e)
        }
        val values = LinkedHashMap<String, Any?>()
        for ((key, element) in obj) values[key] = toDataValue(element)
        return checkedData(values, what)
    }

    /**
     * [values] as Data, checked against [MAX_DATA_BYTES] first: null, the primitives, String, primitive arrays
     * and String arrays (what the JSON decoders here produce).
     * @throws WorkscriptDataTooLargeException past [MAX_DATA_BYTES].
     */
    internal fun checkedData(values: Map<String, Any?>, what: String): Data {
        checkSize(values, what)
        val builder = Data.Builder()
        for ((key, value) in values) {
            when (value) {
                null -> builder.putString(key, null)
                is Boolean -> builder.putBoolean(key, value)
                is Byte -> builder.putByte(key, value)
                is Int -> builder.putInt(key, value)
                is Long -> builder.putLong(key, value)
                is Float -> builder.putFloat(key, value)
                is Double -> builder.putDouble(key, value)
                is String -> builder.putString(key, value)
                is BooleanArray -> builder.putBooleanArray(key, value)
                is ByteArray -> builder.putByteArray(key, value)
                is IntArray -> builder.putIntArray(key, value)
                is LongArray -> builder.putLongArray(key, value)
                is FloatArray -> builder.putFloatArray(key, value)
                is DoubleArray -> builder.putDoubleArray(key, value)
                is Array<*> -> builder.putStringArray(key, Array(value.size) { value[it] as String? })
            }
        }
        return builder.build()
    }

    /**
     * Converts Data to a JSON object; numbers stay numbers, arrays become arrays, NaN and infinities null.
     * Doubles are written as JavaScript writes them ([JsDoubleSerializer.format]: `1`, not `1.0`); a Float is
     * written as its shortest decimal (`0.1f` as `0.1`), as if it had been that double.
     */
    public fun dataToJson(data: Data): String = JsonObject(data.keyValueMap.mapValues { (_, v) -> toJson(v) }).toString()

    /**
     * [data] as tagged Data JSON, the lossless form custom input mergers exchange over the bridge
     * (`{"n":["int",3],"l":["long","9007199254740993"],"d":["double","NaN"],"s":["string[]",["a",null]]}`), byte for
     * byte what packages/api's `dataToTaggedJson` writes for the same Data: longs as decimal strings, NaN, ±Infinity
     * and -0 as strings, other numbers as `JSON.stringify` writes them (a Float as the Double it widens to), keys in
     * JavaScript's property order (array-index keys such as `"7"` first, ascending).
     * @throws IllegalArgumentException for a value of a type Data cannot hold (never for a built Data).
     */
    public fun dataToTaggedJson(data: Data): String = TaggedDataJson.encode(data)

    /**
     * Reads tagged Data JSON (see [dataToTaggedJson]) into Data, each value with the type its tag names (`int` →
     * `putInt`, `string[]` → `putStringArray`, `null` → a null value, ...). [what] names the data in messages, e.g.
     * "Output of input merger 'SumCounts'".
     * @throws IllegalArgumentException naming the key for text that is not a JSON object of `[type, value]` pairs,
     *   an unknown type tag, or a value that does not fit its type (a byte out of range, a long that is not a
     *   decimal string or exceeds Long, a number that is not one).
     * @throws WorkscriptDataTooLargeException past [MAX_DATA_BYTES].
     */
    public fun taggedJsonToData(json: String, what: String = "Data"): Data = TaggedDataJson.decode(json, what)

    private fun toDataValue(e: JsonElement): Any? = when (e) {
        is JsonNull -> null
        is JsonPrimitive -> when {
            e.isString -> e.content
            e.booleanOrNull != null -> e.booleanOrNull
            isInteger(e) -> e.content.toLongOrNull() ?: e.content.toDouble()
            else -> e.content.toDouble()
        }
        is JsonObject -> e.toString()
        is JsonArray -> when {
            e.all { it is JsonPrimitive && it.isString || it is JsonNull } -> Array(e.size) { (e[it] as? JsonPrimitive)?.takeIf { p -> p.isString }?.content }
            e.all { it is JsonPrimitive && !it.isString && it.booleanOrNull != null } -> BooleanArray(e.size) { (e[it] as JsonPrimitive).booleanOrNull!! }
            e.all { it is JsonPrimitive && !it.isString && isInteger(it) && it.content.toLongOrNull() != null } -> LongArray(e.size) { (e[it] as JsonPrimitive).content.toLong() }
            e.all { it is JsonPrimitive && !it.isString && it.content.toDoubleOrNull() != null } -> DoubleArray(e.size) { (e[it] as JsonPrimitive).content.toDouble() }
            else -> e.toString()
        }
    }

    private fun isInteger(p: JsonPrimitive) = !p.isString && p.content.none { it == '.' || it == 'e' || it == 'E' } && p.content != "true" && p.content != "false"

    private fun toJson(v: Any?): JsonElement = when (v) {
        null -> JsonNull
        is Boolean -> JsonPrimitive(v)
        is Double -> jsNumber(v)
        is Float -> jsNumber(v.toString().toDouble())
        is Number -> JsonPrimitive(v)
        is String -> JsonPrimitive(v)
        is Array<*> -> JsonArray(v.map { toJson(it) })
        is BooleanArray -> JsonArray(v.map { JsonPrimitive(it) })
        is IntArray -> JsonArray(v.map { JsonPrimitive(it) })
        is LongArray -> JsonArray(v.map { JsonPrimitive(it) })
        is DoubleArray -> JsonArray(v.map { toJson(it) })
        is FloatArray -> JsonArray(v.map { toJson(it) })
        is ByteArray -> JsonArray(v.map { JsonPrimitive(it) })
        else -> JsonPrimitive(v.toString())
    }

    @OptIn(ExperimentalSerializationApi::class)
    private fun jsNumber(v: Double): JsonElement = if (v.isFinite()) JsonUnquotedLiteral(JsDoubleSerializer.format(v)) else JsonNull

    private fun valueSize(key: String, v: Any?): Int = when (v) {
        null -> 0
        is Boolean, is Byte -> 1
        is Int, is Float -> 4
        is Long, is Double -> 8
        is String -> utfSize(v)
        is BooleanArray -> 4 + v.size
        is ByteArray -> 4 + v.size
        is IntArray -> 4 + 4 * v.size
        is FloatArray -> 4 + 4 * v.size
        is LongArray -> 4 + 8 * v.size
        is DoubleArray -> 4 + 8 * v.size
        is Array<*> -> 4 + v.sumOf { e ->
            when (e) {
                null -> utfSize(NULL_STRING_V1)
                is String -> utfSize(e)
                is Boolean, is Byte -> 1
                is Int, is Float -> 4
                is Long, is Double -> 8
                else -> throw IllegalArgumentException("Key $key has an array element of unsupported type ${e.javaClass.name}")
            }
        }
        else -> throw IllegalArgumentException("Key $key has unsupported Data type ${v.javaClass.name}")
    }

    /** 2-byte length + modified UTF-8 (U+0001..U+007F: 1 byte; U+0000, ..U+07FF: 2; others, each surrogate: 3). */
    private fun utfSize(s: String): Int {
        var n = 2
        for (c in s) n += when {
            c.code in 1..0x7F -> 1
            c.code <= 0x7FF -> 2
            else -> 3
        }
        return n
    }
}

/** Data would exceed WorkManager's 10,240-byte limit; the message names the data, its size and what to do. */
public class WorkscriptDataTooLargeException(
    /** What was being converted, e.g. "Output of worker 'SyncContacts'". */
    public val what: String,
    /** Its serialized size in bytes. */
    public val bytes: Int,
) : IllegalStateException(
    "$what needs $bytes bytes as WorkManager Data; the limit is ${WorkscriptData.MAX_DATA_BYTES} bytes " +
        "(Data.MAX_DATA_BYTES). Keep large payloads in ctx.storage or a file and pass a key instead.",
)
