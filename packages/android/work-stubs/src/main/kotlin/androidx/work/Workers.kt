// STAND-IN, NEVER SHIPPED. A compile-only substitute for androidx.work so the JVM build (Maven,
// dev.workscript:work-stubs) can compile generated workers without Google's Maven repository.
// Public signatures follow androidx's work/work-runtime/api/current.txt; members marked "stub-only" mirror
// androidx's @RestrictTo API or exist for JVM tests. Android apps compile against the real androidx.work.
package androidx.work

import android.content.Context
import android.net.Uri
import com.google.common.util.concurrent.ListenableFuture
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.Job
import kotlinx.coroutines.launch
import kotlinx.coroutines.suspendCancellableCoroutine
import java.util.UUID
import java.util.concurrent.CompletableFuture
import java.util.concurrent.Executor
import kotlin.coroutines.resume
import kotlin.coroutines.resumeWithException

/** Stand-in for `androidx.work.ProgressUpdater` (never shipped). */
public interface ProgressUpdater {
    /** Stores [data] as the progress of work [id]. */
    public fun updateProgress(context: Context, id: UUID, data: Data): ListenableFuture<Void?>
}

/**
 * Stand-in for `androidx.work.WorkerParameters` (never shipped). androidx's constructor is @RestrictTo; this
 * stub-only constructor lets JVM tests build parameters directly.
 */
public class WorkerParameters(
    /** The work id. */
    public val id: UUID,
    /** Input data. */
    public val inputData: Data,
    /** Tags. */
    tags: Collection<String>,
    /** Run attempts so far. */
    public val runAttemptCount: Int = 0,
    /** Generation. */
    public val generation: Int = 0,
    /** Stub-only (androidx: @RestrictTo): receives setProgress calls; null ignores progress. */
    public val progressUpdater: ProgressUpdater? = null,
    /** The content URIs whose changes started this run (androidx: from `RuntimeExtras`). Default: none. */
    public val triggeredContentUris: List<Uri> = emptyList(),
    /** The authorities of those changes (androidx: from `RuntimeExtras`). Default: none. */
    public val triggeredContentAuthorities: List<String> = emptyList(),
) {
    /** Tags. */
    public val tags: Set<String> = LinkedHashSet(tags)
}

