// Android-only: compiled by build.gradle.kts; the Maven JVM build has its own DefaultRuntime.kt (classpath).
package dev.workscript.runtime

import android.content.Context

/** Android default bundle: `assets/workscript/workers.js` (+ `workers.js.map`). */
internal fun loadDefaultRuntime(context: Context, config: WorkscriptRuntime.Config): WorkscriptRuntime =
    WorkscriptRuntime.fromAssets(context.applicationContext, DEFAULT_BUNDLE_PATH, config)

/** Where the Workscript Gradle plugin puts the bundle inside the app's assets. */
internal const val DEFAULT_BUNDLE_PATH: String = "workscript/workers.js"
