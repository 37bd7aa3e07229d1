// JVM-only (Maven build): the Android build has its own DefaultRuntime.kt that reads the app's assets.
package dev.workscript.runtime

import android.content.Context

/**
 * JVM default bundle: `workscript/workers.js` (+ `workers.js.map`) on the classpath. [context] is not needed
 * (it may be null: [Workscript.merge] before any worker).
 */
internal fun loadDefaultRuntime(context: Context?, config: WorkscriptRuntime.Config): WorkscriptRuntime {
    val loader = Thread.currentThread().contextClassLoader ?: Workscript::class.java.classLoader
    val bundle = loader.getResourceAsStream(DEFAULT_BUNDLE_PATH)
        ?: throw IllegalStateException(
            "No Workscript runtime is installed and $DEFAULT_BUNDLE_PATH is not on the classpath. " +
                "Call Workscript.install(WorkscriptRuntime(bundleSource, config, sourceMap = ...)) before running workers, " +
                "or put the generated workers.js under src/main/resources/workscript/.",
        )
    val map = loader.getResourceAsStream("$DEFAULT_BUNDLE_PATH.map")
    return WorkscriptRuntime.fromStream(bundle, config, "workers.js", map)
}

/** The JVM stand-in Context has no application Context: [context] itself is kept. */
internal fun applicationContextOf(context: Context): Context = context

/** Where generated assets put the bundle, relative to the assets root or the classpath. */
internal const val DEFAULT_BUNDLE_PATH: String = "workscript/workers.js"
