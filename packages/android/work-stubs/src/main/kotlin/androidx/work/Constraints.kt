// STAND-IN, NEVER SHIPPED. A compile-only substitute for androidx.work so the JVM build (Maven,
// dev.workscript:work-stubs) can compile generated workers without Google's Maven repository.
// Public signatures follow androidx's work/work-runtime/api/current.txt; members marked "stub-only" mirror
// androidx's @RestrictTo API or exist for JVM tests. Android apps compile against the real androidx.work.
package androidx.work

/** Stand-in for `androidx.work.Constraints` (never shipped). Content-URI triggers are not modelled. */
public class Constraints(
    public val requiredNetworkType: NetworkType = NetworkType.NOT_REQUIRED,
    private val requiresCharging: Boolean = false,
    private val requiresDeviceIdle: Boolean = false,
    private val requiresBatteryNotLow: Boolean = false,
    private val requiresStorageNotLow: Boolean = false,
    public val contentTriggerUpdateDelayMillis: Long = -1,
    public val contentTriggerMaxDelayMillis: Long = -1,
) {
    /** Copies [other]. */
    public constructor(other: Constraints) : this(
        other.requiredNetworkType, other.requiresCharging, other.requiresDeviceIdle,
        other.requiresBatteryNotLow, other.requiresStorageNotLow,
        other.contentTriggerUpdateDelayMillis, other.contentTriggerMaxDelayMillis,
    )

    /** Whether the device must not be low on battery. */
    public fun requiresBatteryNotLow(): Boolean = requiresBatteryNotLow
    /** Whether the device must be charging. */
    public fun requiresCharging(): Boolean = requiresCharging
    /** Whether the device must be idle. */
    public fun requiresDeviceIdle(): Boolean = requiresDeviceIdle
    /** Whether storage must not be low. */
    public fun requiresStorageNotLow(): Boolean = requiresStorageNotLow

    override fun equals(other: Any?): Boolean = other is Constraints && other.requiredNetworkType == requiredNetworkType &&
        other.requiresCharging == requiresCharging && other.requiresDeviceIdle == requiresDeviceIdle &&
        other.requiresBatteryNotLow == requiresBatteryNotLow && other.requiresStorageNotLow == requiresStorageNotLow &&
        other.contentTriggerUpdateDelayMillis == contentTriggerUpdateDelayMillis &&
        other.contentTriggerMaxDelayMillis == contentTriggerMaxDelayMillis

    override fun hashCode(): Int = listOf(requiredNetworkType, requiresCharging, requiresDeviceIdle, requiresBatteryNotLow, requiresStorageNotLow).hashCode()

    override fun toString(): String = "Constraints{requiredNetworkType=$requiredNetworkType, requiresCharging=$requiresCharging, " +
        "requiresDeviceIdle=$requiresDeviceIdle, requiresBatteryNotLow=$requiresBatteryNotLow, requiresStorageNotLow=$requiresStorageNotLow}"

    /** Stand-in for `androidx.work.Constraints.Builder` (never shipped). */
    public class Builder {
        private var networkType = NetworkType.NOT_REQUIRED
        private var charging = false
        private var idle = false
        private var batteryNotLow = false
        private var storageNotLow = false
        private var updateDelay = -1L
        private var maxDelay = -1L

        /** Builds the constraints. */
        public fun build(): Constraints = Constraints(networkType, charging, idle, batteryNotLow, storageNotLow, updateDelay, maxDelay)
        /** Sets the required network type. */
        public fun setRequiredNetworkType(networkType: NetworkType): Builder = apply { this.networkType = networkType }
        /** Requires the battery not to be low. */
        public fun setRequiresBatteryNotLow(requiresBatteryNotLow: Boolean): Builder = apply { batteryNotLow = requiresBatteryNotLow }
        /** Requires charging. */
        public fun setRequiresCharging(requiresCharging: Boolean): Builder = apply { charging = requiresCharging }
        /** Requires device idle. */
        public fun setRequiresDeviceIdle(requiresDeviceIdle: Boolean): Builder = apply { idle = requiresDeviceIdle }
        /** Requires storage not to be low. */
        public fun setRequiresStorageNotLow(requiresStorageNotLow: Boolean): Builder = apply { storageNotLow = requiresStorageNotLow }
        /** Content-trigger max delay. */
        public fun setTriggerContentMaxDelay(duration: Long, timeUnit: java.util.concurrent.TimeUnit): Builder = apply { maxDelay = timeUnit.toMillis(duration) }
        /** Content-trigger max delay. */
        public fun setTriggerContentMaxDelay(duration: java.time.Duration): Builder = apply { maxDelay = duration.toMillis() }
        /** Content-trigger update delay. */
        public fun setTriggerContentUpdateDelay(duration: Long, timeUnit: java.util.concurrent.TimeUnit): Builder = apply { updateDelay = timeUnit.toMillis(duration) }
        /** Content-trigger update delay. */
        public fun setTriggerContentUpdateDelay(duration: java.time.Duration): Builder = apply { updateDelay = duration.toMillis() }
    }

    public companion object {
        /** No constraints. */
        @JvmField public val NONE: Constraints = Constraints()
    }
}
