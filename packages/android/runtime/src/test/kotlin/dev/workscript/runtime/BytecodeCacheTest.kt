package dev.workscript.runtime

import com.dokar.quickjs.QuickJs
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertInstanceOf
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import java.io.File

/**
 * The persistent bytecode cache (`Config.bytecodeCacheDir`) and the source-first cold start, observed through
 * [WorkscriptRuntime.bundleStats]. A new [WorkscriptRuntime] stands for a new process: it shares nothing with
 * the previous one but the cache directory.
 */
class BytecodeCacheTest {
    private val logger = RecordingLogger()

    private fun runtime(dir: File?, bundle: String = testBundle()) =
        WorkscriptRuntime(bundle, WorkscriptRuntime.Config(logger = logger, bytecodeCacheDir = dir))

    private fun echo(rt: WorkscriptRuntime) = runBlocking {
        val r = rt.run("Echo", """{"n":1}""", ctx())
        assertInstanceOf(WorkscriptResult.Success::class.java, r, "$r")
    }

    private fun cacheFiles(dir: File): List<File> = dir.listFiles { f -> f.name.endsWith(".qjsbc") }!!.sortedBy { it.name }

    @Test
    fun `the first run evaluates the source and compiles in the background for later runs`() = runBlocking<Unit> {
        val rt = runtime(null)
        echo(rt)
        assertEquals(1, rt.bundleStats().sourceEvaluations)
        rt.precompile() // awaits the compile the first run started
        echo(rt)
        echo(rt)
        assertEquals(WorkscriptBundleStats(sourceEvaluations = 1, bytecodeEvaluations = 2, compilations = 1, cacheHits = 0, cacheMisses = 0, cacheRejections = 0, cacheWrites = 0), rt.bundleStats())
    }

    @Test
    fun `precompile makes even the first run evaluate bytecode`() = runBlocking<Unit> {
        val rt = runtime(null)
        rt.precompile()
        echo(rt)
        rt.precompile() // nothing left to do
        assertEquals(WorkscriptBundleStats(0, 1, 1, 0, 0, 0, 0), rt.bundleStats())
    }

    @Test
    fun `a second runtime loads the bytecode from the cache without compiling`(@TempDir dir: File) = runBlocking<Unit> {
        val first = runtime(dir)
        echo(first)
        first.precompile()
        assertEquals(WorkscriptBundleStats(sourceEvaluations = 1, bytecodeEvaluations = 0, compilations = 1, cacheHits = 0, cacheMisses = 1, cacheRejections = 0, cacheWrites = 1), first.bundleStats())
        val file = cacheFiles(dir).single()
        assertTrue(file.name.matches(Regex("workers\\.js-[0-9a-f]{64}\\.qjsbc")), file.name)
        assertEquals(emptyList<String>(), dir.list()!!.filter { it.endsWith(".tmp") }, "temp files left behind")

        val second = runtime(dir)
        echo(second)
        echo(second)
        second.precompile()
        assertEquals(WorkscriptBundleStats(sourceEvaluations = 0, bytecodeEvaluations = 2, compilations = 0, cacheHits = 1, cacheMisses = 0, cacheRejections = 0, cacheWrites = 0), second.bundleStats())
        assertTrue(logger.lines.any { it.startsWith("debug Loaded the bytecode of workers.js from the cache") }, "${logger.lines}")
    }

    @Test
    fun `precompile at startup reads the cache of an earlier process`(@TempDir dir: File) = runBlocking<Unit> {
        runtime(dir).precompile()
        val rt = runtime(dir)
        rt.precompile()
        echo(rt)
        assertEquals(WorkscriptBundleStats(0, 1, 0, 1, 0, 0, 0), rt.bundleStats())
    }

