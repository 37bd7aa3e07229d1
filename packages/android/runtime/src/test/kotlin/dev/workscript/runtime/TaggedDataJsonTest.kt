package dev.workscript.runtime

import androidx.work.Data
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/**
 * [WorkscriptData.dataToTaggedJson] / [WorkscriptData.taggedJsonToData]. The expected strings are what
 * packages/api/src/data/data-tagged-json.ts writes for the same Data (`JSON.stringify` of `[type, value]` pairs,
 * `encodeNumber` for numbers), worked out from that code.
 */
class TaggedDataJsonTest {
    private val scalars = Data.Builder()
        .putBoolean("b", true)
        .putByte("y", Byte.MIN_VALUE)
        .putInt("i", Int.MAX_VALUE)
        .putLong("l", -9007199254740991L)
        .putFloat("f", 0.1f)
        .putDouble("d", 0.1)
        .putString("s", "a\"b\\c\n\t\r\b\u000C\u0001\u001f\u007fé€😀\u2028")
        .putString("n", null)
        .build()

    private val arrays = Data.Builder()
        .putBooleanArray("ba", booleanArrayOf(true, false))
        .putByteArray("ya", byteArrayOf(-1, 0, 127))
        .putIntArray("ia", intArrayOf(Int.MIN_VALUE, 0, 42))
        .putLongArray("la", longArrayOf(Long.MIN_VALUE, 0, Long.MAX_VALUE))
        .putFloatArray("fa", floatArrayOf(1.5f, Float.NaN, -0.0f, Float.POSITIVE_INFINITY, Float.MAX_VALUE, Float.MIN_VALUE))
        .putDoubleArray("da", doubleArrayOf(1.0, 1e21, 1e-7, 123456789.125, 5e-324, Double.NEGATIVE_INFINITY, -0.0, Double.NaN))
        .putStringArray("sa", arrayOf("a", null, "\uD800", "\uDC00x"))
        .putIntArray("empty", intArrayOf())
        .build()

    @Test
    fun `scalars are written as the TypeScript side writes them`() {
        assertEquals(
            """{"b":["boolean",true],"y":["byte",-128],"i":["int",2147483647],"l":["long","-9007199254740991"],""" +
                """"f":["float",0.10000000149011612],"d":["double",0.1],""" +
                """"s":["string","a\"b\\c\n\t\r\b\f\u0001\u001f""" + "\u007fé€😀\u2028" + """"],"n":["null",null]}""",
            WorkscriptData.dataToTaggedJson(scalars),
        )
    }

    @Test
    fun `arrays, longs beyond 2^53, non-finite numbers, -0 and lone surrogates`() {
        assertEquals(
            """{"ba":["boolean[]",[true,false]],"ya":["byte[]",[-1,0,127]],"ia":["int[]",[-2147483648,0,42]],""" +
                """"la":["long[]",["-9223372036854775808","0","9223372036854775807"]],""" +
                """"fa":["float[]",[1.5,"NaN","-0","Infinity",3.4028234663852886e+38,1.401298464324817e-45]],""" +
                """"da":["double[]",[1,1e+21,1e-7,123456789.125,5e-324,"-Infinity","-0","NaN"]],""" +
                """"sa":["string[]",["a",null,"\ud800","\udc00x"]],"empty":["int[]",[]]}""",
            WorkscriptData.dataToTaggedJson(arrays),
        )
        val specials = Data.Builder().putDouble("nan", Double.NaN).putDouble("z", -0.0).putDouble("pz", 0.0)
            .putFloat("inf", Float.NEGATIVE_INFINITY).putDouble("big", 1.5e300).build()
        assertEquals(
            """{"nan":["double","NaN"],"z":["double","-0"],"pz":["double",0],"inf":["float","-Infinity"],"big":["double",1.5e+300]}""",
            WorkscriptData.dataToTaggedJson(specials),
        )
    }

    @Test
    fun `keys follow JavaScript's property order - array indices first, ascending`() {
        val data = Data.Builder().putInt("b", 1).putInt("10", 2).putInt("a", 3).putInt("2", 4).putInt("01", 5)
            .putInt("4294967295", 6).putInt("4294967294", 7).putInt("-1", 8).build()
        assertEquals(
            """{"2":["int",4],"10":["int",2],"4294967294":["int",7],"b":["int",1],"a":["int",3],"01":["int",5],""" +
                """"4294967295":["int",6],"-1":["int",8]}""",
            WorkscriptData.dataToTaggedJson(data),
        )
        assertEquals("{}", WorkscriptData.dataToTaggedJson(Data.EMPTY))
    }

