// STAND-IN, NEVER SHIPPED. A compile-only substitute for androidx.work so the JVM build (Maven,
// dev.workscript:work-stubs) can compile generated workers without Google's Maven repository.
// Public signatures follow androidx's work/work-runtime/api/current.txt; members marked "stub-only" mirror
// androidx's @RestrictTo API or exist for JVM tests. Android apps compile against the real androidx.work.
package androidx.work.impl.model

import androidx.work.BackoffPolicy
import androidx.work.Constraints
import androidx.work.Data
import androidx.work.OutOfQuotaPolicy
import androidx.work.PeriodicWorkRequest
import androidx.work.WorkRequest

/** Stub-only stand-in for androidx's @RestrictTo `WorkSpec` (never shipped): what a request stores. */
public data class WorkSpec(
    /** The work id. */
    val id: String,
    /** Worker class name. */
    var workerClassName: String,
    /** Input merger class name. */
    var inputMergerClassName: String? = null,
    /** Input data. */
    var input: Data = Data.EMPTY,
    /** Initial delay in ms. */
    var initialDelay: Long = 0,
    /** Period in ms (0 for one-time work). */
    var intervalDuration: Long = 0,
    /** Flex in ms. */
    var flexDuration: Long = 0,
    /** Constraints. */
    var constraints: Constraints = Constraints.NONE,
    /** Backoff policy. */
    var backoffPolicy: BackoffPolicy = BackoffPolicy.EXPONENTIAL,
    /** Backoff delay in ms; set it through [setBackoffDelayDuration], which clamps it. */
    private var backoffDelayMillis: Long = WorkRequest.DEFAULT_BACKOFF_DELAY_MILLIS,
    /** Minimum retention in ms. */
    var minimumRetentionDuration: Long = 0,
    /** Whether expedited. */
    var expedited: Boolean = false,
    /** Out-of-quota policy. */
    var outOfQuotaPolicy: OutOfQuotaPolicy = OutOfQuotaPolicy.RUN_AS_NON_EXPEDITED_WORK_REQUEST,
    /** Whether a stop by the system counts as a retry for backoff (`setBackoffForSystemInterruptions`). */
    var backOffOnSystemInterruptions: Boolean = false,
    /** Name of the trace span (`setTraceTag`); `build()` sets it to the worker class's simple name when unset. */
    var traceTag: String? = null,
) {
    /** Whether this is periodic work. */
    val isPeriodic: Boolean get() = intervalDuration != 0L

    /** Backoff delay in ms. */
    val backoffDelayDuration: Long get() = backoffDelayMillis

    /** Sets the backoff delay, clamped to [WorkRequest.MIN_BACKOFF_MILLIS]..[WorkRequest.MAX_BACKOFF_MILLIS]. */
    fun setBackoffDelayDuration(backoffDelayDuration: Long) {
        this.backoffDelayMillis = backoffDelayDuration.coerceIn(WorkRequest.MIN_BACKOFF_MILLIS, WorkRequest.MAX_BACKOFF_MILLIS)
    }

    /** Periodic with flex = interval, interval coerced to ≥ 15 min. */
    fun setPeriodic(intervalDuration: Long) = setPeriodic(intervalDuration, intervalDuration)

    /** Periodic; interval coerced to ≥ 15 min, flex to 5 min..interval, as androidx does. */
    fun setPeriodic(intervalDuration: Long, flexDuration: Long) {
        this.intervalDuration = intervalDuration.coerceAtLeast(PeriodicWorkRequest.MIN_PERIODIC_INTERVAL_MILLIS)
        this.flexDuration = flexDuration.coerceIn(PeriodicWorkRequest.MIN_PERIODIC_FLEX_MILLIS, this.intervalDuration)
    }
}