    @Test
    fun `a changed bundle misses the cache and replaces the old file`(@TempDir dir: File) = runBlocking<Unit> {
        runtime(dir).precompile()
        val old = cacheFiles(dir).single()
        val changed = runtime(dir, testBundle() + "\n// changed\n")
        echo(changed)
        changed.precompile()
        assertEquals(WorkscriptBundleStats(sourceEvaluations = 1, bytecodeEvaluations = 0, compilations = 1, cacheHits = 0, cacheMisses = 1, cacheRejections = 0, cacheWrites = 1), changed.bundleStats())
        val now = cacheFiles(dir).single()
        assertTrue(now.name != old.name, "the changed bundle must have its own file: ${now.name}")
        assertTrue(!old.exists(), "the old bundle's file is deleted")
    }

    @Test
    fun `corrupt, truncated or foreign cache files are ignored and replaced`(@TempDir dir: File) = runBlocking<Unit> {
        runtime(dir).precompile()
        val file = cacheFiles(dir).single()
        val good = file.readBytes()
        // A well-formed file of another bundle (another SHA-256 in its key) under this bundle's name.
        val otherDir = File(dir, "other").apply { mkdirs() }
        runtime(otherDir, "globalThis.__workscript = { protocolVersion: 1, workers: [], run: function () {}, stop: function () {} };").precompile()
        val foreign = cacheFiles(otherDir).single().readBytes()
        val damaged = mapOf(
            "a flipped payload byte" to good.copyOf().also { it[it.size - 1] = (it[it.size - 1].toInt() xor 0x5a).toByte() },
            "truncated" to good.copyOf(good.size / 2),
            "empty" to ByteArray(0),
            "not a cache file" to "console.log('hello')".toByteArray(),
            "another bundle's file" to foreign,
        )
        for ((what, bytes) in damaged) {
            file.writeBytes(bytes)
            logger.lines.clear()
            val rt = runtime(dir)
            echo(rt) // the damaged file is not evaluated: the run falls back to the source
            rt.precompile()
            assertEquals(WorkscriptBundleStats(sourceEvaluations = 1, bytecodeEvaluations = 0, compilations = 1, cacheHits = 0, cacheMisses = 0, cacheRejections = 1, cacheWrites = 1), rt.bundleStats(), "$what: ${logger.lines}")
            assertTrue(logger.lines.any { it.startsWith("warn Ignored the bytecode cache file of workers.js") }, "$what: ${logger.lines}")
            assertTrue(good.contentEquals(file.readBytes()), "$what: the file was not replaced by a good one")
            val next = runtime(dir)
            echo(next)
            assertEquals(1, next.bundleStats().cacheHits, what)
        }
    }

    @Test
    fun `an unwritable cache directory only costs the compile of the next process`(@TempDir dir: File) = runBlocking<Unit> {
        val notADir = File(dir, "file").apply { writeText("x") }
        val rt = runtime(notADir)
        echo(rt)
        rt.precompile()
        echo(rt)
        assertEquals(WorkscriptBundleStats(1, 1, 1, 0, 1, 0, 0), rt.bundleStats())
        assertTrue(logger.lines.any { it.startsWith("warn Could not write the bytecode cache file of workers.js") }, "${logger.lines}")
    }

    @Test
    fun `a bundle that does not compile fails precompile with its name`() = runBlocking<Unit> {
        val rt = runtime(null, "globalThis.__workscript = {;")
        val e = runCatching { rt.precompile() }.exceptionOrNull()
        assertInstanceOf(WorkscriptBundleException::class.java, e)
        assertTrue(e!!.message!!.contains("The bundle workers.js does not compile"), e.message)
        val r = rt.run("Echo", "{}", ctx()) as WorkscriptResult.Failure
        assertEquals(WorkscriptError.PROTOCOL, r.error?.name)
    }

    @Test
    fun `the cache key's quickjs-kt version is the one on the classpath`() {
        val jar = QuickJs::class.java.protectionDomain.codeSource.location.path
        assertTrue(jar.contains("quickjs-kt-jvm-${BytecodeCacheFile.QUICKJS_KT_VERSION}"), "quickjs-kt on the classpath: $jar")
    }
}
