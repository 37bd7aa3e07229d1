package dev.workscript.it

import android.content.Context
import android.net.Uri
import androidx.work.CoroutineWorker
import androidx.work.Data
import androidx.work.ListenableWorker
import androidx.work.ProgressUpdater
import androidx.work.WorkerParameters
import com.google.common.util.concurrent.ListenableFuture
import dev.workscript.runtime.Workscript
import dev.workscript.runtime.WorkscriptLogger
import dev.workscript.runtime.WorkscriptRuntime
import dev.workscript.runtime.WorkscriptSourceMap
import java.io.File
import java.util.Collections
import java.util.UUID
import java.util.concurrent.CompletableFuture
import java.util.concurrent.Executor
import java.util.concurrent.TimeUnit

/** A directory the Maven build passes as a system property (see pom.xml). */
internal fun dirProperty(name: String): File =
    File(requireNotNull(System.getProperty(name)) { "System property $name is not set; run through Maven (pom.xml sets it)" })

/** A runtime over a generated assets folder (workers.js + workers.js.map), as Workscript.runtime loads it on Android. */
internal fun runtimeFromAssets(assets: File, config: WorkscriptRuntime.Config): WorkscriptRuntime =
    WorkscriptRuntime(
        File(assets, "workers.js").readText(),
        config,
        "workers.js",
        WorkscriptSourceMap.parse(File(assets, "workers.js.map").readText()),
    )

/** Keeps every log line of the runtime, with its fields. */
class RecordingLogger : WorkscriptLogger {
    val lines: MutableList<String> = Collections.synchronizedList(mutableListOf())
    override fun log(level: String, message: String, fieldsJson: String, runId: String?) {
        lines += "$level $message $fieldsJson"
    }
    fun snapshot(): List<String> = synchronized(lines) { lines.toList() }
}

/** WorkManager's side of one attempt: the parameters it builds and the progress it stores. */
class Attempt(
    input: Data,
    tags: Collection<String> = emptyList(),
    runAttemptCount: Int = 0,
    generation: Int = 0,
    triggeredContentUris: List<Uri> = emptyList(),
    triggeredContentAuthorities: List<String> = emptyList(),
) {
    val id: UUID = UUID.randomUUID()
    val progress: MutableList<Data> = Collections.synchronizedList(mutableListOf())
    private val updater = object : ProgressUpdater {
        override fun updateProgress(context: Context, id: UUID, data: Data): ListenableFuture<Void?> {
            progress += data
            return object : CompletableFuture<Void?>(), ListenableFuture<Void?> {
                override fun addListener(listener: Runnable, executor: Executor) {
                    whenComplete { _, _ -> executor.execute(listener) }
                }
            }.also { it.complete(null) }
        }
    }
    val params: WorkerParameters =
        WorkerParameters(id, input, tags, runAttemptCount, generation, updater, triggeredContentUris, triggeredContentAuthorities)

    /** Creates the worker as WorkManager's default factory would and runs startWork() to the end. */
    fun <W : CoroutineWorker> run(create: (Context, WorkerParameters) -> W): ListenableWorker.Result =
        create(Context(), params).startWork().get(60, TimeUnit.SECONDS)
}

/** Installs [runtime] process-wide for the generated workers, as an app would at startup. */
internal fun install(runtime: WorkscriptRuntime): WorkscriptRuntime = runtime.also { Workscript.install(it) }
