// STAND-IN, NEVER SHIPPED. A compile-only substitute for androidx.work so the JVM build (Maven,
// dev.workscript:work-stubs) can compile generated workers without Google's Maven repository.
// Public signatures follow androidx's work/work-runtime/api/current.txt; members marked "stub-only" mirror
// androidx's @RestrictTo API or exist for JVM tests. Android apps compile against the real androidx.work.
package androidx.work

/** Stand-in for `androidx.work.BackoffPolicy` (never shipped). */
public enum class BackoffPolicy { EXPONENTIAL, LINEAR }

/** Stand-in for `androidx.work.NetworkType` (never shipped). */
public enum class NetworkType { NOT_REQUIRED, CONNECTED, UNMETERED, NOT_ROAMING, METERED, TEMPORARILY_UNMETERED }

/** Stand-in for `androidx.work.OutOfQuotaPolicy` (never shipped). */
public enum class OutOfQuotaPolicy { RUN_AS_NON_EXPEDITED_WORK_REQUEST, DROP_WORK_REQUEST }

/** Stand-in for `androidx.work.ExistingWorkPolicy` (never shipped). */
public enum class ExistingWorkPolicy { REPLACE, KEEP, APPEND, APPEND_OR_REPLACE }

/** Stand-in for `androidx.work.ExistingPeriodicWorkPolicy` (never shipped). */
public enum class ExistingPeriodicWorkPolicy {
    @Deprecated("Deprecated in androidx.work; use UPDATE or CANCEL_AND_REENQUEUE") REPLACE,
    KEEP, UPDATE, CANCEL_AND_REENQUEUE,
}
