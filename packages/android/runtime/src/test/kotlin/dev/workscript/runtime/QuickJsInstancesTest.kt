package dev.workscript.runtime

import com.dokar.quickjs.binding.function
import com.dokar.quickjs.evaluate
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.asCoroutineDispatcher
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withContext
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test
import java.util.concurrent.Executors
import java.util.concurrent.atomic.AtomicBoolean
import kotlin.concurrent.thread

/**
 * quickjs-kt counts live engines in a native int without atomics and forgets the JavaVM when the count reaches
 * zero; [QuickJsInstances] serialises every create and close so the count stays exact (see its KDoc).
 */
class QuickJsInstancesTest {
    @Test
    fun `engines created and closed on other threads at once never cut a live engine off from the host`() = runBlocking<Unit> {
        val executor = Executors.newSingleThreadExecutor()
        val dispatcher = executor.asCoroutineDispatcher()
        val stop = AtomicBoolean(false)
        val churned = java.util.concurrent.atomic.AtomicInteger()
        // Other engines come and go on three threads, as runs, merges and the bundle compile do.
        val churners = List(3) {
            thread(isDaemon = true) {
                while (!stop.get()) {
                    QuickJsInstances.close(QuickJsInstances.create(Dispatchers.Default))
                    churned.incrementAndGet()
                }
            }
        }
        val failures = mutableListOf<String>()
        var calls = 0
        try {
            withContext(dispatcher) {
                val qjs = QuickJsInstances.create(dispatcher)
                try {
                    qjs.function("ping") { "pong" }
                    val deadline = System.nanoTime() + 3_000_000_000L
                    // At least 3 s and 2,000 other engines; without the lock this crashed the JVM (SIGABRT) well before.
                    while (System.nanoTime() < deadline || churned.get() < 2_000) {
                        val answer = qjs.evaluate<String>(
                            "(function () { try { return ping(); } catch (e) { return 'threw ' + String(e); } })()",
                        )
                        calls++
                        if (answer != "pong" && failures.size < 5) failures += "call $calls: $answer"
                    }
                } finally {
                    QuickJsInstances.close(qjs)
                }
            }
        } finally {
            stop.set(true)
            churners.forEach { it.join() }
            dispatcher.close()
        }
        assertEquals(emptyList<String>(), failures, "after $calls calls and ${churned.get()} other engines")
    }
}
