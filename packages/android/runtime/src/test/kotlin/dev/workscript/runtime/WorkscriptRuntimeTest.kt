package dev.workscript.runtime

import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.async
import kotlinx.coroutines.delay
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.jsonObject
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertInstanceOf
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import java.io.File
import java.util.Collections

class WorkscriptRuntimeTest {
    private val logger = RecordingLogger()
    private val runtime = WorkscriptRuntime(testBundle(), WorkscriptRuntime.Config(logger = logger, stopGracePeriodMs = 500))
    /**
     * The default 5 s grace, for the tests of what a stopped worker does within it (the grace's length is not what
     * they check). With 500 ms, one of them failed once while a CI build kept both cores busy: the worker's abort
     * listener had not logged. It did not fail again under three busy loops, so the cause is a guess.
     */
    private val patientRuntime = WorkscriptRuntime(testBundle(), WorkscriptRuntime.Config(logger = logger))

    @Test
    fun `lists the bundle's workers`() = runBlocking<Unit> {
        val workers = runtime.workers()
        assertTrue(workers.containsAll(listOf("Echo", "Retry", "Throws")), "$workers")
        assertEquals(workers.sorted(), workers)
    }

    @Test
    fun `success carries the output and the run context`() = runBlocking<Unit> {
        val r = runtime.run("Echo", """{"since":"2024-01-01","pageSize":50}""", ctx())
        assertInstanceOf(WorkscriptResult.Success::class.java, r)
        r as WorkscriptResult.Success
        assertEquals(
            """{"echo":{"since":"2024-01-01","pageSize":50},"id":"work-1","tags":["sync","t2"],"attempt":2,"generation":1}""",
            r.outputJson,
        )
        assertEquals("""{"status":"success","output":${r.outputJson}}""", r.resultJson)
    }

    @Test
    fun `the guest's contextJson carries the triggered content, empty by default`() = runBlocking<Unit> {
        val triggered = ctx().copy(
            triggeredContentUris = listOf("content://media/external/images/media/42", "content://x/\"q\""),
            triggeredContentAuthorities = listOf("media", "x"),
        )
        val r = runtime.run("Context", "{}", triggered) as WorkscriptResult.Success
        assertEquals(
            """{"id":"work-1","tags":["sync","t2"],"runAttemptCount":2,"generation":1,""" +
                """"triggeredContentUris":["content://media/external/images/media/42","content://x/\"q\""],""" +
                """"triggeredContentAuthorities":["media","x"]}""",
            r.outputJson,
        )
        val plain = runtime.run("Context", "{}", WorkscriptRunContext("work-2")) as WorkscriptResult.Success
        assertEquals(
            """{"id":"work-2","tags":[],"runAttemptCount":0,"generation":0,"triggeredContentUris":[],"triggeredContentAuthorities":[]}""",
            plain.outputJson,
        )
    }

    @Test
    fun `retry`() = runBlocking<Unit> {
        val r = runtime.run("Retry", "{}", ctx())
        assertEquals(WorkscriptResult.Retry("""{"status":"retry"}"""), r)
    }

    @Test
    fun `failure with output has no error`() = runBlocking<Unit> {
        val r = runtime.run("FailWithOutput", "{}", ctx()) as WorkscriptResult.Failure
        assertEquals("""{"reason":"bad input","code":42}""", r.outputJson)
        assertNull(r.error)
    }

    @Test
    fun `a thrown error becomes a failure with name, message and stack`() = runBlocking<Unit> {
        val r = runtime.run("Throws", "{}", ctx()) as WorkscriptResult.Failure
        assertEquals("{}", r.outputJson)
        assertEquals("TypeError", r.error?.name)
        assertEquals("boom from the worker", r.error?.message)
        assertTrue(r.error!!.stack.contains("workers.js"), r.error.stack)
        assertTrue(logger.lines.any { it.startsWith("error Worker 'Throws' failed: TypeError") }, "${logger.lines}")
    }

