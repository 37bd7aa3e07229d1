// STAND-IN, NEVER SHIPPED. A compile-only substitute for androidx.work so the JVM build (Maven,
// dev.workscript:work-stubs) can compile generated workers without Google's Maven repository.
// Public signatures follow androidx's work/work-runtime/api/current.txt; members marked "stub-only" mirror
// androidx's @RestrictTo API or exist for JVM tests. Android apps compile against the real androidx.work.
package androidx.work

import android.net.Uri

/** Stand-in for `androidx.work.Constraints` (never shipped). */
public class Constraints(
    public val requiredNetworkType: NetworkType = NetworkType.NOT_REQUIRED,
    private val requiresCharging: Boolean = false,
    private val requiresDeviceIdle: Boolean = false,
    private val requiresBatteryNotLow: Boolean = false,
    private val requiresStorageNotLow: Boolean = false,
    public val contentTriggerUpdateDelayMillis: Long = -1,
    public val contentTriggerMaxDelayMillis: Long = -1,
    public val contentUriTriggers: Set<ContentUriTrigger> = emptySet(),
) {
    /** Copies [other]. */
    public constructor(other: Constraints) : this(
        other.requiredNetworkType, other.requiresCharging, other.requiresDeviceIdle,
        other.requiresBatteryNotLow, other.requiresStorageNotLow,
        other.contentTriggerUpdateDelayMillis, other.contentTriggerMaxDelayMillis, other.contentUriTriggers,
    )

    /** Stub-only (androidx: @RestrictTo): whether there is at least one content-URI trigger. */
    public fun hasContentUriTriggers(): Boolean = contentUriTriggers.isNotEmpty()

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
        other.contentTriggerMaxDelayMillis == contentTriggerMaxDelayMillis && other.contentUriTriggers == contentUriTriggers

    override fun hashCode(): Int = listOf(requiredNetworkType, requiresCharging, requiresDeviceIdle, requiresBatteryNotLow, requiresStorageNotLow, contentUriTriggers).hashCode()

    override fun toString(): String = "Constraints{requiredNetworkType=$requiredNetworkType, requiresCharging=$requiresCharging, " +
        "requiresDeviceIdle=$requiresDeviceIdle, requiresBatteryNotLow=$requiresBatteryNotLow, requiresStorageNotLow=$requiresStorageNotLow, " +
        "contentTriggerUpdateDelayMillis=$contentTriggerUpdateDelayMillis, contentTriggerMaxDelayMillis=$contentTriggerMaxDelayMillis, " +
        "contentUriTriggers=${contentUriTriggers.map { "${it.uri}${if (it.isTriggeredForDescendants) " (and descendants)" else ""}" }}}"

    /**
     * Stand-in for `androidx.work.Constraints.ContentUriTrigger` (never shipped): changes to [uri] (and to its
     * descendants when [isTriggeredForDescendants]) start the work. Equal when both fields are.
     */
    public class ContentUriTrigger(public val uri: Uri, public val isTriggeredForDescendants: Boolean) {
        override fun equals(other: Any?): Boolean =
            other is ContentUriTrigger && other.uri == uri && other.isTriggeredForDescendants == isTriggeredForDescendants

        override fun hashCode(): Int = 31 * uri.hashCode() + isTriggeredForDescendants.hashCode()
    }

    /** Stand-in for `androidx.work.Constraints.Builder` (never shipped). */
    public class Builder {
        private var networkType = NetworkType.NOT_REQUIRED
        private var charging = false
        private var idle = false
        private var batteryNotLow = false
        private var storageNotLow = false
        private var updateDelay = -1L
        private var maxDelay = -1L
        private val triggers = linkedSetOf<ContentUriTrigger>()

        /** Builds the constraints. */
        public fun build(): Constraints =
            Constraints(networkType, charging, idle, batteryNotLow, storageNotLow, updateDelay, maxDelay, triggers.toSet())
        /** Adds a content-URI trigger (a set: adding an equal trigger again changes nothing). */
        public fun addContentUriTrigger(uri: Uri, triggerForDescendants: Boolean): Builder =
            apply { triggers.add(ContentUriTrigger(uri, triggerForDescendants)) }
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
