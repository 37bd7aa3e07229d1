// STAND-IN, NEVER SHIPPED. A compile-only substitute for androidx.work so the JVM build (Maven,
// dev.workscript:work-stubs) can compile generated workers without Google's Maven repository.
// Public signatures follow androidx's work/work-runtime/api/current.txt; members marked "stub-only" mirror
// androidx's @RestrictTo API or exist for JVM tests. Android apps compile against the real androidx.work.
package androidx.work

/**
 * Stand-in for `androidx.work.ExperimentalWorkRequestBuilderApi` (never shipped): marks experimental
 * [WorkRequest.Builder] API such as `setBackoffForSystemInterruptions()`; callers opt in with
 * `@OptIn(ExperimentalWorkRequestBuilderApi::class)`. Same targets, retention and level as androidx's.
 */
@Retention(AnnotationRetention.BINARY)
@Target(
    AnnotationTarget.FUNCTION,
    AnnotationTarget.PROPERTY,
    AnnotationTarget.PROPERTY_GETTER,
    AnnotationTarget.CLASS,
)
@RequiresOptIn(level = RequiresOptIn.Level.WARNING)
public annotation class ExperimentalWorkRequestBuilderApi