    @Test
    fun `unknown worker names the known ones`() = runBlocking<Unit> {
        val r = runtime.run("Nope", "{}", ctx()) as WorkscriptResult.Failure
        assertEquals("UnknownWorkerError", r.error?.name)
        assertTrue(r.error!!.message.contains("Echo"), r.error.message)
    }

    @Test
    fun `progress is forwarded in order and awaited`() = runBlocking<Unit> {
        val seen = Collections.synchronizedList(mutableListOf<String>())
        val r = runtime.run("Progress", "{}", ctx()) { seen += it; delay(20) }
        assertInstanceOf(WorkscriptResult.Success::class.java, r)
        assertEquals(listOf("""{"percent":10}""", """{"percent":50}""", """{"percent":100}"""), seen)
    }

    @Test
    fun `a throwing progress handler rejects the guest's setProgress`() = runBlocking<Unit> {
        val r = runtime.run("Progress", "{}", ctx()) { error("progress too large") } as WorkscriptResult.Failure
        assertTrue(r.error!!.message.contains("progress too large"), r.error.message)
    }

    @Test
    fun `storage persists in a file across runs and runtimes`(@TempDir dir: File) = runBlocking<Unit> {
        val file = File(dir, "store/workscript.json")
        val rt = WorkscriptRuntime(testBundle(), WorkscriptRuntime.Config(storage = FileWorkscriptStorage(file), logger = logger))
        val first = rt.run("Storage", "{}", ctx()) as WorkscriptResult.Success
        assertEquals("""{"first":"one","keys":["a:1","a:2"],"after":null,"previousRuns":0}""", first.outputJson)
        val rt2 = WorkscriptRuntime(testBundle(), WorkscriptRuntime.Config(storage = FileWorkscriptStorage(file), logger = logger))
        val second = rt2.run("Storage", "{}", ctx()) as WorkscriptResult.Success
        assertEquals(1, Json.parseToJsonElement(second.outputJson).jsonObject["previousRuns"].toString().toInt())
        assertEquals("""{"a:2":"two","b:1":"three","run-count":"2"}""", file.readText())
        assertTrue(!File(file.path + ".tmp").exists())
    }

    @Test
    fun `storage without a configured store fails with a clear message`() = runBlocking<Unit> {
        val r = runtime.run("Storage", "{}", ctx()) as WorkscriptResult.Failure
        assertTrue(r.error!!.message.contains("storage is not configured"), r.error.message)
    }

    @Test
    fun `timers sleep through the host`() = runBlocking<Unit> {
        val t0 = System.nanoTime()
        val r = runtime.run("Sleep", """{"ms":150}""", ctx()) as WorkscriptResult.Success
        val elapsedMs = (System.nanoTime() - t0) / 1_000_000
        assertTrue(elapsedMs >= 150, "took $elapsedMs ms")
        val slept = Json.parseToJsonElement(r.outputJson).jsonObject["sleptAtLeast"].toString().toLong()
        assertTrue(slept >= 140, "guest measured $slept ms")
    }

    @Test
    fun `a timer left running does not hold the run open`() = runBlocking<Unit> {
        val r = withTimeout(5_000) { runtime.run("Interval", "{}", ctx()) }
        assertInstanceOf(WorkscriptResult.Success::class.java, r)
    }

    @Test
    fun `cancelling the caller aborts the guest's signal with the stop reason`() = runBlocking<Unit> {
        val context = WorkscriptRunContext("work-stop", stopReason = { 6 /* CONSTRAINT_CHARGING */ })
        val job = async { patientRuntime.run("WaitForStop", "{}", context) }
        while (logger.lines.none { it.contains("waiting for stop") }) delay(5)
        job.cancel()
        assertThrows(CancellationException::class.java) { runBlocking { job.await() } }
        assertTrue(logger.lines.any { it == """info aborted {"reason":6}""" }, "${logger.lines}")
    }

