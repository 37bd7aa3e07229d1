package dev.workscript.runtime

import androidx.work.Data
import kotlinx.serialization.SerializationException
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive

/**
 * The tagged Data JSON of bridge protocol v1 (`__workscript.merge`), the Kotlin twin of
 * packages/api/src/data/data-tagged-json.ts: one `[type, value]` pair per key, e.g.
 * `{"n":["int",3],"l":["long","9007199254740993"],"d":["double","NaN"],"s":["string[]",["a",null]],"x":["null",null]}`.
 *
 * Writing gives the bytes the TypeScript `dataToTaggedJson` gives for the same Data, so a merge that crosses the
 * bridge is the same text on both hosts:
 * - keys in JavaScript's property order: array-index keys (`"0"`, `"42"`) first in ascending order, then the
 *   others in map order, because `JSON.stringify` of the TypeScript side's object writes them that way;
 * - strings escaped as `JSON.stringify` escapes them (control characters as `\u00xx`, lone surrogates as
 *   `\udxxx`, everything else as is);
 * - longs as decimal strings; NaN, ±Infinity and -0 as strings; other float/double values as `JSON.stringify`
 *   writes numbers ([JsDoubleSerializer.format]); a Float as the Double it widens to, which is what the
 *   TypeScript side holds after `Math.fround`.
 *
 * Reading accepts what the TypeScript side accepts (JSON numbers for byte/int/float/double, special strings for
 * non-finite values, a decimal string for long) with two differences: a long may use Kotlin's whole range (the
 * TypeScript side stops at ±(2^53−1)), and a `null` value must be JSON null.
 */
internal object TaggedDataJson {
    private const val SCALAR_TYPES = "boolean, byte, int, long, float, double, string"

    /** [data] as tagged JSON text. @throws IllegalArgumentException for a value no androidx Data can hold. */
    fun encode(data: Data): String {
        val map = data.keyValueMap
        val (indexKeys, otherKeys) = map.keys.partition(::isArrayIndex)
        val out = StringBuilder("{")
        for (key in indexKeys.sortedBy { it.toLong() } + otherKeys) {
            if (out.length > 1) out.append(',')
            appendJsQuoted(out, key)
            out.append(":[")
            appendValue(out, key, map[key])
            out.append(']')
        }
        return out.append('}').toString()
    }

    /** Parses tagged JSON text. [what] names the data in messages. @see decode */
    fun decode(json: String, what: String): Data {
        val element = try {
            Json.parseToJsonElement(json)
        } catch (e: SerializationException) {
            throw IllegalArgumentException("$what is not JSON: ${json.take(200)}", e)
        }
        return decode(element, what)
    }

    /**
     * Converts a parsed tagged JSON object to Data.
     * @throws IllegalArgumentException naming the key for an unknown type or a value that does not fit its type.
     * @throws WorkscriptDataTooLargeException past [WorkscriptData.MAX_DATA_BYTES].
     */
    fun decode(element: JsonElement, what: String): Data {
        val obj = element as? JsonObject
            ?: throw IllegalArgumentException("$what must be a JSON object of [type, value] pairs, got: ${element.toString().take(200)}")
        val values = LinkedHashMap<String, Any?>()
        for ((key, pair) in obj) {
            val where = "$what: key '$key'"
            val tag = ((pair as? JsonArray)?.takeIf { it.size == 2 }?.get(0) as? JsonPrimitive)?.takeIf { it.isString }?.content
            if (tag == null) {
                throw IllegalArgumentException("$where must be a [type, value] pair, got ${pair.toString().take(200)}")
            }
            values[key] = decodeValue(tag, pair[1], where)
        }
        return WorkscriptData.checkedData(values, what)
    }

    // ---- writing ----------------------------------------------------------------------------------------

