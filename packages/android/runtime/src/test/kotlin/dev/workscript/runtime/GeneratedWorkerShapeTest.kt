package dev.workscript.runtime

import android.content.Context
import android.net.Uri
import androidx.work.CoroutineWorker
import androidx.work.Data
import androidx.work.ListenableWorker
import androidx.work.ProgressUpdater
import androidx.work.WorkInfo
import androidx.work.WorkerParameters
import com.google.common.util.concurrent.ListenableFuture
import kotlinx.coroutines.delay
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.util.Collections
import java.util.UUID
import java.util.concurrent.CompletableFuture
import java.util.concurrent.ExecutionException
import java.util.concurrent.Executor
import java.util.concurrent.TimeUnit

/**
 * The shape R26 asks of a generated worker (decode inputData, one call into the runtime, map the result),
 * compiled against work-stubs and run on real QuickJS.
 */
class GeneratedWorkerShapeTest {
    class EchoWorker(appContext: Context, private val params: WorkerParameters) : CoroutineWorker(appContext, params) {
        override suspend fun doWork(): Result {
            val inputJson = WorkscriptData.dataToJson(inputData)
            val context = WorkscriptRunContext(
                id.toString(), tags.toList(), runAttemptCount, params.generation,
                triggeredContentUris.map { it.toString() }, triggeredContentAuthorities,
            ) { stopReason }
            val result = runtime.run(workerName, inputJson, context) { setProgress(WorkscriptData.jsonToData(it, "Progress of $workerName")) }
            return when (result) {
                is WorkscriptResult.Success -> Result.success(WorkscriptData.jsonToData(result.outputJson, "Output of $workerName"))
                is WorkscriptResult.Failure -> Result.failure(WorkscriptData.jsonToData(result.outputJson, "Output of $workerName"))
                is WorkscriptResult.Retry -> Result.retry()
            }
        }
        companion object {
            var workerName = "Echo"
            val logger = RecordingLogger()
            val runtime = WorkscriptRuntime(testBundle(), WorkscriptRuntime.Config(logger = logger, stopGracePeriodMs = 300))
        }
    }

    private val progress = Collections.synchronizedList(mutableListOf<Data>())
    private val updater = object : ProgressUpdater {
        override fun updateProgress(context: Context, id: UUID, data: Data): ListenableFuture<Void?> {
            progress += data
            return object : CompletableFuture<Void?>(), ListenableFuture<Void?> {
                override fun addListener(listener: Runnable, executor: Executor) { whenComplete { _, _ -> executor.execute(listener) } }
            }.also { it.complete(null) }
        }
    }

    private fun worker(name: String, input: Data = Data.EMPTY, triggeredContentUris: List<Uri> = emptyList(), triggeredContentAuthorities: List<String> = emptyList()): EchoWorker {
        EchoWorker.workerName = name
        return EchoWorker(Context(), WorkerParameters(UUID.randomUUID(), input, listOf("sync"), 1, 0, updater, triggeredContentUris, triggeredContentAuthorities))
    }

    @Test
    fun `success, progress and retry map to ListenableWorker results`() {
        val input = Data.Builder().putString("since", "2024").putLong("pageSize", 50).build()
        val ok = worker("Echo", input).startWork().get(10, TimeUnit.SECONDS)
        assertTrue(ok is ListenableWorker.Result.Success, "$ok")
        assertEquals("{\"since\":\"2024\",\"pageSize\":50}", ok.outputData.getString("echo"))
        assertEquals(1L, ok.outputData.getLong("attempt", -1))

        val p = worker("Progress").startWork().get(10, TimeUnit.SECONDS)
        assertTrue(p is ListenableWorker.Result.Success)
        assertEquals(listOf(10L, 50L, 100L), progress.map { it.getLong("percent", -1) })

        assertEquals(ListenableWorker.Result.retry(), worker("Retry").startWork().get(10, TimeUnit.SECONDS))
        val failed = worker("Throws").startWork().get(10, TimeUnit.SECONDS)
        assertEquals(ListenableWorker.Result.failure(Data.EMPTY), failed)
    }

    @Test
    fun `the content changes that started the work reach the guest as strings`() {
        val uris = listOf(Uri.parse("content://media/external/images/media/42"), Uri.parse("content://media/external/video/media/7"))
        val r = worker("Context", triggeredContentUris = uris, triggeredContentAuthorities = listOf("media")).startWork().get(10, TimeUnit.SECONDS)
        assertTrue(r is ListenableWorker.Result.Success, "$r")
        assertEquals(listOf("content://media/external/images/media/42", "content://media/external/video/media/7"), r.outputData.getStringArray("triggeredContentUris")?.toList())
        assertEquals(listOf("media"), r.outputData.getStringArray("triggeredContentAuthorities")?.toList())
    }

    @Test
    fun `WorkManager stopping the worker aborts ctx_signal with its stop reason`() = runBlocking<Unit> {
        val w = worker("WaitForStop")
        val future = w.startWork()
        while (EchoWorker.logger.lines.none { it.contains("waiting for stop") }) delay(5)
        w.stop(WorkInfo.STOP_REASON_CONSTRAINT_CONNECTIVITY)
        val e = runCatching { future.get(10, TimeUnit.SECONDS) }.exceptionOrNull()
        assertTrue(e is ExecutionException || e is java.util.concurrent.CancellationException, "$e")
        while (EchoWorker.logger.lines.none { it.startsWith("info aborted") }) delay(5)
        assertTrue(EchoWorker.logger.lines.contains("""info aborted {"reason":7}"""), "${EchoWorker.logger.lines}")
    }
}
