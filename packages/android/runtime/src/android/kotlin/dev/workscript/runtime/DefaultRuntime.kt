// Android-only: built by build.gradle.kts; the Maven JVM runtime uses src/jvm's DefaultRuntime.kt (classpath).
// The Maven build compiles this one too, with src/main, as a compile check (runtime-android-check); nothing runs it.
package dev.workscript.runtime

import android.content.Context

/**
 * Android default bundle: `assets/workscript/workers.js` (+ `workers.js.map`). [context] is null only when
 * [Workscript.merge] runs before any worker and before [Workscript.attach]: assets cannot be read then.
 */
internal fun loadDefaultRuntime(context: Context?, config: WorkscriptRuntime.Config): WorkscriptRuntime {
    val app = context ?: throw IllegalStateException(
        "A TypeScript input merger ran before Workscript knew a Context, so the bundle cannot be loaded from the " +
            "app's assets (InputMerger.merge gets no Context, and no worker has run in this process yet). " +
            "Call Workscript.attach(this) in your Application.onCreate(), or Workscript.install(runtime) before " +
            "WorkManager runs work.",
    )
    return WorkscriptRuntime.fromAssets(applicationContextOf(app), DEFAULT_BUNDLE_PATH, config)
}

/** The application Context of [context], which lives as long as the process (a Context that has none is kept). */
internal fun applicationContextOf(context: Context): Context = context.applicationContext ?: context

/** Where the Workscript Gradle plugin puts the bundle inside the app's assets. */
internal const val DEFAULT_BUNDLE_PATH: String = "workscript/workers.js"
