// STAND-IN, NEVER SHIPPED. A compile-only substitute for androidx.work so the JVM build (Maven,
// dev.workscript:work-stubs) can compile generated workers without Google's Maven repository.
// Public signatures follow androidx's work/work-runtime/api/current.txt; members marked "stub-only" mirror
// androidx's @RestrictTo API or exist for JVM tests. Android apps compile against the real androidx.work.
package androidx.work

import androidx.work.impl.model.WorkSpec
import java.time.Duration
import java.util.UUID
import java.util.concurrent.TimeUnit

/** Stand-in for `androidx.work.WorkRequest` (never shipped). */
public abstract class WorkRequest internal constructor(
    /** The request's id. */
    public open val id: UUID,
    /** Stub-only (androidx: @RestrictTo): the stored work spec. */
    public val workSpec: WorkSpec,
    /** Stub-only (androidx: @RestrictTo): the tags, including the worker class name. */
    public val tags: Set<String>,
) {
    /** Stub-only (androidx: @RestrictTo): the id as a string. */
    public val stringId: String get() = id.toString()

    /** Stand-in for `androidx.work.WorkRequest.Builder` (never shipped). */
    public abstract class Builder<B : Builder<B, *>, W : WorkRequest> internal constructor(workerClass: Class<out ListenableWorker>) {
        internal var backoffCriteriaSet = false
        internal var id: UUID = UUID.randomUUID()
        internal val tags: MutableSet<String> = linkedSetOf(workerClass.name)
        internal var workSpec = WorkSpec(id.toString(), workerClass.name)
        internal abstract val thisObject: B
        internal abstract fun buildInternal(): W

        /** Adds a tag. */
        public fun addTag(tag: String): B { tags.add(tag); return thisObject }
        /** Builds the request; a builder can build several requests, each with a new id. */
        public fun build(): W {
            // Before buildInternal(), unlike androidx: the stand-in's requests copy the spec when built, and the
            // tag then stays on the builder as in androidx (whose setId copies the spec, tag included).
            workSpec.traceTag = workSpec.traceTag?.take(MAX_TRACE_SPAN_LENGTH)
                ?: workSpec.workerClassName.substringAfterLast('.').take(MAX_TRACE_SPAN_LENGTH)
            val built = buildInternal()
            val c = workSpec.constraints
            require(!(c.requiresDeviceIdle() && backoffCriteriaSet)) { "Cannot set backoff criteria on an idle mode job" }
            if (workSpec.expedited) {
                require(workSpec.initialDelay <= 0) { "Expedited jobs cannot be delayed" }
                require(!(c.hasContentUriTriggers() || c.requiresCharging() || c.requiresDeviceIdle() || c.requiresBatteryNotLow())) {
                    "Expedited jobs only support network and storage constraints"
                }
            }
            setId(UUID.randomUUID())
            return built
        }
        /**
         * Names the trace span WorkManager opens while the work runs (added in work-runtime 2.10: absent from
         * 2.9). [build] keeps the first 127 characters; without a tag it uses the worker class's simple name.
         */
        public fun setTraceTag(traceTag: String): B { workSpec.traceTag = traceTag; return thisObject }
        /** How long results are kept. */
        public fun keepResultsForAtLeast(duration: Long, timeUnit: TimeUnit): B { workSpec.minimumRetentionDuration = timeUnit.toMillis(duration); return thisObject }
        /** How long results are kept. */
        public fun keepResultsForAtLeast(duration: Duration): B { workSpec.minimumRetentionDuration = duration.toMillis(); return thisObject }
        /** Backoff policy and delay; the delay is clamped to 10 s – 5 h as in androidx. */
        public fun setBackoffCriteria(backoffPolicy: BackoffPolicy, backoffDelay: Long, timeUnit: TimeUnit): B {
            backoffCriteriaSet = true
            workSpec.backoffPolicy = backoffPolicy
            workSpec.setBackoffDelayDuration(timeUnit.toMillis(backoffDelay))
            return thisObject
        }
        /**
         * Applies the backoff policy also when the system interrupts the work (a timeout, constraints no longer
         * met) without the app asking. Experimental in androidx, added in work-runtime 2.11: absent from 2.10.
         */
        @ExperimentalWorkRequestBuilderApi
        public fun setBackoffForSystemInterruptions(): B { workSpec.backOffOnSystemInterruptions = true; return thisObject }
        /** Backoff policy and delay; the delay is clamped to 10 s – 5 h as in androidx. */
        public fun setBackoffCriteria(backoffPolicy: BackoffPolicy, duration: Duration): B = setBackoffCriteria(backoffPolicy, duration.toMillis(), TimeUnit.MILLISECONDS)
        /** Sets the constraints. */
        public fun setConstraints(constraints: Constraints): B { workSpec.constraints = constraints; return thisObject }
        /** Marks the work expedited. */
        public open fun setExpedited(policy: OutOfQuotaPolicy): B { workSpec.expedited = true; workSpec.outOfQuotaPolicy = policy; return thisObject }
        /** Sets the id. */
        public fun setId(id: UUID): B { this.id = id; workSpec = workSpec.copy(id = id.toString()); return thisObject }
        /** Initial delay. */
        public open fun setInitialDelay(duration: Long, timeUnit: TimeUnit): B { workSpec.initialDelay = timeUnit.toMillis(duration); return thisObject }
        /** Initial delay. */
        public open fun setInitialDelay(duration: Duration): B { workSpec.initialDelay = duration.toMillis(); return thisObject }
        /** Input data. */
        public fun setInputData(inputData: Data): B { workSpec.input = inputData; return thisObject }
    }

    public companion object {
        /** Default backoff delay (30 s). */
        public const val DEFAULT_BACKOFF_DELAY_MILLIS: Long = 30000L
        /** Largest backoff delay (5 h). */
        public const val MAX_BACKOFF_MILLIS: Long = 18000000L
        /** Smallest backoff delay (10 s). */
        public const val MIN_BACKOFF_MILLIS: Long = 10000L
        /** Longest trace tag `build()` keeps (androidx: private). */
        private const val MAX_TRACE_SPAN_LENGTH = 127
    }
}

