// Android-only: built by build.gradle.kts (Android Gradle Plugin). The Maven build compiles it too, with src/main
// and without src/jvm, as a compile check (runtime-android-check, against work-stubs' Context and AssetManager);
// nothing runs it there: no Android runtime on the JVM.
package dev.workscript.runtime

import android.content.Context
import java.io.File
import java.io.IOException

/**
 * Loads the bundle from the app's assets. The Workscript Gradle plugin packages it as
 * `assets/workscript/workers.js`, with its source map `workers.js.map` beside it (used for `.ts` stack traces;
 * optional).
 *
 * The compiled bundle is cached across processes in `<codeCacheDir>/workscript` unless
 * [WorkscriptRuntime.Config.bytecodeCacheDir] says otherwise: Android clears the code cache when the app or
 * the platform is updated, and the cache file is keyed by the bundle's SHA-256 and the QuickJS version anyway.
 *
 * @param path asset path of the bundle. Default: `workscript/workers.js`.
 * @param config limits and services. Default: [WorkscriptRuntime.Config] defaults, with the bytecode cache in
 *   `<codeCacheDir>/workscript`.
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
    val cached = if (config.bytecodeCacheDir != null) config else config.copy(bytecodeCacheDir = File(context.codeCacheDir, "workscript"))
    return fromStream(context.assets.open(path), cached, path.substringAfterLast('/'), map)
}