    private fun appendValue(out: StringBuilder, key: String, value: Any?) {
        when (value) {
            null -> out.append("\"null\",null")
            is Array<*> -> appendArray(out, key, elementTag(key, value.javaClass.componentType), value.asList())
            is BooleanArray -> appendArray(out, key, "boolean", value.asList())
            is ByteArray -> appendArray(out, key, "byte", value.asList())
            is IntArray -> appendArray(out, key, "int", value.asList())
            is LongArray -> appendArray(out, key, "long", value.asList())
            is FloatArray -> appendArray(out, key, "float", value.asList())
            is DoubleArray -> appendArray(out, key, "double", value.asList())
            else -> {
                val tag = elementTag(key, value.javaClass)
                out.append('"').append(tag).append("\",")
                appendScalar(out, value)
            }
        }
    }

    private fun appendArray(out: StringBuilder, key: String, tag: String, items: List<Any?>) {
        out.append('"').append(tag).append("[]\",[")
        items.forEachIndexed { i, item ->
            if (i > 0) out.append(',')
            when {
                item != null -> appendScalar(out, item)
                tag == "string" -> out.append("null")
                else -> throw IllegalArgumentException("Key $key: element $i of its $tag array is null; only String arrays may hold null")
            }
        }
        out.append(']')
    }

    /** The tag of a boxed scalar class (also an array's component type). */
    private fun elementTag(key: String, type: Class<*>): String = when (type) {
        Boolean::class.javaObjectType -> "boolean"
        Byte::class.javaObjectType -> "byte"
        Int::class.javaObjectType -> "int"
        Long::class.javaObjectType -> "long"
        Float::class.javaObjectType -> "float"
        Double::class.javaObjectType -> "double"
        String::class.java -> "string"
        else -> throw IllegalArgumentException("Key $key has unsupported Data type ${type.name}; Data holds $SCALAR_TYPES, their arrays and null")
    }

    private fun appendScalar(out: StringBuilder, value: Any) {
        when (value) {
            is Boolean, is Byte, is Int -> out.append(value)
            is Long -> out.append('"').append(value).append('"')
            is Float -> out.append(jsNumber(value.toDouble()))
            is Double -> out.append(jsNumber(value))
            is String -> appendJsQuoted(out, value)
        }
    }

    private fun jsNumber(x: Double): String = when {
        x.isNaN() -> "\"NaN\""
        x == Double.POSITIVE_INFINITY -> "\"Infinity\""
        x == Double.NEGATIVE_INFINITY -> "\"-Infinity\""
        x == 0.0 && 1.0 / x < 0 -> "\"-0\""
        else -> JsDoubleSerializer.format(x)
    }

    /**
     * Whether JavaScript orders [key] as an array index (a canonical decimal integer up to 2^32−2): such keys
     * come first, ascending, when `JSON.stringify` writes an object.
     */
    private fun isArrayIndex(key: String): Boolean {
        if (key.isEmpty() || key.length > 10 || (key.length > 1 && key[0] == '0')) return false
        if (!key.all { it in '0'..'9' }) return false
        return key.toLong() <= 4_294_967_294L
    }

    // ---- reading ----------------------------------------------------------------------------------------

    private fun decodeValue(tag: String, raw: JsonElement, where: String): Any? {
        if (tag == "null") {
            if (raw !is JsonNull) throw IllegalArgumentException("$where: a null value must be null, got ${raw.toString().take(200)}")
            return null
        }
        val element = tag.removeSuffix("[]")
        if (element !in SCALARS) {
            throw IllegalArgumentException("$where has unknown type '$tag'; Data types are $SCALAR_TYPES, their arrays (int[], string[], ...) and null")
        }
        if (element == tag) return decodeScalar(element, raw, where)
        val items = raw as? JsonArray ?: throw IllegalArgumentException("$where: expected an array, got ${raw.toString().take(200)}")
        fun item(i: Int) = decodeScalar(element, items[i], "$where[$i]")
        return when (element) {
            "boolean" -> BooleanArray(items.size) { item(it) as Boolean }
            "byte" -> ByteArray(items.size) { item(it) as Byte }
            "int" -> IntArray(items.size) { item(it) as Int }
            "long" -> LongArray(items.size) { item(it) as Long }
            "float" -> FloatArray(items.size) { item(it) as Float }
            "double" -> DoubleArray(items.size) { item(it) as Double }
            else -> Array(items.size) { i -> if (items[i] is JsonNull) null else item(i) as String }
        }
    }