    @Test
    fun `a worker that only awaits its signal still gets the stop`() = runBlocking<Unit> {
        val context = WorkscriptRunContext("work-quiet", stopReason = { 6 /* CONSTRAINT_CHARGING */ })
        val job = async { patientRuntime.run("WaitForStopQuietly", "{}", context) }
        delay(200) // nothing to wait for: the worker makes no host call before the stop
        assertTrue(job.isActive, "the run ended before it was stopped")
        job.cancel()
        assertThrows(CancellationException::class.java) { runBlocking { job.await() } }
        assertTrue(logger.lines.any { it == """info aborted quietly {"reason":6}""" }, "${logger.lines}")
    }

    @Test
    fun `a worker that ignores the stop is interrupted after the grace period`() = runBlocking<Unit> {
        val job = async { runtime.run("IgnoreStop", "{}", ctx()) }
        while (logger.lines.none { it.contains("ignoring stops") }) delay(5)
        val t0 = System.nanoTime()
        job.cancel()
        job.join()
        val ms = (System.nanoTime() - t0) / 1_000_000
        assertTrue(ms in 400..10_000, "stop took $ms ms (grace 500 ms)")
        // The JVM and the runtime still work.
        assertInstanceOf(WorkscriptResult.Retry::class.java, runtime.run("Retry", "{}", ctx()))
    }

    @Test
    fun `the time limit interrupts an infinite loop`() = runBlocking<Unit> {
        val rt = WorkscriptRuntime(testBundle(), WorkscriptRuntime.Config(timeLimitMs = 300, stopGracePeriodMs = 100, logger = logger))
        for (worker in listOf("Spin", "SpinAfterAwait")) {
            val t0 = System.nanoTime()
            val r = rt.run(worker, "{}", ctx()) as WorkscriptResult.Failure
            val ms = (System.nanoTime() - t0) / 1_000_000
            assertEquals(WorkscriptError.TIME_LIMIT, r.error?.name, worker)
            assertTrue(r.error!!.message.contains("300 ms"), r.error.message)
            assertTrue(ms in 300..10_000, "$worker took $ms ms")
        }
        assertInstanceOf(WorkscriptResult.Retry::class.java, rt.run("Retry", "{}", ctx()))
    }

    @Test
    fun `a memory bomb hits the memory limit and the JVM is unharmed`() = runBlocking<Unit> {
        val rt = WorkscriptRuntime(testBundle(), WorkscriptRuntime.Config(memoryLimitBytes = 16L * 1024 * 1024, logger = logger))
        val heapBefore = usedHeap()
        val r = rt.run("MemoryBomb", "{}", ctx()) as WorkscriptResult.Failure
        val text = "${r.error?.name}: ${r.error?.message}"
        assertTrue(text.contains("out of memory"), text)
        assertInstanceOf(WorkscriptResult.Retry::class.java, rt.run("Retry", "{}", ctx()))
        println("memory bomb: $text; JVM heap used before ${heapBefore / 1024} KiB, after ${usedHeap() / 1024} KiB")
    }

    @Test
    fun `deep recursion throws a catchable stack overflow instead of crashing`() = runBlocking<Unit> {
        // About 1,000-2,000 JavaScript frames fit in the default 1 MiB; 4 MiB takes several times more.
        val ok = runtime.run("DeepRecursion", """{"depth":1000}""", ctx()) as WorkscriptResult.Success
        assertEquals("""{"depth":1000}""", ok.outputJson)
        val big = WorkscriptRuntime(testBundle(), WorkscriptRuntime.Config(maxStackSizeBytes = 4L * 1024 * 1024, logger = logger))
        assertInstanceOf(WorkscriptResult.Success::class.java, big.run("DeepRecursion", """{"depth":4000}""", ctx()))
        val r = runtime.run("DeepRecursion", """{"depth":10000000}""", ctx()) as WorkscriptResult.Failure
        assertTrue(r.outputJson.contains("stack overflow"), r.outputJson)
    }

