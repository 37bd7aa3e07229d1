package dev.workscript.runtime

import androidx.work.Data
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** [WorkscriptRuntime.merge] on real QuickJS, with the hand-written mergers of test-bundle.js. */
class WorkscriptMergeTest {
    private val logger = RecordingLogger()
    private val runtime = WorkscriptRuntime(testBundle(), WorkscriptRuntime.Config(logger = logger, mergeTimeLimitMs = 500))

    private val everyType = Data.Builder()
        .putBoolean("b", true).putByte("y", -7).putInt("i", 42).putLong("l", Long.MAX_VALUE).putFloat("f", 0.1f)
        .putDouble("d", Double.NaN).putDouble("z", -0.0).putString("s", "é\"\n\\u0041😀\uD800").putString("n", null)
        .putBooleanArray("ba", booleanArrayOf(false)).putByteArray("ya", byteArrayOf(1)).putIntArray("ia", intArrayOf())
        .putLongArray("la", longArrayOf(Long.MIN_VALUE)).putFloatArray("fa", floatArrayOf(Float.NEGATIVE_INFINITY))
        .putDoubleArray("da", doubleArrayOf(1e21, 0.5)).putStringArray("sa", arrayOf(null, "x"))
        .build()

    @Test
    fun `every type crosses the engine and back with its type, and the engine writes the same bytes`() = runBlocking<Unit> {
        val second = Data.Builder().putInt("i", 7).putInt("3", 1).build()
        val merged = runtime.merge("Overwrite", listOf(everyType, second))
        val expected = Data.Builder().putAll(everyType).putInt("i", 7).putInt("3", 1).build()
        assertEquals(expected, merged)
        for ((key, value) in expected.keyValueMap) assertEquals(value?.javaClass, merged.keyValueMap[key]?.javaClass, key)
        // JSON.parse then JSON.stringify in QuickJS writes exactly what the Kotlin codec writes (key order included).
        val inputsJson = "[${WorkscriptData.dataToTaggedJson(everyType)}]"
        assertEquals("""{"ok":true,"data":${WorkscriptData.dataToTaggedJson(everyType)}}""", runtime.mergeRaw("Overwrite", inputsJson))
    }

    @Test
    fun `a merger sees the inputs in order and returns typed Data`() = runBlocking<Unit> {
        val inputs = listOf(Data.Builder().putInt("count", 2).build(), Data.EMPTY, Data.Builder().putInt("count", 40).build())
        assertEquals(Data.Builder().putInt("count", 42).putInt("inputs", 3).build(), runtime.merge("SumCounts", inputs))
        assertEquals(Data.Builder().putInt("count", 0).putInt("inputs", 0).build(), runtime.merge("SumCounts", emptyList()))
    }

    @Test
    fun `a merger that throws fails the merge with its error, and is logged`() = runBlocking<Unit> {
        val e = assertThrows(WorkscriptInputMergeException::class.java) { runBlocking { runtime.merge("Throws", listOf(Data.EMPTY)) } }
        assertEquals("Throws", e.mergerName)
        assertEquals("TypeError: boom from the merger", e.message)
        assertEquals("TypeError", e.error.name)
        assertTrue(e.error.stack.contains("workers.js"), e.error.stack)
        assertTrue(logger.lines.any { it.startsWith("error Input merger 'Throws' failed: TypeError: boom from the merger") }, "${logger.lines}")
        val unknown = assertThrows(WorkscriptInputMergeException::class.java) { runBlocking { runtime.merge("Nope", emptyList()) } }
        assertEquals("UnknownInputMergerError", unknown.error.name)
        assertTrue(unknown.error.message.contains("known input mergers: BadData, BusyAfterAnswer"), unknown.error.message)
    }

    @Test
    fun `a merger that never returns is interrupted at the time limit, and the engine thread serves the next merge`() = runBlocking<Unit> {
        val start = System.nanoTime()
        val e = assertThrows(WorkscriptInputMergeException::class.java) { runBlocking { runtime.merge("Spin", emptyList()) } }
        val ms = (System.nanoTime() - start) / 1_000_000
        assertEquals(WorkscriptError.TIME_LIMIT, e.error.name)
        assertTrue(e.error.message.startsWith("Input merger 'Spin' ran longer than its time limit of 500 ms"), e.error.message)
        assertTrue(ms in 500..5_000, "took $ms ms")
        assertEquals(1, logger.lines.count { it.startsWith("error Input merger 'Spin' failed") }, "${logger.lines}")
        assertEquals(Data.Builder().putInt("count", 1).putInt("inputs", 1).build(), runtime.merge("SumCounts", listOf(Data.Builder().putInt("count", 1).build())))
    }

