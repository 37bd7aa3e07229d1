// STAND-IN, NEVER SHIPPED: a compile-only substitute for android.content.res.AssetManager so the JVM build can
// compile the runtime's Android source set (runtime/src/android). Android apps use the platform class.
package android.content.res

import java.io.IOException
import java.io.InputStream

/**
 * Stand-in for `android.content.res.AssetManager` (never shipped): final and without a public constructor, like
 * the platform class (apps get theirs from `Context.getAssets()`); only `open(String)` is declared.
 */
public class AssetManager private constructor() {
    /**
     * `open(String): InputStream`, which throws [IOException] when the asset does not exist. Throws on the JVM,
     * like android.jar's own body ("Stub!").
     */
    @Throws(IOException::class)
    public fun open(fileName: String): InputStream =
        throw UnsupportedOperationException("android.content.res.AssetManager stand-in (work-stubs): no assets on the JVM")
}
