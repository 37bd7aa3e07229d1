package dev.workscript.runtime

import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.io.File

/**
 * Thousands of consecutive runs, each in a fresh engine on a pooled engine thread, must not leak JVM heap,
 * native memory (QuickJS allocates outside the heap) or threads. Prints the figures it measures.
 */
class LeakCheckTest {
    private val runs = 10_000

    @Test
    fun `thousands of consecutive runs leak neither heap, native memory nor threads`() = runBlocking<Unit> {
        val runtime = WorkscriptRuntime(testBundle(), WorkscriptRuntime.Config(logger = WorkscriptLogger.NONE))
        val input = """{"since":"2024-01-01","pageSize":50}"""
        repeat(200) { runtime.run("Echo", input, ctx()) } // warm up JIT, caches and the bytecode
        val threads0 = Thread.activeCount()
        val heap0 = usedHeap()
        val rss0 = rssKiB()
        val t0 = System.nanoTime()
        var progressRuns = 0
        val rssSamples = mutableListOf<Long>()
        for (i in 1..runs) {
            val r = if (i % 2 == 0) runtime.run("Echo", input, ctx("w$i")) else runtime.run("Progress", "{}", ctx("w$i")) { progressRuns++ }
            check(r is WorkscriptResult.Success) { "run $i: $r" }
            if (i % 1000 == 0) { usedHeap(); rssSamples += rssKiB() } // after GC, so garbage does not count
        }
        val perRunMs = (System.nanoTime() - t0) / 1e6 / runs
        val heap1 = usedHeap()
        val rss1 = rssKiB()
        Thread.sleep(200)
        val threads1 = Thread.activeCount()
        println(
            "leak check: $runs runs (fresh engine each, half with 3 progress calls), %.2f ms/run; ".format(perRunMs) +
                "JVM heap after GC ${heap0 / 1024} KiB -> ${heap1 / 1024} KiB; RSS $rss0 KiB -> $rss1 KiB; " +
                "threads $threads0 -> $threads1; RSS after GC every 1,000 runs $rssSamples KiB",
        )
        assertEquals(runs / 2 * 3, progressRuns)
        assertTrue(heap1 - heap0 < 16L * 1024 * 1024, "JVM heap grew by ${(heap1 - heap0) / 1024} KiB")
        // RSS rises over the first runs (malloc arenas of the engine threads, JIT) and then levels off; a leak of
        // one engine per run (~300 KiB) would add ~600 MiB over the second half.
        if (rss0 > 0) {
            val secondHalf = rssSamples.last() - rssSamples[rssSamples.size / 2 - 1]
            assertTrue(secondHalf < 24L * 1024, "RSS grew by $secondHalf KiB over the second half: $rssSamples")
        }
        assertTrue(threads1 <= threads0 + 2, "threads $threads0 -> $threads1")
    }

    private fun usedHeap(): Long {
        repeat(3) { System.gc(); Thread.sleep(50) }
        val rt = Runtime.getRuntime()
        return rt.totalMemory() - rt.freeMemory()
    }

    /** Resident set size from /proc (Linux); 0 elsewhere. */
    private fun rssKiB(): Long = File("/proc/self/status").takeIf { it.exists() }?.readLines()
        ?.firstOrNull { it.startsWith("VmRSS:") }?.split(Regex("\\s+"))?.getOrNull(1)?.toLongOrNull() ?: 0L
}
