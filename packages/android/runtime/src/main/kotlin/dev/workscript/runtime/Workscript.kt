package dev.workscript.runtime

import android.content.Context
import androidx.work.Data
import kotlinx.coroutines.runBlocking

/**
 * The process-wide [WorkscriptRuntime] that generated workers and input mergers use:
 * `Workscript.runtime(applicationContext)` and `Workscript.merge(name, inputs)`.
 *
 * Generated `XxxWorker`s stay thin (design.md): they never build a runtime themselves, because WorkManager
 * creates a new worker instance for every attempt, while the runtime (compiled bytecode of the bundle, limits,
 * services) should live as long as the process.
 *
 * - **Android**: the first call loads `assets/workscript/workers.js` (and `workers.js.map`, for `.ts` stack
 *   traces) with [configure]'s config, lazily and once.
 * - **JVM** (tests, CI): the first call loads `workscript/workers.js` (+ `.map`) from the classpath; tests
 *   usually [install] a runtime explicitly instead.
 *
 * Call [configure] (services such as storage, fetch, natives; limits) or [install] before the first worker runs,
 * e.g. in `Application.onCreate`. Apps with TypeScript input mergers also call [attach] there (see [merge]).
 */
public object Workscript {
    @Volatile
    private var installed: WorkscriptRuntime? = null

    @Volatile
    private var config: WorkscriptRuntime.Config = WorkscriptRuntime.Config()

    /** The application Context, from [attach] or the first [runtime] call: what [merge] loads the bundle with. */
    @Volatile
    private var appContext: Context? = null

    /** The installed runtime, loading the default bundle with the configured [WorkscriptRuntime.Config] on first use. */
    public fun runtime(context: Context): WorkscriptRuntime {
        if (appContext == null) appContext = applicationContextOf(context)
        return installed ?: synchronized(this) {
            installed ?: loadDefaultRuntime(context, config).also { installed = it }
        }
    }

    /**
     * Remembers the application Context of [context], so that [merge] can load the default bundle without one.
     * Call it in `Application.onCreate` when the app uses TypeScript input mergers (`defineInputMerger`):
     * WorkManager may merge inputs before any worker of this process has run, and `InputMerger.merge` gets no
     * Context. Cheap: it loads nothing. Not needed when the app [install]s its runtime itself.
     */
    public fun attach(context: Context) {
        appContext = applicationContextOf(context)
    }

    /**
     * Runs the TypeScript input merger [name] on [inputs] with the process-wide runtime, blocking the calling
     * thread: what every generated `InputMerger.merge` calls. WorkManager calls it on its background executor
     * before it creates the worker, possibly as the first Workscript call of a fresh process, so the runtime is
     * the installed one, else the default bundle loaded now with the Context from [attach] or an earlier
     * [runtime] call (on the JVM the classpath needs none).
     *
     * @throws IllegalStateException on Android when no runtime is installed and no Context is known yet: call
     *   `Workscript.attach(this)` in `Application.onCreate`.
     * @throws WorkscriptInputMergeException when the merger throws, exceeds
     *   [WorkscriptRuntime.Config.mergeTimeLimitMs] or fails in the engine; the work then does not run (see
     *   [WorkscriptInputMergeException] for what WorkManager does with it).
     * @throws WorkscriptBundleException when the bundle does not load or predates input mergers (regenerate it).
     * @see WorkscriptRuntime.merge
     */
    public fun merge(name: String, inputs: List<Data>): Data {
        val runtime = installed ?: synchronized(this) {
            installed ?: loadDefaultRuntime(appContext, config).also { installed = it }
        }
        // WorkManager's merge is synchronous; the merge itself runs on an engine thread, this thread only waits.
        return runBlocking { runtime.merge(name, inputs) }
    }

    /** Sets the config of the runtime loaded on first use, replacing a runtime loaded earlier. Default: `Config()`. */
    public fun configure(config: WorkscriptRuntime.Config) {
        synchronized(this) {
            this.config = config
            installed = null
        }
    }

    /** Makes [runtime] the one every generated worker and input merger uses from now on (tests, custom bundle loading). */
    public fun install(runtime: WorkscriptRuntime) {
        synchronized(this) { installed = runtime }
    }

    /**
     * Forgets the installed runtime, the config and the Context from [attach]; the next [runtime] call loads the
     * default bundle again (tests).
     */
    public fun reset() {
        synchronized(this) {
            installed = null
            config = WorkscriptRuntime.Config()
            appContext = null
        }
    }
}
