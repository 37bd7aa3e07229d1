package dev.workscript.runtime

import kotlinx.coroutines.runBlocking
import kotlinx.serialization.json.Json
import kotlinx.serialization.builtins.serializer
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertInstanceOf
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/**
 * Fresh engine per run on reused engine threads: a thread serves run after run, including runs after one that
 * ran out of memory, was interrupted by the time limit or kept its engine busy after settling, and no run
 * sees another's globals.
 */
class EngineLifecycleTest {
    private val logger = RecordingLogger()
    // The thread's own name: kotlinx-coroutines' debug mode (on in tests) appends " @coroutine#N" while a coroutine runs.
    private val natives = WorkscriptNatives().register("Probe", "thread") { _ ->
        Json.encodeToString(String.serializer(), Thread.currentThread().name.substringBefore(" @coroutine#"))
    }

    private fun runtime(config: WorkscriptRuntime.Config = WorkscriptRuntime.Config()) =
        WorkscriptRuntime(testBundle(), config.copy(natives = natives, logger = logger, stopGracePeriodMs = 100))

    /** Runs `Globals`: returns (seen an earlier run's global, engine thread name). */
    private suspend fun globals(rt: WorkscriptRuntime): Pair<Boolean, String> {
        val r = rt.run("Globals", "{}", ctx()) as WorkscriptResult.Success
        val out = Json.parseToJsonElement(r.outputJson).jsonObject
        return out.getValue("seen").jsonPrimitive.content.toBooleanStrict() to out.getValue("thread").jsonPrimitive.content
    }

    @Test
    fun `sequential runs reuse an engine thread but never an engine`() = runBlocking<Unit> {
        val rt = runtime().also { it.precompile() }
        val runs = (1..5).map { globals(rt) }
        assertEquals(listOf(false), runs.map { it.first }.distinct(), "a run saw an earlier run's global")
        assertEquals(1, runs.map { it.second }.distinct().size, "threads: ${runs.map { it.second }}")
        assertTrue(runs[0].second.startsWith("workscript-engine-"), runs[0].second)
    }

    @Test
    fun `out of memory, a time-limit interrupt and a busy engine after the result do not affect the next run`() = runBlocking<Unit> {
        val limited = runtime(WorkscriptRuntime.Config(memoryLimitBytes = 16L * 1024 * 1024, timeLimitMs = 300)).also { it.precompile() }
        val (_, thread) = globals(limited)

        // Where the allocation fails decides whether the engine or the guest's own error handling reports it
        // (WorkscriptRuntimeTest checks the message); either way the run fails and the next one is clean.
        assertInstanceOf(WorkscriptResult.Failure::class.java, limited.run("MemoryBomb", "{}", ctx()))
        assertEquals(false to thread, globals(limited), "after out of memory")

        val spin = limited.run("Spin", "{}", ctx()) as WorkscriptResult.Failure
        assertEquals(WorkscriptError.TIME_LIMIT, spin.error?.name)
        assertEquals(false to thread, globals(limited), "after a time-limit interrupt")

        // Settled, then busy forever: the result counts (not a time-limit failure) and the engine is interrupted.
        val busy = limited.run("BusyAfterResult", "{}", ctx())
        assertInstanceOf(WorkscriptResult.Success::class.java, busy, "$busy")
        assertEquals("""{"done":true}""", (busy as WorkscriptResult.Success).outputJson)
        assertEquals(false to thread, globals(limited), "after a busy engine was interrupted")
    }
}