/** Stand-in for `androidx.work.OneTimeWorkRequest` (never shipped). */
public class OneTimeWorkRequest internal constructor(builder: Builder) :
    WorkRequest(builder.id, builder.workSpec.copy(), builder.tags.toSet()) {

    /** Stand-in for `androidx.work.OneTimeWorkRequest.Builder` (never shipped). */
    public class Builder(workerClass: Class<out ListenableWorker>) : WorkRequest.Builder<Builder, OneTimeWorkRequest>(workerClass) {
        init { workSpec.inputMergerClassName = OverwritingInputMerger::class.java.name }
        /** Sets the input merger. */
        public fun setInputMerger(inputMerger: Class<out InputMerger>): Builder = apply { workSpec.inputMergerClassName = inputMerger.name }
        override val thisObject: Builder get() = this
        override fun buildInternal(): OneTimeWorkRequest {
            require(!(backoffCriteriaSet && workSpec.constraints.requiresDeviceIdle())) { "Cannot set backoff criteria on an idle mode job" }
            return OneTimeWorkRequest(this)
        }
    }

    public companion object {
        /** A request with default settings for [workerClass]. */
        @JvmStatic public fun from(workerClass: Class<out ListenableWorker>): OneTimeWorkRequest = Builder(workerClass).build()
        /** One request per class. */
        @JvmStatic public fun from(workerClasses: List<Class<out ListenableWorker>>): List<OneTimeWorkRequest> = workerClasses.map { from(it) }
    }
}

/** Stand-in for androidx.work's `OneTimeWorkRequestBuilder<W>()` (never shipped). */
public inline fun <reified W : ListenableWorker> OneTimeWorkRequestBuilder(): OneTimeWorkRequest.Builder = OneTimeWorkRequest.Builder(W::class.java)

/** Stand-in for androidx.work's `OneTimeWorkRequest.Builder.setInputMerger(KClass)` (never shipped). */
@Suppress("NOTHING_TO_INLINE") // inline as in androidx's current.txt
public inline fun OneTimeWorkRequest.Builder.setInputMerger(inputMerger: kotlin.reflect.KClass<out InputMerger>): OneTimeWorkRequest.Builder =
    setInputMerger(inputMerger.java)

/** Stand-in for `androidx.work.PeriodicWorkRequest` (never shipped). */
public class PeriodicWorkRequest internal constructor(builder: Builder) :
    WorkRequest(builder.id, builder.workSpec.copy(), builder.tags.toSet()) {

    /** Stand-in for `androidx.work.PeriodicWorkRequest.Builder` (never shipped). Interval ≥ 15 min, flex ≥ 5 min, as androidx coerces. */
    public class Builder : WorkRequest.Builder<Builder, PeriodicWorkRequest> {
        /** Every [repeatInterval]. */
        public constructor(workerClass: Class<out ListenableWorker>, repeatInterval: Long, repeatIntervalTimeUnit: TimeUnit) : super(workerClass) {
            workSpec.setPeriodic(repeatIntervalTimeUnit.toMillis(repeatInterval))
        }
        /** Every [repeatInterval]. */
        public constructor(workerClass: Class<out ListenableWorker>, repeatInterval: Duration) : super(workerClass) {
            workSpec.setPeriodic(repeatInterval.toMillis())
        }
        /** Every [repeatInterval], in the last [flexInterval] of each period. */
        public constructor(workerClass: Class<out ListenableWorker>, repeatInterval: Long, repeatIntervalTimeUnit: TimeUnit, flexInterval: Long, flexIntervalTimeUnit: TimeUnit) : super(workerClass) {
            workSpec.setPeriodic(repeatIntervalTimeUnit.toMillis(repeatInterval), flexIntervalTimeUnit.toMillis(flexInterval))
        }
        /** Every [repeatInterval], in the last [flexInterval] of each period. */
        public constructor(workerClass: Class<out ListenableWorker>, repeatInterval: Duration, flexInterval: Duration) : super(workerClass) {
            workSpec.setPeriodic(repeatInterval.toMillis(), flexInterval.toMillis())
        }
        override val thisObject: Builder get() = this
        override fun buildInternal(): PeriodicWorkRequest {
            require(!(backoffCriteriaSet && workSpec.constraints.requiresDeviceIdle())) { "Cannot set backoff criteria on an idle mode job" }
            require(!workSpec.expedited) { "PeriodicWorkRequests cannot be expedited" }
            return PeriodicWorkRequest(this)
        }
    }

    public companion object {
        /** Smallest flex (5 min). */
        public const val MIN_PERIODIC_FLEX_MILLIS: Long = 300000L
        /** Smallest interval (15 min). */
        public const val MIN_PERIODIC_INTERVAL_MILLIS: Long = 900000L
    }
}