    @Test
    fun `a merger that exhausts memory fails the merge, and the JVM and the runtime carry on`() = runBlocking<Unit> {
        val small = WorkscriptRuntime(testBundle(), WorkscriptRuntime.Config(logger = logger, memoryLimitBytes = 16L * 1024 * 1024))
        val e = assertThrows(WorkscriptInputMergeException::class.java) { runBlocking { small.merge("MemoryBomb", emptyList()) } }
        assertTrue(e.message!!.contains("out of memory"), e.message)
        assertEquals(2, small.merge("SumCounts", listOf(Data.Builder().putInt("count", 2).build())).getInt("count", 0))
    }

    @Test
    fun `each merge gets a fresh engine, and busy jobs left after the answer do not hold it back`() = runBlocking<Unit> {
        repeat(2) { assertEquals(false, runtime.merge("Globals", emptyList()).getBoolean("seen", true)) }
        // An answer taken only when the engine went idle would never come: the merge would hit the time limit.
        assertEquals(true, runtime.merge("BusyAfterAnswer", emptyList()).getBoolean("done", false))
    }

    @Test
    fun `answers that break the protocol, or Data that is not, fail the merge with a protocol error`() = runBlocking<Unit> {
        fun failed(name: String) = assertThrows(WorkscriptInputMergeException::class.java) { runBlocking { runtime.merge(name, emptyList()) } }
        assertEquals("RangeError: thrown past the protocol", failed("ThrowsOutright").message)
        assertEquals("__workscript.merge returned a number, not MergeResultJson (bridge protocol v1)", failed("NotAString").error.message)
        assertEquals("Input merger 'NotJson' answered with text that is not a JSON object (bridge protocol v1): ok", failed("NotJson").error.message)
        val bad = failed("BadData")
        assertEquals(WorkscriptError.PROTOCOL, bad.error.name)
        assertTrue(bad.error.message.contains("Output of input merger 'BadData': key 'k' has unknown type 'char'"), bad.error.message)
        val tooLarge = assertThrows(WorkscriptDataTooLargeException::class.java) { runBlocking { runtime.merge("TooLarge", emptyList()) } }
        assertEquals("Output of input merger 'TooLarge'", tooLarge.what)
    }

    @Test
    fun `a bundle from before input mergers, or no bundle at all, says what to do`() = runBlocking<Unit> {
        val old = WorkscriptRuntime(
            "globalThis.__workscript = { protocolVersion: 1, workers: [], run: function () {}, stop: function () {} };",
            WorkscriptRuntime.Config(logger = logger),
            bundleName = "old.js",
        )
        val e = assertThrows(WorkscriptBundleException::class.java) { runBlocking { old.merge("SumCounts", emptyList()) } }
        assertEquals(
            "The bundle old.js has no __workscript.merge, so input merger 'SumCounts' cannot run: it was generated before " +
                "custom input mergers. Regenerate it with `workscript generate` from a matching @workscript/api.",
            e.message,
        )
        val none = WorkscriptRuntime("var x = 1;", WorkscriptRuntime.Config(logger = logger), bundleName = "none.js")
        val n = assertThrows(WorkscriptBundleException::class.java) { runBlocking { none.merge("SumCounts", emptyList()) } }
        assertTrue(n.message!!.startsWith("The bundle none.js is not a Workscript bundle"), n.message)
    }

    @Test
    fun `merges run concurrently, each in its own engine`() = runBlocking<Unit> {
        val results = withTimeout(30_000) {
            (1..8).map { n -> async { runtime.merge("SumCounts", listOf(Data.Builder().putInt("count", n).build())).getInt("count", 0) } }.awaitAll()
        }
        assertEquals((1..8).toList(), results)
    }

    @Test
    fun `the merge time limit must be positive`() {
        assertThrows(IllegalArgumentException::class.java) { WorkscriptRuntime.Config(mergeTimeLimitMs = 0) }
    }
}