    @Test
    fun `every type round-trips with its type`() {
        for (data in listOf(scalars, arrays, Data.EMPTY)) {
            val back = WorkscriptData.taggedJsonToData(WorkscriptData.dataToTaggedJson(data))
            assertEquals(data, back)
            for ((key, value) in data.keyValueMap) {
                assertEquals(value?.javaClass, back.keyValueMap[key]?.javaClass, key)
            }
        }
        val big = Data.Builder().putLong("l", Long.MAX_VALUE).putFloat("f", Float.MIN_VALUE).build()
        assertEquals(big, WorkscriptData.taggedJsonToData(WorkscriptData.dataToTaggedJson(big)))
    }

    @Test
    fun `reading takes numbers as JavaScript's JSON parse reads them`() {
        val d = WorkscriptData.taggedJsonToData(
            """{"i":["int",3.0],"y":["byte",1e2],"f":["float",0.1],"f2":["float",3.4028235677973366e+38],"d":["double",-1E-2],""" +
                """"z":["int","-0"],"x":["double","-0"],"l":["long","007"],"ds":["double[]",["Infinity",2]],"n":["null",null]}""",
        )
        assertEquals(3, d.getInt("i", 0))
        assertEquals(100.toByte(), d.getByte("y", 0))
        assertEquals(0.1f, d.getFloat("f", 0f))
        // A double that rounds to Infinity as a float (what Math.fround gives on the TypeScript side).
        assertEquals(Float.POSITIVE_INFINITY, d.getFloat("f2", 0f))
        assertEquals(-0.01, d.getDouble("d", 0.0))
        assertEquals(0, d.getInt("z", 1))
        assertEquals(-0.0, d.getDouble("x", 1.0))
        assertEquals(7L, d.getLong("l", 0))
        assertEquals(listOf(Double.POSITIVE_INFINITY, 2.0), d.getDoubleArray("ds")?.toList())
        assertTrue(d.keyValueMap.containsKey("n") && d.keyValueMap["n"] == null)
    }

    @Test
    fun `bad tags and values are rejected naming the key`() {
        val what = "Output of input merger 'M'"
        fun rejected(json: String): String =
            assertThrows(IllegalArgumentException::class.java) { WorkscriptData.taggedJsonToData(json, what) }.message!!
        assertEquals(
            "$what: key 'k' has unknown type 'char'; Data types are boolean, byte, int, long, float, double, string, " +
                "their arrays (int[], string[], ...) and null",
            rejected("""{"k":["char","x"]}"""),
        )
        assertEquals("$what: key 'k': 128 is not a valid byte; use an integer between -128 and 127", rejected("""{"k":["byte",128]}"""))
        assertEquals("$what: key 'k': 1.5 is not a valid int; use an integer between -2147483648 and 2147483647", rejected("""{"k":["int",1.5]}"""))
        assertEquals("$what: key 'k': a long must be a decimal string, got 12", rejected("""{"k":["long",12]}"""))
        assertEquals("$what: key 'k': the long 9223372036854775808 is outside Kotlin Long's range", rejected("""{"k":["long","9223372036854775808"]}"""))
        assertEquals("$what: key 'k': expected a number, got \"nan\"", rejected("""{"k":["double","nan"]}"""))
        assertEquals("$what: key 'k'[1]: expected a number, got null", rejected("""{"k":["double[]",[1,null]]}"""))
        assertEquals("$what: key 'k': expected true or false, got \"true\"", rejected("""{"k":["boolean","true"]}"""))
        assertEquals("$what: key 'k': expected a string, got 1", rejected("""{"k":["string",1]}"""))
        assertEquals("$what: key 'k'[0]: expected a string, got 1", rejected("""{"k":["string[]",[1]]}"""))
        assertEquals("$what: key 'k': expected an array, got 1", rejected("""{"k":["int[]",1]}"""))
        assertEquals("$what: key 'k': a null value must be null, got 0", rejected("""{"k":["null",0]}"""))
        assertEquals("$what: key 'k' must be a [type, value] pair, got [\"int\"]", rejected("""{"k":["int"]}"""))
        assertEquals("$what must be a JSON object of [type, value] pairs, got: []", rejected("[]"))
        assertTrue(rejected("""{"k":""").startsWith("$what is not JSON"))
        // Tokens kotlinx would keep as unquoted literals are not JSON numbers.
        assertTrue(rejected("""{"k":["double",NaN]}""").contains("key 'k'"))
    }

    @Test
    fun `the result is held to the 10,240-byte limit`() {
        val e = assertThrows(WorkscriptDataTooLargeException::class.java) {
            WorkscriptData.taggedJsonToData("""{"s":["string","${"x".repeat(10_300)}"]}""", "Output of input merger 'M'")
        }
        assertEquals("Output of input merger 'M'", e.what)
        assertEquals(8 + 1 + 2 + 10_300 + 2 + 1, e.bytes)
    }
}
