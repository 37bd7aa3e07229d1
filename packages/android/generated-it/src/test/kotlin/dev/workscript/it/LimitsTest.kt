package dev.workscript.it

import androidx.work.ListenableWorker.Result
import dev.workscript.it.generated.MemoryBombInput
import dev.workscript.it.generated.MemoryBombWorker
import dev.workscript.it.generated.SpinInput
import dev.workscript.it.generated.SpinWorker
import dev.workscript.it.generated.ThrowsInput
import dev.workscript.it.generated.ThrowsWorker
import dev.workscript.runtime.WorkscriptError
import dev.workscript.runtime.WorkscriptRunContext
import dev.workscript.runtime.WorkscriptRuntime
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.io.File

/**
 * Misbehaving workers (packages/android/generated-it/workers-it/limits.ts), generated and run like the sample's:
 * the runtime must end them with its limits, keep the JVM healthy, and report errors at their `.ts` lines.
 */
class LimitsTest {
    private val logger = RecordingLogger()
    private val assets = dirProperty("workscript.itAssets")

    private fun runtime(config: WorkscriptRuntime.Config) = install(runtimeFromAssets(assets, config.copy(logger = logger)))

    @Test
    fun `an infinite loop is stopped by the time limit and interrupted`() {
        runtime(WorkscriptRuntime.Config(timeLimitMs = 500, stopGracePeriodMs = 200))
        val started = System.nanoTime()
        val result = Attempt(SpinInput(seed = 1).toData()).run(::SpinWorker)
        val elapsedMs = (System.nanoTime() - started) / 1_000_000
        assertEquals(Result.failure(), result)
        assertTrue(elapsedMs in 500..5_000, "took $elapsedMs ms")
        assertTrue(logger.snapshot().any { it.startsWith("error ${WorkscriptError.TIME_LIMIT}: Worker 'Spin' ran longer than its time limit of 500 ms") }, "${logger.snapshot()}")
    }

    @Test
    fun `a memory bomb is stopped by the memory limit without harming the JVM`() {
        val rt = runtime(WorkscriptRuntime.Config(memoryLimitBytes = 16L * 1024 * 1024))
        val heapBefore = usedHeap()
        repeat(3) {
            val result = Attempt(MemoryBombInput(chunkLength = 100_000).toData()).run(::MemoryBombWorker)
            assertEquals(Result.failure(), result)
        }
        assertTrue(logger.snapshot().count { it.contains("out of memory") } >= 3, "${logger.snapshot()}")
        // The JVM is fine: the same runtime still runs workers, and the QuickJS heap was native, not Java heap.
        val ok = runBlocking { rt.run("Throws", """{"path":"/tmp/x"}""", WorkscriptRunContext("after-oom")) }
        assertTrue(ok.resultJson.contains("disk full"), ok.resultJson)
        val heapGrowthMb = (usedHeap() - heapBefore) / (1024 * 1024)
        assertTrue(heapGrowthMb < 64, "Java heap grew by $heapGrowthMb MiB")
    }

    @Test
    fun `a thrown error is reported with its ts file and line`() {
        runtime(WorkscriptRuntime.Config())
        val result = Attempt(ThrowsInput(path = "/data/report.csv").toData()).run(::ThrowsWorker)
        assertEquals(Result.failure(), result)
        val source = File(dirProperty("workscript.itRoot"), "workers-it/limits.ts").readLines()
        val throwLine = source.indexOfFirst { it.contains("throw new Error(`disk full") } + 1
        val callLine = source.indexOfFirst { it.contains("writeReport(input.path);") } + 1
        val failure = logger.snapshot().single { it.startsWith("error Worker 'Throws' failed: Error: disk full while writing /data/report.csv") }
        assertTrue(failure.contains("workers-it/limits.ts:$throwLine:"), failure)
        assertTrue(failure.contains("workers-it/limits.ts:$callLine:"), failure)
        assertTrue(!failure.contains("workers.js:"), "every bundle frame of the worker is mapped: $failure")
    }

    @Test
    fun `the runtime maps stacks directly too`() = runBlocking<Unit> {
        val rt = runtime(WorkscriptRuntime.Config())
        val r = rt.run("Throws", """{"path":"p"}""", WorkscriptRunContext("direct")) as dev.workscript.runtime.WorkscriptResult.Failure
        val error = requireNotNull(r.error)
        println("mapped stack:\n${error.stack}")
        assertEquals("Error", error.name)
        assertTrue(error.stack.lineSequence().first().contains("workers-it/limits.ts:"), error.stack)
        // resultJson keeps the guest's own (bundle) positions.
        assertTrue(r.resultJson.contains("workers.js:"), r.resultJson)
    }

    private fun usedHeap(): Long {
        System.gc()
        val rt = Runtime.getRuntime()
        return rt.totalMemory() - rt.freeMemory()
    }
}