/** Stand-in for androidx.work's `PeriodicWorkRequestBuilder<W>(interval, unit)` (never shipped). */
public inline fun <reified W : ListenableWorker> PeriodicWorkRequestBuilder(repeatInterval: Long, repeatIntervalTimeUnit: TimeUnit): PeriodicWorkRequest.Builder =
    PeriodicWorkRequest.Builder(W::class.java, repeatInterval, repeatIntervalTimeUnit)

/** Stand-in for androidx.work's `PeriodicWorkRequestBuilder<W>(interval)` (never shipped). */
public inline fun <reified W : ListenableWorker> PeriodicWorkRequestBuilder(repeatInterval: Duration): PeriodicWorkRequest.Builder =
    PeriodicWorkRequest.Builder(W::class.java, repeatInterval)

/** Stand-in for androidx.work's `PeriodicWorkRequestBuilder<W>(interval, unit, flex, unit)` (never shipped). */
public inline fun <reified W : ListenableWorker> PeriodicWorkRequestBuilder(repeatInterval: Long, repeatIntervalTimeUnit: TimeUnit, flexTimeInterval: Long, flexTimeIntervalUnit: TimeUnit): PeriodicWorkRequest.Builder =
    PeriodicWorkRequest.Builder(W::class.java, repeatInterval, repeatIntervalTimeUnit, flexTimeInterval, flexTimeIntervalUnit)

/** Stand-in for androidx.work's `PeriodicWorkRequestBuilder<W>(interval, flex)` (never shipped). */
public inline fun <reified W : ListenableWorker> PeriodicWorkRequestBuilder(repeatInterval: Duration, flexTimeInterval: Duration): PeriodicWorkRequest.Builder =
    PeriodicWorkRequest.Builder(W::class.java, repeatInterval, flexTimeInterval)

/** Stand-in for `androidx.work.InputMerger` (never shipped). */
public abstract class InputMerger {
    /** Merges the outputs of prerequisites into one input. */
    public abstract fun merge(inputs: List<Data>): Data
}

/** Stand-in for `androidx.work.OverwritingInputMerger` (never shipped): later inputs overwrite earlier keys. */
public class OverwritingInputMerger : InputMerger() {
    override fun merge(inputs: List<Data>): Data {
        val b = Data.Builder()
        for (d in inputs) b.putAll(d.keyValueMap)
        return b.build()
    }
}

/**
 * Stand-in for `androidx.work.ArrayCreatingInputMerger` (never shipped): values of the same key from several
 * inputs become one array (a single value becomes a one-element array); mixing types throws
 * IllegalArgumentException, as in androidx.
 */
public class ArrayCreatingInputMerger : InputMerger() {
    override fun merge(inputs: List<Data>): Data {
        val out = LinkedHashMap<String, Any?>()
        for (input in inputs) {
            for ((key, value) in input.keyValueMap) {
                val valueClass: Class<*> = value?.javaClass ?: String::class.java
                val existing = out[key]
                out[key] = when {
                    existing == null -> if (valueClass.isArray) value else arrayOf1(value, valueClass)
                    existing.javaClass == valueClass -> concat(existing, value!!)
                    existing.javaClass.componentType == valueClass -> concat(existing, arrayOf1(value, valueClass))
                    else -> throw IllegalArgumentException("Cannot merge a ${valueClass.simpleName} into ${existing.javaClass.simpleName} for key $key")
                }
            }
        }
        return Data.Builder().putAll(out).build()
    }

    private fun arrayOf1(value: Any?, type: Class<*>): Any =
        java.lang.reflect.Array.newInstance(type, 1).also { java.lang.reflect.Array.set(it, 0, value) }

    private fun concat(a: Any, b: Any): Any {
        val n = java.lang.reflect.Array.getLength(a)
        val m = java.lang.reflect.Array.getLength(b)
        val out = java.lang.reflect.Array.newInstance(a.javaClass.componentType, n + m)
        System.arraycopy(a, 0, out, 0, n)
        System.arraycopy(b, 0, out, n, m)
        return out
    }
}
