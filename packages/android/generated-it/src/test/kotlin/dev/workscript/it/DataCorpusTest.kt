package dev.workscript.it

import androidx.work.Data
import dev.workscript.runtime.JsDoubleSerializer
import dev.workscript.runtime.WorkscriptData
import dev.workscript.runtime.WorkscriptDataTooLargeException
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.JsonUnquotedLiteral
import kotlinx.serialization.json.boolean
import kotlinx.serialization.json.booleanOrNull
import kotlinx.serialization.json.double
import kotlinx.serialization.json.int
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import kotlinx.serialization.json.long
import kotlinx.serialization.ExperimentalSerializationApi
import kotlinx.serialization.KSerializer
import kotlinx.serialization.serializer
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertInstanceOf
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.TestFactory
import java.io.File
import java.lang.reflect.InvocationTargetException

/**
 * Data <-> JSON parity with the TypeScript encoder: every case of the shared corpus
 * (src/test/resources/data-corpus/cases.json, also read by packages/codegen/tests/data-corpus.test.ts) is encoded
 * by its DataShape with the generated classes' rules (Int -> putInt, Long -> putLong, number -> putDouble, enums
 * as strings, primitive arrays as typed arrays, nested values as compact JSON in shape order), then:
 * - [WorkscriptData.serializedSize] equals the corpus size, and so does the stubs' `Data.toByteArray()`;
 * - over 10,240 bytes, `Data.Builder.build()` and [WorkscriptData.checkSize] refuse it;
 * - decoding the Data by the same shape gives back the corpus value (its `decoded` form when given; numbers compared
 *   as JavaScript writes them, so `1.0` and `1` are one value);
 * - each key of `nestedJson` holds exactly that JSON text (doubles as JSON.stringify writes them: `1`, `1e+21`);
 * - cases naming a `kotlinClass` (the android-sample's generated data classes) are also encoded by that class's
 *   own `toData()`, which must produce the same size (or refuse over the limit) and decode back with `fromData()`.
 */
class DataCorpusTest {
    private val corpus = Json.parseToJsonElement(File(System.getProperty("workscript.dataCorpus")).readText()).jsonObject

    @TestFactory
    fun `shared Data corpus`(): List<DynamicTest> = corpus["cases"]!!.jsonArray.map { it.jsonObject }.map { case ->
        DynamicTest.dynamicTest(case["name"]!!.jsonPrimitive.content) {
            val shape = case["shape"]!!.jsonObject
            val value = expand(case["value"]!!).jsonObject
            val size = case["size"]!!.jsonPrimitive.int
            val tooLarge = case["tooLarge"]!!.jsonPrimitive.boolean
            val decoded = case["decoded"]?.let { expand(it).jsonObject } ?: value
            val nestedJson = case["nestedJson"]?.jsonObject?.mapValues { it.value.jsonPrimitive.content } ?: emptyMap()
            val values = encode(shape, value)
            for ((key, text) in nestedJson) assertEquals(text, values[key], "nested JSON under '$key'")
            assertEquals(size, WorkscriptData.serializedSize(values), "WorkscriptData.serializedSize")
            assertEquals(tooLarge, size > WorkscriptData.MAX_DATA_BYTES)
            if (tooLarge) {
                assertThrows(IllegalStateException::class.java) { Data.Builder().putAll(values).build() }
                val e = assertThrows(WorkscriptDataTooLargeException::class.java) { WorkscriptData.checkSize(values, "Input") }
                assertEquals(size, e.bytes)
            } else {
                WorkscriptData.checkSize(values, "Input")
                val data = Data.Builder().putAll(values).build()
                assertEquals(size, data.toByteArray().size, "Data.toByteArray()")
                assertEquals(canonical(decoded), canonical(decode(shape, data)))
            }
            case["kotlinClass"]?.let { checkGeneratedClass(it.jsonPrimitive.content, value, decoded, nestedJson, size, tooLarge) }
        }
    }

    /** The generated data class's own codec: JSON (as the bundle returns it) -> object -> toData() -> fromData(). */
    @OptIn(ExperimentalSerializationApi::class)
    private fun checkGeneratedClass(
        className: String,
        value: JsonObject,
        decoded: JsonObject,
        nestedJson: Map<String, String>,
        size: Int,
        tooLarge: Boolean,
    ) {
        val cls = Class.forName(className)
        @Suppress("UNCHECKED_CAST")
        val serializer = serializer(cls) as KSerializer<Any>
        // The settings of the generated WorkscriptJson (WorkscriptCodec.kt).
        val json = Json { ignoreUnknownKeys = true; encodeDefaults = true; explicitNulls = false }
        val obj = json.decodeFromJsonElement(serializer, value)
        val toData = cls.getMethod("toData")
        if (tooLarge) {
            val e = assertThrows(InvocationTargetException::class.java) { toData.invoke(obj) }
            assertInstanceOf(IllegalStateException::class.java, e.cause)
            return
        }
        val data = toData.invoke(obj) as Data
        assertEquals(size, data.toByteArray().size, "$className.toData()")
        for ((key, text) in nestedJson) assertEquals(text, data.getString(key), "$className.toData() under '$key'")
        val companion = cls.getField("Companion").get(null)
        // What comes back is what JavaScript would read back (-0.0 is written as 0, as JSON.stringify does).
        val readBack = json.decodeFromJsonElement(serializer, decoded)
        assertEquals(readBack, companion.javaClass.getMethod("fromData", Data::class.java).invoke(companion, data))
        // Byte for byte what JavaScript writes: JsDoubleSerializer's `1`, not kotlinx's `1.0`.
        assertEquals(canonical(decoded).toString(), json.encodeToJsonElement(serializer, obj).toString())
    }

