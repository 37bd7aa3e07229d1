package dev.workscript.runtime

import com.dokar.quickjs.QuickJs
import kotlinx.coroutines.CoroutineDispatcher

/**
 * Creates and closes every QuickJS engine of the process under one lock.
 *
 * quickjs-kt 1.0.14 keeps the `JavaVM` pointer that its host-function callbacks need in a process-wide native
 * global, with a plain `int` count of live engines: creating an engine increments it, closing one decrements it
 * and clears the pointer (and the cached JNI class references) at zero. Neither step is atomic, so an engine
 * closing on one thread while another is created on another thread can leave a live engine without the
 * pointer. Every host function that engine's JavaScript calls then fails without an exception value (a
 * `catch` sees "[unsupported type]", Kotlin sees nothing), so a merge or a run ends without an answer. That
 * happened under load (about 1 merge in 150 with 4 at once beside 3 busy cores, and once in CI), and engines
 * created and closed on three threads at once crashed the JVM (SIGABRT). With every create and close going
 * through here, the count is exact. The lock is held only for the native create or close itself.
 */
internal object QuickJsInstances {
    private val lock = Any()

    /** [QuickJs.create], serialised with every other create and close. */
    fun create(dispatcher: CoroutineDispatcher): QuickJs = synchronized(lock) { QuickJs.create(dispatcher) }

    /** [QuickJs.close], serialised with every other create and close. Call it on the engine's thread, once it is idle. */
    fun close(qjs: QuickJs): Unit = synchronized(lock) { qjs.close() }
}
