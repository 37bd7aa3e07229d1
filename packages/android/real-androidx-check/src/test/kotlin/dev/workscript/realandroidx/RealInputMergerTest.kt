package dev.workscript.realandroidx

import androidx.work.Data
import androidx.work.OneTimeWorkRequest
import androidx.work.WorkInfo
import androidx.work.WorkManager
import androidx.work.testing.TestDriver
import dev.workscript.it.generated.CountTotalInput
import dev.workscript.it.generated.CountTotalOutput
import dev.workscript.it.generated.CountTotalRequests
import dev.workscript.it.generated.CountTotalWorker
import dev.workscript.it.generated.SumCountsInputMerger
import dev.workscript.runtime.Workscript
import dev.workscript.runtime.WorkscriptRuntime
import org.junit.After
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.Before
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.RobolectricTestRunner
import java.io.File
import java.util.UUID
import java.util.concurrent.TimeUnit

/**
 * generated-it's InputMergerTest under the real WorkManager: the generated SumCountsInputMerger (workers-it) is
 * created by WorkManager by class name and merges the request's own input with its prerequisites' outputs.
 */
@RunWith(RobolectricTestRunner::class)
class RealInputMergerTest {
    private val logger = RecordingLogger()
    private lateinit var wm: WorkManager
    private lateinit var driver: TestDriver

    @Before
    fun setUp() {
        // Default WorkerFactory (reflection): CountTotalWorker and EchoWorker have the (Context, WorkerParameters) constructor.
        val (workManager, testDriver) = startTestWorkManager(File(System.getProperty("realandroidx.itAssets")), WorkscriptRuntime.Config(logger = logger))
        wm = workManager
        driver = testDriver
    }

    @After
    fun tearDown() = Workscript.reset()

    private fun awaitFinished(id: UUID): WorkInfo = wm.await(id, logger, what = "finished") { it.state.isFinished }

    private fun echo(data: Data) = OneTimeWorkRequest.Builder(EchoWorker::class.java).setInputData(data).build()

    @Test
    fun `WorkManager runs the TypeScript merger on own input + prerequisites' outputs`() {
        val a = echo(Data.Builder().putInt("count", 40).build())
        val b = echo(Data.Builder().putInt("count", 1).putString("note", "x").build())
        val total = CountTotalRequests.oneTime(CountTotalInput(count = 1, inputs = 0))
        assertEquals(SumCountsInputMerger::class.java.name, total.workSpec.inputMergerClassName)
        wm.beginWith(listOf(a, b)).then(total).enqueue().result.get(10, TimeUnit.SECONDS)
        listOf(a, b, total).forEach { driver.setAllConstraintsMet(it.id) }
        val done = awaitFinished(total.id)
        println("[real-androidx] merged chain: $done")
        assertEquals("$done ${logger.snapshot()}", WorkInfo.State.SUCCEEDED, done.state)
        assertEquals(CountTotalOutput(total = 42, inputs = 3), CountTotalWorker.outputOf(done))
    }

    @Test
    fun `a merger that throws fails the work without running it`() {
        val bad = echo(Data.Builder().putString("fail", "yes").build())
        val total = CountTotalRequests.oneTime(CountTotalInput(count = 1, inputs = 0))
        wm.beginWith(bad).then(total).enqueue().result.get(10, TimeUnit.SECONDS)
        listOf(bad, total).forEach { driver.setAllConstraintsMet(it.id) }
        val done = awaitFinished(total.id)
        println("[real-androidx] throwing merger: $done")
        assertEquals(done.toString(), WorkInfo.State.FAILED, done.state)
        assertTrue("the worker must not have run: ${logger.snapshot()}", logger.snapshot().none { it.contains("CountTotal") && it.startsWith("info") })
    }
}
