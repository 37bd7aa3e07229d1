// As generated code applies it: to every Double of the file's @Serializable classes, list elements included.
@file:UseSerializers(JsDoubleSerializer::class)

package dev.workscript.runtime

import kotlinx.serialization.Serializable
import kotlinx.serialization.UseSerializers
import kotlinx.serialization.builtins.ListSerializer
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonPrimitive
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import kotlinx.serialization.SerializationException

class JsDoubleSerializerTest {
    /**
     * js-number-strings.txt: 4,023 doubles (IEEE bits in hex) with `String(x)` as Node printed them: hand-picked
     * edges (powers of two, 1e21, 1e-7, subnormals, MAX_VALUE), 3,000 random bit patterns and 1,000 short decimals.
     * Written once by a node one-liner (an LCG over bit patterns); Node is the reference, not this code.
     */
    @Test
    fun `format matches JavaScript's Number toString on 4,023 doubles`() {
        val lines = javaClass.getResource("/js-number-strings.txt")!!.readText().lines().filter { it.isNotEmpty() }
        assertTrue(lines.size > 4000)
        for (line in lines) {
            val (hex, js) = line.split(' ')
            val x = java.lang.Double.longBitsToDouble(java.lang.Long.parseUnsignedLong(hex, 16))
            assertEquals(js, JsDoubleSerializer.format(x), "bits $hex")
        }
    }

    @Test
    fun `format of the cases the brief names and of the non-finite values`() {
        val cases = mapOf(
            1.0 to "1", 0.1 to "0.1", 1e21 to "1e+21", 1e-7 to "1e-7", -0.0 to "0", 123456789.125 to "123456789.125",
            1e-6 to "0.000001", 1e20 to "100000000000000000000", -2.5e-8 to "-2.5e-8",
            Double.NaN to "NaN", Double.POSITIVE_INFINITY to "Infinity", Double.NEGATIVE_INFINITY to "-Infinity",
        )
        for ((x, js) in cases) assertEquals(js, JsDoubleSerializer.format(x), "$x")
    }

    @Serializable
    private data class Point(val x: Double, val ys: List<Double>, val z: Double? = null)

    @Serializable
    private data class PointSurrogate(val p: Point)

    @Test
    fun `JSON is written as JSON stringify writes it and read back`() {
        val json = Json { explicitNulls = false }
        val serializer = PointSurrogate.serializer()
        val p = PointSurrogate(Point(1.0, listOf(-0.0, 1e21, 0.1), null))
        val text = json.encodeToString(serializer, p)
        assertEquals("""{"p":{"x":1,"ys":[0,1e+21,0.1]}}""", text)
        // -0.0 comes back as 0.0, as JSON.parse(JSON.stringify(-0)) is 0 in JavaScript.
        assertEquals(PointSurrogate(Point(1.0, listOf(0.0, 1e21, 0.1), null)), json.decodeFromString(serializer, text))
        assertEquals("""[null,null,null,2]""", json.encodeToString(ListSerializer(JsDoubleSerializer), listOf(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 2.0)))
        val back = json.decodeFromString(ListSerializer(JsDoubleSerializer), "[null,1.0,1e+21,-5]")
        assertTrue(back[0].isNaN())
        assertEquals(listOf(1.0, 1e21, -5.0), back.drop(1))
        // The tree encoder (encodeToJsonElement) writes the same literal.
        assertEquals(JsonPrimitive(1), json.encodeToJsonElement(JsDoubleSerializer, 1.0))
    }

    @Test
    fun `a JSON string is not a number`() {
        val e = assertThrows(SerializationException::class.java) { Json.decodeFromString(JsDoubleSerializer, "\"1\"") }
        assertTrue(e.message!!.contains("Expected a JSON number"), e.message)
    }
}