    /** Expands the corpus's `{"$repeat": s, "count": n}` notation (a repeated string, or repeated array elements). */
    private fun expand(e: JsonElement): JsonElement = when (e) {
        is JsonArray -> JsonArray(e.map { expand(it) })
        is JsonObject -> e["\$repeat"]?.let { r ->
            val count = e["count"]!!.jsonPrimitive.int
            if (r is JsonArray) JsonArray(List(count) { r }.flatten()) else JsonPrimitive(r.jsonPrimitive.content.repeat(count))
        } ?: JsonObject(e.mapValues { expand(it.value) })
        else -> e
    }

    /**
     * Number literals with a fraction or an exponent rewritten as JavaScript writes that double (`1.0` → `1`,
     * `1e21` → `1e+21`, `-0.0` → `0`), so a corpus written by hand (and normalised by prettier) compares with
     * what JSON.stringify and JsDoubleSerializer write; integer literals are left alone (Longs past 2^53).
     */
    @OptIn(ExperimentalSerializationApi::class)
    private fun canonical(e: JsonElement): JsonElement = when (e) {
        is JsonArray -> JsonArray(e.map { canonical(it) })
        is JsonObject -> JsonObject(e.mapValues { canonical(it.value) })
        is JsonPrimitive -> if (!e.isString && e.booleanOrNull == null && e.content.any { it == '.' || it == 'e' || it == 'E' }) {
            JsonUnquotedLiteral(JsDoubleSerializer.format(e.content.toDouble()))
        } else {
            e
        }
    }

    private fun fields(shape: JsonObject) = shape["fields"]!!.jsonArray.map { it.jsonObject }

    /** The generated `toData()` rules, driven by a DataShape instead of a data class. */
    private fun encode(shape: JsonObject, value: JsonObject): Map<String, Any?> {
        val out = LinkedHashMap<String, Any?>()
        for (f in fields(shape)) {
            val name = f["name"]!!.jsonPrimitive.content
            val v = value[name] ?: continue
            val type = f["type"]!!.jsonObject
            out[name] = when (type["kind"]!!.jsonPrimitive.content) {
                "boolean" -> v.jsonPrimitive.boolean
                "int" -> v.jsonPrimitive.int
                "long" -> v.jsonPrimitive.long
                "double" -> v.jsonPrimitive.double
                "string", "enum" -> v.jsonPrimitive.content
                "array" -> {
                    val items = v.jsonArray
                    when (type["element"]!!.jsonObject["kind"]!!.jsonPrimitive.content) {
                        "boolean" -> Array(items.size) { items[it].jsonPrimitive.boolean }
                        "int" -> Array(items.size) { items[it].jsonPrimitive.int }
                        "long" -> Array(items.size) { items[it].jsonPrimitive.long }
                        "double" -> Array(items.size) { items[it].jsonPrimitive.double }
                        "string", "enum" -> Array<String?>(items.size) { items[it].jsonPrimitive.content }
                        else -> nested(type, v).toString()
                    }
                }
                else -> nested(type, v).toString()
            }
        }
        return out
    }

    /** A nested value as the JSON written under its key: objects' fields in shape order, absent optionals omitted. */
    @OptIn(ExperimentalSerializationApi::class)
    private fun nested(type: JsonObject, v: JsonElement): JsonElement = when (type["kind"]!!.jsonPrimitive.content) {
        "object" -> JsonObject(LinkedHashMap<String, JsonElement>().also { m ->
            for (f in fields(type["shape"]!!.jsonObject)) {
                val name = f["name"]!!.jsonPrimitive.content
                v.jsonObject[name]?.let { m[name] = nested(f["type"]!!.jsonObject, it) }
            }
        })
        "array" -> JsonArray(v.jsonArray.map { nested(type["element"]!!.jsonObject, it) })
        // As the generated classes write a nested Double (JsDoubleSerializer), i.e. as JSON.stringify does.
        "double" -> JsonUnquotedLiteral(JsDoubleSerializer.format(v.jsonPrimitive.double))
        else -> v
    }

    /** The generated `fromData()` rules, back to JSON. */
    private fun decode(shape: JsonObject, data: Data): JsonObject {
        val out = LinkedHashMap<String, JsonElement>()
        for (f in fields(shape)) {
            val name = f["name"]!!.jsonPrimitive.content
            val raw = data.keyValueMap[name] ?: continue
            val type = f["type"]!!.jsonObject
            out[name] = when (raw) {
                is Array<*> -> JsonArray(raw.map { primitive(it) })
                is String -> if (type["kind"]!!.jsonPrimitive.content in setOf("object", "array")) Json.parseToJsonElement(raw) else JsonPrimitive(raw)
                else -> primitive(raw)
            }
        }
        return JsonObject(out)
    }

    private fun primitive(v: Any?): JsonElement = when (v) {
        is Boolean -> JsonPrimitive(v)
        is Double -> JsonPrimitive(v)
        is Number -> JsonPrimitive(v)
        else -> JsonPrimitive(v as String?)
    }
}
