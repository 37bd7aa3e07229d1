// STAND-IN, NEVER SHIPPED: a compile-only substitute for android.content.Context so the JVM build
// (Maven, work-stubs) can compile code written against androidx.work, and the runtime's Android source set
// (runtime/src/android, compiled by ../runtime-android-check). Android apps use the platform class.
package android.content

import android.content.res.AssetManager
import java.io.File

/**
 * Stand-in for `android.content.Context` (never shipped): an opaque handle on the JVM, plus the three getters
 * the runtime's Android source set calls, with the platform's JVM signatures (`getAssets()`,
 * `getCodeCacheDir()`, `getApplicationContext()`).
 *
 * The platform class is abstract; this one stays open and constructible because the JVM tests pass `Context()`
 * to workers that never touch it. Like android.jar's own bodies ("Stub!"), the getters throw: nothing on the
 * JVM may depend on them.
 */
public open class Context {
    /** `getAssets()`. Android never returns null here (android.jar: unannotated, so Kotlin sees `AssetManager!`). */
    public open val assets: AssetManager
        get() = throw UnsupportedOperationException(NO_PLATFORM)

    /** `getCodeCacheDir()`. Android never returns null here (android.jar: unannotated, so Kotlin sees `File!`). */
    public open val codeCacheDir: File
        get() = throw UnsupportedOperationException(NO_PLATFORM)

    /**
     * `getApplicationContext()`. android.jar leaves it unannotated (Kotlin sees `Context!`), and it does return
     * null for a Context whose application does not exist yet, so the stand-in says nullable: code that compiles
     * against it handles both answers.
     */
    public open val applicationContext: Context?
        get() = throw UnsupportedOperationException(NO_PLATFORM)
}

private const val NO_PLATFORM = "android.content.Context stand-in (work-stubs): no Android platform on the JVM"
