package dev.workscript.runtime

import android.content.Context

/**
 * The process-wide [WorkscriptRuntime] that generated workers use: `Workscript.runtime(applicationContext)`.
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
 * e.g. in `Application.onCreate`.
 */
public object Workscript {
    @Volatile
    private var installed: WorkscriptRuntime? = null

    @Volatile
    private var config: WorkscriptRuntime.Config = WorkscriptRuntime.Config()

    /** The installed runtime, loading the default bundle with the configured [WorkscriptRuntime.Config] on first use. */
    public fun runtime(context: Context): WorkscriptRuntime =
        installed ?: synchronized(this) {
            installed ?: loadDefaultRuntime(context, config).also { installed = it }
        }

    /** Sets the config of the runtime loaded on first use, replacing a runtime loaded earlier. Default: `Config()`. */
    public fun configure(config: WorkscriptRuntime.Config) {
        synchronized(this) {
            this.config = config
            installed = null
        }
    }

    /** Makes [runtime] the one every generated worker uses from now on (tests, custom bundle loading). */
    public fun install(runtime: WorkscriptRuntime) {
        synchronized(this) { installed = runtime }
    }

    /** Forgets the installed runtime and config; the next [runtime] call loads the default bundle again. */
    public fun reset() {
        synchronized(this) {
            installed = null
            config = WorkscriptRuntime.Config()
        }
    }
}