    @Test
    fun `native services are dispatched by name`() = runBlocking<Unit> {
        val natives = WorkscriptNatives().register("Camera", "takePhoto") { args -> """{"args":$args,"uri":"file:///p.jpg"}""" }
        val rt = WorkscriptRuntime(testBundle(), WorkscriptRuntime.Config(natives = natives, logger = logger))
        val r = rt.run("Native", """{"quality":80}""", ctx()) as WorkscriptResult.Success
        assertEquals("""{"photo":{"args":[80,"back"],"uri":"file:///p.jpg"},"missing":"unknown-method"}""", r.outputJson)
    }

    @Test
    fun `characters outside the BMP survive results and host-call arguments`() = runBlocking<Unit> {
        // quickjs-kt cuts them in strings from JavaScript to Kotlin unless the host encodes them (GuestStrings.kt).
        val echoed = runtime.run("Echo", """{"s":"A😀Z \ud83d\ude00 \\u0041"}""", ctx()) as WorkscriptResult.Success
        assertTrue(echoed.outputJson.startsWith("""{"echo":{"s":"A😀Z 😀 \\u0041"},"""), echoed.outputJson)
        val seen = Collections.synchronizedList(mutableListOf<String>())
        val natives = WorkscriptNatives().register("Camera", "takePhoto") { args -> seen += args; "\"🎞\"" }
        val rt = WorkscriptRuntime(testBundle(), WorkscriptRuntime.Config(natives = natives, logger = logger))
        val r = rt.run("Native", """{"quality":"📷 \\"}""", ctx()) as WorkscriptResult.Success
        assertEquals(listOf("""["📷 \\","back"]"""), seen)
        assertEquals("""{"photo":"🎞","missing":"unknown-method"}""", r.outputJson)
    }

    @Test
    fun `unknown host methods reply unknown-method`() = runBlocking<Unit> {
        val r = runtime.run("Unknown", "{}", ctx()) as WorkscriptResult.Success
        assertEquals("""{"code":"unknown-method"}""", r.outputJson)
    }

    @Test
    fun `a bundle without __workscript fails with a protocol error naming the fix`() = runBlocking<Unit> {
        val rt = WorkscriptRuntime("globalThis.x = 1;", WorkscriptRuntime.Config(logger = logger))
        val r = rt.run("Echo", "{}", ctx()) as WorkscriptResult.Failure
        assertEquals(WorkscriptError.PROTOCOL, r.error?.name)
        assertTrue(r.error!!.message.contains("does not define globalThis.__workscript"), r.error.message)
        assertThrows(WorkscriptBundleException::class.java) { runBlocking { rt.workers() } }
        val v2 = WorkscriptRuntime("globalThis.__workscript = {protocolVersion: 2, run(){}, stop(){}, workers: []};", WorkscriptRuntime.Config(logger = logger))
        val e = assertThrows(WorkscriptBundleException::class.java) { runBlocking { v2.workers() } }
        assertTrue(e.message!!.contains("protocolVersion is 2"), e.message)
    }

    @Test
    fun `runs execute concurrently in separate engines`() = runBlocking<Unit> {
        val t0 = System.nanoTime()
        val results = (1..4).map { async { runtime.run("Sleep", """{"ms":1000}""", ctx("w$it")) } }.map { it.await() }
        val ms = (System.nanoTime() - t0) / 1_000_000
        assertTrue(results.all { it is WorkscriptResult.Success }, "$results")
        assertTrue(ms < 3_000, "4 concurrent 1 s sleeps took $ms ms (4 s one after another)")
    }

    private fun usedHeap(): Long {
        System.gc()
        val rt = Runtime.getRuntime()
        return rt.totalMemory() - rt.freeMemory()
    }
}
