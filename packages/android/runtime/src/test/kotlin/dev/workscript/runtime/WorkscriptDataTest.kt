package dev.workscript.runtime

import androidx.work.Data
import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import kotlin.random.Random

class WorkscriptDataTest {
    @Test
    fun `json to Data and back`() {
        val data = WorkscriptData.jsonToData(
            """{"since":"2024","pageSize":50,"ratio":0.5,"on":true,"none":null,"kinds":["contact","photo"],"ids":[1,2],"xs":[1.5,2],"flags":[true],"nested":{"a":[{"b":1}]}}""",
        )
        assertEquals("2024", data.getString("since"))
        assertEquals(50L, data.getLong("pageSize", 0))
        assertEquals(0.5, data.getDouble("ratio", 0.0))
        assertEquals(true, data.getBoolean("on", false))
        assertArrayEquals(arrayOf("contact", "photo"), data.getStringArray("kinds"))
        assertArrayEquals(longArrayOf(1, 2), data.getLongArray("ids"))
        assertArrayEquals(doubleArrayOf(1.5, 2.0), data.getDoubleArray("xs"))
        assertEquals("""{"a":[{"b":1}]}""", data.getString("nested"))
        assertEquals(
            """{"since":"2024","pageSize":50,"ratio":0.5,"on":true,"none":null,"kinds":["contact","photo"],"ids":[1,2],"xs":[1.5,2],"flags":[true],"nested":"{\"a\":[{\"b\":1}]}"}""",
            WorkscriptData.dataToJson(data),
        )
    }

    @Test
    fun `dataToJson writes doubles as JavaScript does, so the guest's inputJson matches the Node host's`() {
        val data = Data.Builder()
            .putDouble("one", 1.0).putDouble("negZero", -0.0).putDouble("big", 1e21).putDouble("small", 1e-7)
            .putDouble("nan", Double.NaN).putDoubleArray("xs", doubleArrayOf(2.0, 0.1)).putFloat("f", 0.1f)
            .build()
        assertEquals(
            """{"one":1,"negZero":0,"big":1e+21,"small":1e-7,"nan":null,"xs":[2,0.1],"f":0.1}""",
            WorkscriptData.dataToJson(data),
        )
    }

    @Test
    fun `serializedSize equals the length of androidx's form V1`() {
        val random = Random(7)
        repeat(300) {
            val b = Data.Builder()
            repeat(random.nextInt(0, 8)) { i ->
                val key = "k$i" + "é€😀".take(random.nextInt(0, 4))
                when (random.nextInt(0, 9)) {
                    0 -> b.putString(key, null)
                    1 -> b.putBoolean(key, random.nextBoolean())
                    2 -> b.putInt(key, random.nextInt())
                    3 -> b.putLong(key, random.nextLong())
                    4 -> b.putDouble(key, random.nextDouble())
                    5 -> b.putString(key, "x\u0000ü€😀".repeat(random.nextInt(0, 5)))
                    6 -> b.putIntArray(key, IntArray(random.nextInt(0, 5)) { it })
                    7 -> b.putStringArray(key, arrayOf("a", null, "ü"))
                    else -> b.putByteArray(key, ByteArray(random.nextInt(0, 5)))
                }
            }
            val data = b.build()
            assertEquals(data.toByteArray().size, WorkscriptData.serializedSize(data.keyValueMap))
        }
        assertEquals(8, WorkscriptData.serializedSize(emptyMap()))
    }

    @Test
    fun `the 10,240-byte limit is exact and the message says what to do`() {
        // One entry: 8 header + 1 type + (2 + n) string + (2 + 1) key "k" = n + 14 bytes.
        val fits = "x".repeat(WorkscriptData.MAX_DATA_BYTES - 14)
        assertEquals(WorkscriptData.MAX_DATA_BYTES, WorkscriptData.jsonToData("""{"k":"$fits"}""").toByteArray().size)
        val e = assertThrows(WorkscriptDataTooLargeException::class.java) {
            WorkscriptData.jsonToData("""{"k":"${fits}y"}""", "Output of worker 'Big'")
        }
        assertEquals(10_241, e.bytes)
        assertTrue(e.message!!.startsWith("Output of worker 'Big' needs 10241 bytes as WorkManager Data; the limit is 10240"), e.message)
        // androidx.work's own check (the stand-in reproduces it) agrees.
        assertThrows(IllegalStateException::class.java) { Data.Builder().putString("k", fits + "y").build() }
    }

    @Test
    fun `non-objects are rejected with the input named`() {
        val e = assertThrows(IllegalArgumentException::class.java) { WorkscriptData.jsonToData("[1]", "Input of worker 'X'") }
        assertTrue(e.message!!.startsWith("Input of worker 'X' must be a JSON object"), e.message)
    }
}
