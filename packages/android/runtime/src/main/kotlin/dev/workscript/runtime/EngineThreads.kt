package dev.workscript.runtime

import kotlinx.coroutines.ExecutorCoroutineDispatcher
import kotlinx.coroutines.asCoroutineDispatcher
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.ConcurrentLinkedDeque
import java.util.concurrent.Executors
import java.util.concurrent.atomic.AtomicInteger

/**
 * One long-lived thread with a big native stack that hosts one QuickJS engine at a time.
 *
 * An engine must stay on the thread that created it for its whole life: QuickJS measures its stack limit from
 * the stack of the thread that set it, so a thread pool that hands tasks to any thread would break the
 * limit. Each [EngineThread] is therefore a single-thread executor, lent to one run at a time.
 */
internal class EngineThread(val stackBytes: Long) {
    private val executor = Executors.newSingleThreadExecutor { r ->
        Thread(null, r, "workscript-engine-${ids.incrementAndGet()}", stackBytes).apply { isDaemon = true }
    }

    /** Runs coroutines on this thread only. */
    val dispatcher: ExecutorCoroutineDispatcher = executor.asCoroutineDispatcher()

    /** Lets the thread end once its queue drains (an abandoned engine may still be running on it). */
    fun close() = dispatcher.close()

    private companion object {
        val ids = AtomicInteger()
    }
}

/**
 * The process-wide pool of idle [EngineThread]s, by stack size.
 *
 * Starting a thread with a multi-MiB stack costs about 0.3 ms, a third of a warm run, so engine threads are
 * reused across runs; the engines are not (every run still gets a fresh QuickJS runtime, closed before its
 * thread returns here). At most [MAX_IDLE] idle threads per stack size are kept (daemon threads, alive for the
 * life of the process; the stack is reserved address space, committed only as far as it was used); concurrent
 * runs beyond that start threads that end after their run.
 */
internal object EngineThreads {
    /** Idle threads kept per stack size: WorkManager's default executor runs up to 4 workers at once. */
    const val MAX_IDLE: Int = 4

    private val idle = ConcurrentHashMap<Long, ConcurrentLinkedDeque<EngineThread>>()

    /** An idle thread with [stackBytes] of stack, or a new one. */
    fun acquire(stackBytes: Long): EngineThread = idle[stackBytes]?.pollFirst() ?: EngineThread(stackBytes)

    /**
     * Returns [thread] to the pool; call only once its engine is closed. A thread whose engine was abandoned
     * (it ignored interrupts) must be [EngineThread.close]d instead, never released.
     */
    fun release(thread: EngineThread) {
        val queue = idle.computeIfAbsent(thread.stackBytes) { ConcurrentLinkedDeque() }
        // size() is O(n) on this deque, but n <= MAX_IDLE; a race may keep one extra thread, which is harmless.
        if (queue.size < MAX_IDLE) queue.addFirst(thread) else thread.close()
    }
}
