package dev.workscript.runtime

import kotlinx.coroutines.async
import kotlinx.coroutines.delay
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import java.io.File
import java.util.Collections

/**
 * The official guest prelude (packages/api's conformance bundle) against the host's real services rather
 * than scripted replies: storage in a file, timers on coroutines, progress, logs and a stop from the caller.
 */
class OfficialPreludeTest {
    private val dir = File(System.getProperty("workscript.conformanceDir") ?: "../../api/bridge-conformance")
    private val bundle = File(dir, "conformance-bundle.js").readText()

    @Test
    fun `cost of a run with the official bundle`() = runBlocking<Unit> {
        val rt = WorkscriptRuntime(bundle, WorkscriptRuntime.Config(logger = WorkscriptLogger.NONE), "conformance-bundle.js")
        val input = """{"text":"hé","n":1,"nested":{"flag":true}}"""
        val t0 = System.nanoTime()
        rt.run("Echo", input, WorkscriptRunContext("id"))
        val firstMs = (System.nanoTime() - t0) / 1e6
        repeat(200) { rt.run("Echo", input, WorkscriptRunContext("id")) }
        val n = 500
        val t1 = System.nanoTime()
        repeat(n) { check(rt.run("Echo", input, WorkscriptRunContext("id")) is WorkscriptResult.Success) }
        val perRun = (System.nanoTime() - t1) / 1e6 / n
        println("official bundle (${bundle.length / 1024} KiB): first run %.1f ms (compiles the bundle), then %.2f ms/run (fresh engine each)".format(firstMs, perRun))
        assertTrue(perRun < 100, "$perRun ms per run")
    }

    @Test
    fun `official prelude runs on the built-in host services`(@TempDir tmp: File) = runBlocking<Unit> {
        val logger = RecordingLogger()
        val storage = FileWorkscriptStorage(File(tmp, "s.json"))
        val rt = WorkscriptRuntime(bundle, WorkscriptRuntime.Config(storage = storage, logger = logger, stopGracePeriodMs = 2_000), "conformance-bundle.js")
        val context = WorkscriptRunContext("id-1", listOf("a"), 3, 1)

        val echo = rt.run("Echo", """{"text":"hé","n":1,"nested":{"flag":true}}""", context) as WorkscriptResult.Success
        assertEquals("""{"input":{"text":"hé","n":1,"nested":{"flag":true}},"id":"id-1","tags":["a"],"runAttemptCount":3,"generation":1,"aborted":false}""", echo.outputJson)

        val progress = Collections.synchronizedList(mutableListOf<String>())
        rt.run("Progress", """{"steps":2}""", context) { progress += it }
        assertEquals(listOf("""{"step":1,"of":2}""", """{"step":2,"of":2}"""), progress)

        rt.run("Logs", "{}", context)
        assertTrue(logger.lines.contains("""error error message {"text":"ünïcødé ✓"}"""), "${logger.lines}")

        storage.set("cfg.old", "x")
        val s = rt.run("Storage", """{"key":"cfg.a"}""", context) as WorkscriptResult.Success
        assertEquals("""{"before":null,"keys":["cfg.a","cfg.old"],"all":2}""", s.outputJson)
        assertEquals(listOf("cfg.a"), storage.keys(null))

        val timers = rt.run("Timers", """{"ms":20}""", context) as WorkscriptResult.Success
        assertEquals("""{"events":["slept","tick 1","tick 2"],"aborted":false}""", timers.outputJson)

        val stopped = async { rt.run("Stoppable", """{"tickMs":20,"throwOnStop":false}""", WorkscriptRunContext("id-2", stopReason = { 7 })) }
        delay(150)
        stopped.cancel()
        stopped.join()
        assertTrue(stopped.isCancelled)
    }
}
