package dev.workscript.runtime

import androidx.work.Data
import androidx.work.InputMerger
import androidx.work.OneTimeWorkRequest
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import java.io.File
import java.net.URLClassLoader

/**
 * The generated input merger of the shared contract (`XxxInputMerger : InputMerger()` calling [Workscript.merge]),
 * compiled against work-stubs and run on real QuickJS, the way WorkManager uses it: instantiated by class name,
 * `merge` called with no Context, possibly before anything else of Workscript ran in the process.
 */
class GeneratedInputMergerShapeTest {
    /** Exactly what codegen emits for a merger named `SumCounts` (its name in test-bundle.js). */
    public class SumCounts : InputMerger() {
        override fun merge(inputs: List<Data>): Data = Workscript.merge("SumCounts", inputs)
    }

    @AfterEach
    fun reset() = Workscript.reset()

    private val inputs = listOf(Data.Builder().putInt("count", 1).build(), Data.Builder().putInt("count", 2).build())
    private val merged = Data.Builder().putInt("count", 3).putInt("inputs", 2).build()

    /** What WorkManager does: the class name from the request, a no-argument constructor, then merge. */
    private fun mergeAsWorkManager(): Data {
        val request = OneTimeWorkRequest.Builder(GeneratedWorkerShapeTest.EchoWorker::class.java).setInputMerger(SumCounts::class.java).build()
        val merger = Class.forName(request.workSpec.inputMergerClassName).getDeclaredConstructor().newInstance() as InputMerger
        return merger.merge(inputs)
    }

    @Test
    fun `merge uses the installed runtime`() {
        Workscript.install(WorkscriptRuntime(testBundle(), WorkscriptRuntime.Config(logger = WorkscriptLogger.NONE)))
        assertEquals(merged, mergeAsWorkManager())
    }

    @Test
    fun `merge before any worker loads the default bundle, here from the classpath, and keeps it`(@TempDir dir: File) {
        File(dir, "workscript").mkdirs()
        File(dir, "workscript/workers.js").writeText(testBundle())
        Workscript.configure(WorkscriptRuntime.Config(logger = WorkscriptLogger.NONE))
        val thread = Thread.currentThread()
        val previous = thread.contextClassLoader
        thread.contextClassLoader = URLClassLoader(arrayOf(dir.toURI().toURL()), previous)
        try {
            assertEquals(merged, mergeAsWorkManager())
        } finally {
            thread.contextClassLoader = previous
        }
        // Loaded once: the worker side gets the same runtime, now without the bundle on the classpath.
        assertEquals(merged, mergeAsWorkManager())
    }

    @Test
    fun `merge without a runtime or a bundle says what to call`() {
        val e = assertThrows(IllegalStateException::class.java) { mergeAsWorkManager() }
        assertTrue(e.message!!.contains("Call Workscript.install("), e.message)
    }

    @Test
    fun `a merger's error reaches WorkManager as the exception`() {
        Workscript.install(WorkscriptRuntime(testBundle(), WorkscriptRuntime.Config(logger = WorkscriptLogger.NONE)))
        val e = assertThrows(WorkscriptInputMergeException::class.java) { Workscript.merge("Throws", inputs) }
        assertEquals("TypeError: boom from the merger", e.message)
    }
}
