// STAND-IN, NEVER SHIPPED: a compile-only substitute for android.net.Uri so the JVM build (Maven, work-stubs)
// can compile code written against androidx.work (content-URI triggers). Android apps use the platform class.
package android.net

/**
 * Stand-in for `android.net.Uri` (never shipped): only what androidx.work's API and generated code use. Like
 * the platform's `Uri.parse`, it keeps the text as given, never validates it, and compares by that text.
 */
public class Uri private constructor(private val uriString: String) {
    /** The text this URI was parsed from. */
    override fun toString(): String = uriString

    override fun equals(other: Any?): Boolean = other is Uri && other.uriString == uriString

    override fun hashCode(): Int = uriString.hashCode()

    public companion object {
        /** A URI for [uriString], kept as given (`Uri.parse`). */
        @JvmStatic public fun parse(uriString: String): Uri = Uri(uriString)
    }
}