/** Stand-in for `androidx.work.ListenableWorker` (never shipped). */
public abstract class ListenableWorker(
    /** The application context. */
    public val applicationContext: Context,
    private val workerParams: WorkerParameters,
) {
    @Volatile private var stopReasonValue: Int = WorkInfo.STOP_REASON_NOT_STOPPED

    /** The work id. */
    public val id: UUID get() = workerParams.id
    /** Input data. */
    public val inputData: Data get() = workerParams.inputData
    /** Run attempts so far. */
    public val runAttemptCount: Int get() = workerParams.runAttemptCount
    /** Tags. */
    public val tags: Set<String> get() = workerParams.tags
    /** The content URIs whose changes started this run; empty unless content-URI triggers did. */
    public val triggeredContentUris: List<Uri> get() = workerParams.triggeredContentUris
    /** The authorities of the content changes that started this run; empty unless content-URI triggers did. */
    public val triggeredContentAuthorities: List<String> get() = workerParams.triggeredContentAuthorities
    /** Whether the worker has been stopped. */
    public val isStopped: Boolean get() = stopReasonValue != WorkInfo.STOP_REASON_NOT_STOPPED
    /** Why the worker was stopped (WorkInfo.STOP_REASON_*), STOP_REASON_NOT_STOPPED while running. */
    public val stopReason: Int get() = stopReasonValue

    /** Called once when the worker is stopped. */
    public open fun onStopped() {}

    /** Stub-only (androidx: @RestrictTo): stops the worker with [reason], as WorkManager does. */
    public fun stop(reason: Int) {
        if (isStopped) return
        stopReasonValue = reason
        onStopped()
    }

    /** Stores progress through the parameters' ProgressUpdater. */
    public open fun setProgressAsync(data: Data): ListenableFuture<Void?> =
        workerParams.progressUpdater?.updateProgress(applicationContext, id, data) ?: StubFuture<Void?>().also { it.complete(null) }

    /** Starts the work. */
    public abstract fun startWork(): ListenableFuture<Result>

    /** Stand-in for `androidx.work.ListenableWorker.Result` (never shipped). */
    public abstract class Result internal constructor() {
        /** Output data (EMPTY for retry). */
        public abstract val outputData: Data

        /** Stub-only (androidx: @RestrictTo): success. */
        public class Success(override val outputData: Data = Data.EMPTY) : Result() {
            override fun equals(other: Any?): Boolean = other is Success && other.outputData == outputData
            override fun hashCode(): Int = 31 + outputData.hashCode()
            override fun toString(): String = "Success {mOutputData=$outputData}"
        }
        /** Stub-only (androidx: @RestrictTo): failure. */
        public class Failure(override val outputData: Data = Data.EMPTY) : Result() {
            override fun equals(other: Any?): Boolean = other is Failure && other.outputData == outputData
            override fun hashCode(): Int = 17 + outputData.hashCode()
            override fun toString(): String = "Failure {mOutputData=$outputData}"
        }
        /** Stub-only (androidx: @RestrictTo): retry. */
        public class Retry : Result() {
            override val outputData: Data get() = Data.EMPTY
            override fun equals(other: Any?): Boolean = other is Retry
            override fun hashCode(): Int = 25
            override fun toString(): String = "Retry"
        }

        public companion object {
            /** Success without output. */
            @JvmStatic public fun success(): Result = Success()
            /** Success with [outputData]. */
            @JvmStatic public fun success(outputData: Data): Result = Success(outputData)
            /** Failure without output. */
            @JvmStatic public fun failure(): Result = Failure()
            /** Failure with [outputData]. */
            @JvmStatic public fun failure(outputData: Data): Result = Failure(outputData)
            /** Retry with backoff. */
            @JvmStatic public fun retry(): Result = Retry()
        }
    }
}

/**
 * Stand-in for `androidx.work.CoroutineWorker` (never shipped). [startWork] runs [doWork] on
 * Dispatchers.Default; [stop] cancels it, as WorkManager does.
 */
public abstract class CoroutineWorker(appContext: Context, params: WorkerParameters) : ListenableWorker(appContext, params) {
    private val job = Job()

    /** The work. */
    public abstract suspend fun doWork(): Result

    /** Reports progress; suspends until stored. */
    public suspend fun setProgress(data: Data) {
        setProgressAsync(data).await()
    }

    final override fun startWork(): ListenableFuture<Result> {
        val future = StubFuture<Result>()
        CoroutineScope(Dispatchers.Default + job).launch {
            future.complete(doWork())
        }.invokeOnCompletion { failure -> if (failure != null) future.completeExceptionally(failure) }
        return future
    }

    final override fun onStopped() {
        job.cancel()
    }
}

/** Stand-in for `androidx.work.WorkerFactory` (never shipped). */
public abstract class WorkerFactory {
    /** Creates the worker named [workerClassName], or null to let the default factory try. */
    public abstract fun createWorker(appContext: Context, workerClassName: String, workerParameters: WorkerParameters): ListenableWorker?
}

/** Stub-only: a CompletableFuture that is a ListenableFuture. */
internal class StubFuture<V> : CompletableFuture<V>(), ListenableFuture<V> {
    override fun addListener(listener: Runnable, executor: Executor) {
        whenComplete { _, _ -> executor.execute(listener) }
    }
}

private suspend fun <V> ListenableFuture<V>.await(): V = suspendCancellableCoroutine { cont ->
    addListener({
        try {
            @Suppress("BlockingMethodInNonBlockingContext")
            cont.resume(get())
        } catch (e: java.util.concurrent.ExecutionException) {
            cont.resumeWithException(e.cause ?: e)
        } catch (t: Throwable) {
            cont.resumeWithException(t)
        }
    }, Runnable::run)
}
