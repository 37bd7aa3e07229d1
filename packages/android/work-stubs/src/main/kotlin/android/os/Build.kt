// STAND-IN, NEVER SHIPPED: a compile-only substitute for android.os.Build so the JVM build (Maven,
// work-stubs) can compile generated code that checks the API level. Android apps use the platform class.
package android.os

/** Stand-in for `android.os.Build` (never shipped): only the API level generated code reads. */
public object Build {
    /** Stand-in for `Build.VERSION`. */
    public object VERSION {
        /**
         * The API level the JVM build pretends to run on: 35, the sample's targetSdk, so every API-gated path
         * of the generated code runs in the JVM tests.
         */
        @JvmField public val SDK_INT: Int = 35
    }
}
