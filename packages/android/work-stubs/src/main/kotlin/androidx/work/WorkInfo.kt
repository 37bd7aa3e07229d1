// STAND-IN, NEVER SHIPPED. A compile-only substitute for androidx.work so the JVM build (Maven,
// dev.workscript:work-stubs) can compile generated workers without Google's Maven repository.
// Public signatures follow androidx's work/work-runtime/api/current.txt; members marked "stub-only" mirror
// androidx's @RestrictTo API or exist for JVM tests. Android apps compile against the real androidx.work.
package androidx.work

import java.util.UUID

/** Stand-in for `androidx.work.WorkInfo` (never shipped). */
public class WorkInfo @JvmOverloads constructor(
    /** The work id. */
    public val id: UUID,
    /** Current state. */
    public val state: State,
    /** Tags. */
    public val tags: Set<String>,
    /** Output (set by a finished one-time work). */
    public val outputData: Data = Data.EMPTY,
    /** Latest progress. */
    public val progress: Data = Data.EMPTY,
    /** Run attempts so far. */
    public val runAttemptCount: Int = 0,
    /** Generation (updates of the work). */
    public val generation: Int = 0,
    /** Constraints. */
    public val constraints: Constraints = Constraints.NONE,
    /** Initial delay in ms. */
    public val initialDelayMillis: Long = 0,
    /** Periodicity, null for one-time work. */
    public val periodicityInfo: PeriodicityInfo? = null,
    /** Next schedule time (epoch ms), Long.MAX_VALUE when none. */
    public val nextScheduleTimeMillis: Long = Long.MAX_VALUE,
    /** Stop reason of the last run. */
    public val stopReason: Int = STOP_REASON_NOT_STOPPED,
) {
    override fun equals(other: Any?): Boolean = other is WorkInfo && other.id == id && other.state == state &&
        other.tags == tags && other.outputData == outputData && other.progress == progress &&
        other.runAttemptCount == runAttemptCount && other.generation == generation
    override fun hashCode(): Int = listOf(id, state, tags, outputData, progress, runAttemptCount, generation).hashCode()
    override fun toString(): String = "WorkInfo{id='$id', state=$state, outputData=$outputData, tags=$tags, progress=$progress, runAttemptCount=$runAttemptCount, generation=$generation}"

    /** Stand-in for `androidx.work.WorkInfo.PeriodicityInfo` (never shipped). */
    public class PeriodicityInfo(
        /** Period in ms. */
        public val repeatIntervalMillis: Long,
        /** Flex in ms. */
        public val flexIntervalMillis: Long,
    )

    /** Stand-in for `androidx.work.WorkInfo.State` (never shipped). */
    public enum class State {
        ENQUEUED, RUNNING, SUCCEEDED, FAILED, BLOCKED, CANCELLED;

        /** SUCCEEDED, FAILED or CANCELLED. */
        public val isFinished: Boolean get() = this == SUCCEEDED || this == FAILED || this == CANCELLED
    }

    public companion object {
        /** Stop reason: unknown. */ public const val STOP_REASON_UNKNOWN: Int = -512
        /** Stop reason: not stopped. */ public const val STOP_REASON_NOT_STOPPED: Int = -256
        /** Stop reason: foreground service timeout. */ public const val STOP_REASON_FOREGROUND_SERVICE_TIMEOUT: Int = -128
        /** Stop reason: cancelled by the app. */ public const val STOP_REASON_CANCELLED_BY_APP: Int = 1
        /** Stop reason: preempted. */ public const val STOP_REASON_PREEMPT: Int = 2
        /** Stop reason: timeout. */ public const val STOP_REASON_TIMEOUT: Int = 3
        /** Stop reason: device state. */ public const val STOP_REASON_DEVICE_STATE: Int = 4
        /** Stop reason: battery-not-low constraint. */ public const val STOP_REASON_CONSTRAINT_BATTERY_NOT_LOW: Int = 5
        /** Stop reason: charging constraint. */ public const val STOP_REASON_CONSTRAINT_CHARGING: Int = 6
        /** Stop reason: connectivity constraint. */ public const val STOP_REASON_CONSTRAINT_CONNECTIVITY: Int = 7
        /** Stop reason: device-idle constraint. */ public const val STOP_REASON_CONSTRAINT_DEVICE_IDLE: Int = 8
        /** Stop reason: storage-not-low constraint. */ public const val STOP_REASON_CONSTRAINT_STORAGE_NOT_LOW: Int = 9
        /** Stop reason: quota. */ public const val STOP_REASON_QUOTA: Int = 10
        /** Stop reason: background restriction. */ public const val STOP_REASON_BACKGROUND_RESTRICTION: Int = 11
        /** Stop reason: app standby. */ public const val STOP_REASON_APP_STANDBY: Int = 12
        /** Stop reason: user. */ public const val STOP_REASON_USER: Int = 13
        /** Stop reason: system processing. */ public const val STOP_REASON_SYSTEM_PROCESSING: Int = 14
        /** Stop reason: estimated app launch time changed. */ public const val STOP_REASON_ESTIMATED_APP_LAUNCH_TIME_CHANGED: Int = 15
    }
}
