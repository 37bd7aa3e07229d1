// Android-only: compiled by build.gradle.kts (Android Gradle Plugin), not by the Maven JVM build, because the
// work-stubs Context has no AssetManager.
package dev.workscript.runtime

import android.content.Context
import java.io.IOException

/**
 * Loads the bundle from the app's assets. The Workscript Gradle plugin packages it as
 * `assets/workscript/workers.js`, with its source map `workers.js.map` beside it (used for `.ts` stack traces;
 * optional).
 *
 * @param path asset path of the bundle. Default: `workscript/workers.js`.
 * @param config limits and services. Default: [WorkscriptRuntime.Config] defaults.
 */
public fun WorkscriptRuntime.Companion.fromAssets(
    context: Context,
    path: String = "workscript/workers.js",
    config: WorkscriptRuntime.Config = WorkscriptRuntime.Config(),
): WorkscriptRuntime {
    val map = try {
        context.assets.open("$path.map")
    } catch (e: IOException) {
        null // no source map shipped: stacks keep bundle positions
    }
    return fromStream(context.assets.open(path), config, path.substringAfterLast('/'), map)
}
