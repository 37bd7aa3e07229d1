// STAND-IN, NEVER SHIPPED: a compile-only substitute for android.content.Context so the JVM build
// (Maven, work-stubs) can compile code written against androidx.work. Android apps use the platform class.
package android.content

/** Stand-in for `android.content.Context`: an opaque handle on the JVM (never shipped). */
public open class Context
