package dev.workscript.runtime

import kotlinx.coroutines.Job
import kotlinx.coroutines.withTimeoutOrNull

/** How long an engine may ignore interrupts before its thread is abandoned (never reused). */
internal const val ABANDON_ENGINE_AFTER_MS: Long = 10_000L

/**
 * Cancels [evalJob], the coroutine that owns an engine, and interrupts the engine's JavaScript with [interrupt]
 * until the coroutine ends; the engine closes on its own thread. Cancelling alone does not stop JavaScript that
 * is busy (a synchronous loop never suspends), hence the interrupts, every 5 ms after a first 20 ms of waiting.
 *
 * Returns false when the engine ignored interrupts for [ABANDON_ENGINE_AFTER_MS]: its thread must then be
 * closed, not returned to [EngineThreads], since the engine may still be running on it.
 */
internal suspend fun cancelAndInterrupt(evalJob: Job, interrupt: () -> Unit): Boolean {
    evalJob.cancel()
    // Usually the engine is only waiting on host calls and lets go at once; busy JavaScript needs interrupts.
    if (withTimeoutOrNull(20) { evalJob.join() } != null) return true
    var waitedMs = 20L
    while (!evalJob.isCompleted) {
        interrupt()
        withTimeoutOrNull(5) { evalJob.join() }
        waitedMs += 5
        if (waitedMs >= ABANDON_ENGINE_AFTER_MS) return false
    }
    return true
}