    private fun decodeScalar(type: String, raw: JsonElement, where: String): Any {
        val p = raw as? JsonPrimitive
        return when (type) {
            "boolean" -> p?.takeIf { !it.isString && it !is JsonNull }?.content?.toBooleanStrictOrNull()
                ?: throw IllegalArgumentException("$where: expected true or false, got ${raw.toString().take(200)}")
            "string" -> p?.takeIf { it.isString }?.content
                ?: throw IllegalArgumentException("$where: expected a string, got ${raw.toString().take(200)}")
            "long" -> {
                val text = p?.takeIf { it.isString }?.content?.takeIf { LONG_TEXT.matches(it) }
                    ?: throw IllegalArgumentException("$where: a long must be a decimal string, got ${raw.toString().take(200)}")
                text.toLongOrNull() ?: throw IllegalArgumentException("$where: the long $text is outside Kotlin Long's range")
            }
            "float" -> number(p, raw, where).toFloat()
            "double" -> number(p, raw, where)
            else -> {
                // byte and int: as the TypeScript side, an integral number in range (JSON.parse reads 3.0 as 3).
                val x = number(p, raw, where)
                val (min, max) = if (type == "byte") Byte.MIN_VALUE.toDouble() to Byte.MAX_VALUE.toDouble() else Int.MIN_VALUE.toDouble() to Int.MAX_VALUE.toDouble()
                if (x != Math.rint(x) || x < min || x > max) {
                    throw IllegalArgumentException("$where: ${raw.toString().take(200)} is not a valid $type; use an integer between ${min.toLong()} and ${max.toLong()}")
                }
                if (type == "byte") x.toInt().toByte() else x.toInt()
            }
        }
    }

    /** A JSON number (read as JavaScript reads it: the nearest double) or one of the special strings. */
    private fun number(p: JsonPrimitive?, raw: JsonElement, where: String): Double {
        if (p != null && p.isString) {
            SPECIAL_NUMBERS[p.content]?.let { return it }
        } else if (p != null && p !is JsonNull && JSON_NUMBER.matches(p.content)) {
            // kotlinx keeps any unquoted token as a literal; only JSON's number grammar is accepted here.
            return p.content.toDouble()
        }
        throw IllegalArgumentException("$where: expected a number, got ${raw.toString().take(200)}")
    }

    private val SCALARS = setOf("boolean", "byte", "int", "long", "float", "double", "string")
    private val SPECIAL_NUMBERS = mapOf("NaN" to Double.NaN, "Infinity" to Double.POSITIVE_INFINITY, "-Infinity" to Double.NEGATIVE_INFINITY, "-0" to -0.0)
    private val LONG_TEXT = Regex("-?[0-9]+")
    private val JSON_NUMBER = Regex("-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")
}

/**
 * Appends [s] as a JSON string literal exactly as JavaScript's `JSON.stringify` writes it: `"` and `\` escaped,
 * `\b \f \n \r \t`, other control characters as `\u00xx`, lone surrogates as `\udxxx` (lower-case hex), every
 * other character as is.
 */
internal fun appendJsQuoted(out: StringBuilder, s: String) {
    out.append('"')
    var i = 0
    while (i < s.length) {
        val c = s[i]
        when {
            c == '"' -> out.append("\\\"")
            c == '\\' -> out.append("\\\\")
            c == '\b' -> out.append("\\b")
            c == '\u000C' -> out.append("\\f")
            c == '\n' -> out.append("\\n")
            c == '\r' -> out.append("\\r")
            c == '\t' -> out.append("\\t")
            c < ' ' -> out.append("\\u").append(hex4(c))
            c.isHighSurrogate() && i + 1 < s.length && s[i + 1].isLowSurrogate() -> {
                out.append(c).append(s[i + 1])
                i++
            }
            c.isSurrogate() -> out.append("\\u").append(hex4(c))
            else -> out.append(c)
        }
        i++
    }
    out.append('"')
}

private fun hex4(c: Char): String = c.code.toString(16).padStart(4, '0')
