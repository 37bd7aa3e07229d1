package androidx.work

import android.content.Context
import android.net.Uri
import kotlinx.coroutines.awaitCancellation
import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.util.UUID
import java.util.concurrent.ExecutionException
import java.util.concurrent.TimeUnit

/** The behaviour the stand-ins promise: Data as androidx keeps and serializes it, request rules, worker lifecycle. */
class StubsTest {
    @Test
    fun `Data getters follow androidx's type rules`() {
        val d = workDataOf("i" to 1, "l" to 2L, "s" to "x", "n" to null, "ia" to intArrayOf(1, 2), "sa" to arrayOf("a", null))
        assertEquals(1, d.getInt("i", 0))
        assertEquals(0L, d.getLong("i", 0)) // an Int is not a Long
        assertEquals(2L, d.getLong("l", 0))
        assertEquals("x", d.getString("s"))
        assertNull(d.getString("i"))
        assertArrayEquals(intArrayOf(1, 2), d.getIntArray("ia"))
        assertNull(d.getLongArray("ia"))
        // androidx declares Array<String>? and throws on a stored null element (seen on work-runtime 2.11.2).
        assertThrows(NullPointerException::class.java) { d.getStringArray("sa") }
        assertArrayEquals(arrayOf("a", null), d.keyValueMap["sa"] as Array<*>)
        assertArrayEquals(arrayOf("a", "b"), workDataOf("sb" to arrayOf("a", "b")).getStringArray("sb"))
        assertTrue(d.keyValueMap.containsKey("n"))
        assertTrue(d.hasKeyWithValueOfType<String>("s"))
        assertFalse(d.hasKeyWithValueOfType<String>("n"))
        assertThrows(IllegalArgumentException::class.java) { Data.Builder().put("x", Any()) }
    }

    @Test
    fun `Data serializes in format V1 and round-trips`() {
        assertEquals(8, Data.EMPTY.toByteArray().size)
        assertEquals(Data.EMPTY, Data.fromByteArray(ByteArray(0)))
        val d = workDataOf("b" to true, "d" to 1.5, "s" to "ü€", "sa" to arrayOf("a", null), "la" to longArrayOf(1, 2), "n" to null)
        val bytes = d.toByteArray()
        assertEquals(0xAB.toByte(), bytes[0])
        assertEquals(0xEF.toByte(), bytes[1])
        assertEquals(d, Data.fromByteArray(bytes))
    }

    @Test
    fun `the 10,240-byte limit applies on build and on fromByteArray`() {
        val e = assertThrows(IllegalStateException::class.java) { Data.Builder().putIntArray("a", IntArray(10_241)).build() }
        assertEquals("Data cannot occupy more than 10240 bytes when serialized", e.message)
        assertThrows(IllegalStateException::class.java) { Data.fromByteArray(ByteArray(10_241)) }
    }

    class Nop(c: Context, p: WorkerParameters) : CoroutineWorker(c, p) {
        override suspend fun doWork(): Result = awaitCancellation()
    }

    @Test
    fun `request builders apply androidx's coercions and checks`() {
        val r = OneTimeWorkRequestBuilder<Nop>()
            .setBackoffCriteria(BackoffPolicy.LINEAR, 1, TimeUnit.SECONDS)
            .setInputData(workDataOf("k" to "v"))
            .addTag("sync")
            .build()
        assertEquals(WorkRequest.MIN_BACKOFF_MILLIS, r.workSpec.backoffDelayDuration)
        assertEquals(setOf(Nop::class.java.name, "sync"), r.tags)
        assertEquals("v", r.workSpec.input.getString("k"))
        val p = PeriodicWorkRequestBuilder<Nop>(1, TimeUnit.MINUTES).build()
        assertEquals(PeriodicWorkRequest.MIN_PERIODIC_INTERVAL_MILLIS, p.workSpec.intervalDuration)
        val expeditedDelayed = OneTimeWorkRequest.Builder(Nop::class.java).setExpedited(OutOfQuotaPolicy.DROP_WORK_REQUEST).setInitialDelay(1, TimeUnit.SECONDS)
        assertEquals("Expedited jobs cannot be delayed", assertThrows(IllegalArgumentException::class.java) { expeditedDelayed.build() }.message)
        val idle = OneTimeWorkRequest.Builder(Nop::class.java).setConstraints(Constraints.Builder().setRequiresDeviceIdle(true).build())
            .setBackoffCriteria(BackoffPolicy.LINEAR, 20, TimeUnit.SECONDS)
        assertThrows(IllegalArgumentException::class.java) { idle.build() }
        assertTrue(WorkInfo.State.FAILED.isFinished)
        assertFalse(WorkInfo.State.RUNNING.isFinished)
    }

    /** A custom merger, as generated for a TypeScript `defineInputMerger` (which calls Workscript.merge instead). */
    class FirstInputMerger : InputMerger() {
        override fun merge(inputs: List<Data>): Data = inputs.first()
    }

    @Test
    fun `one-time requests overwrite by default and keep the merger class set from a Class or a KClass`() {
        assertEquals(OverwritingInputMerger::class.java.name, OneTimeWorkRequestBuilder<Nop>().build().workSpec.inputMergerClassName)
        val byClass = OneTimeWorkRequestBuilder<Nop>().setInputMerger(FirstInputMerger::class.java).build()
        val byKClass = OneTimeWorkRequestBuilder<Nop>().setInputMerger(ArrayCreatingInputMerger::class).build()
        assertEquals(FirstInputMerger::class.java.name, byClass.workSpec.inputMergerClassName)
        assertEquals(ArrayCreatingInputMerger::class.java.name, byKClass.workSpec.inputMergerClassName)
        val merger = Class.forName(byClass.workSpec.inputMergerClassName).getDeclaredConstructor().newInstance() as InputMerger
        assertEquals(workDataOf("k" to 1), merger.merge(listOf(workDataOf("k" to 1), workDataOf("k" to 2))))
    }

    @Test
    @OptIn(ExperimentalWorkRequestBuilderApi::class)
    fun `setBackoffForSystemInterruptions marks the request, per request`() {
        val builder = OneTimeWorkRequestBuilder<Nop>()
        assertFalse(builder.build().workSpec.backOffOnSystemInterruptions)
        assertTrue(builder.setBackoffForSystemInterruptions().build().workSpec.backOffOnSystemInterruptions)
        val periodic = PeriodicWorkRequestBuilder<Nop>(15, TimeUnit.MINUTES).setBackoffForSystemInterruptions().build()
        assertTrue(periodic.workSpec.backOffOnSystemInterruptions)
    }

    @Test
    fun `the trace tag is the one set, cut to 127 characters, else the worker class's simple name`() {
        assertEquals("StubsTest\$Nop", OneTimeWorkRequestBuilder<Nop>().build().workSpec.traceTag)
        assertEquals("sync", OneTimeWorkRequestBuilder<Nop>().setTraceTag("sync").build().workSpec.traceTag)
        val long = "t".repeat(126) + "\uD83D\uDCE6" // the cut falls inside the surrogate pair, as take(127) cuts
        val periodic = PeriodicWorkRequestBuilder<Nop>(15, TimeUnit.MINUTES).setTraceTag(long).build()
        assertEquals("t".repeat(126) + "\uD83D", periodic.workSpec.traceTag)
    }

    @Test
    fun `content-URI triggers are a set, with delays, and expedited requests refuse them`() {
        val media = Uri.parse("content://media/external/images/media")
        val c = Constraints.Builder()
            .addContentUriTrigger(media, true)
            .addContentUriTrigger(Uri.parse("content://media/external/images/media"), true)
            .addContentUriTrigger(media, false)
            .setTriggerContentUpdateDelay(5, TimeUnit.SECONDS)
            .setTriggerContentMaxDelay(java.time.Duration.ofMinutes(1))
            .build()
        assertEquals(setOf(Constraints.ContentUriTrigger(media, true), Constraints.ContentUriTrigger(media, false)), c.contentUriTriggers)
        assertEquals(5_000L, c.contentTriggerUpdateDelayMillis)
        assertEquals(60_000L, c.contentTriggerMaxDelayMillis)
        assertEquals(c, Constraints(c))
        assertFalse(c == Constraints.Builder().addContentUriTrigger(media, true).setTriggerContentUpdateDelay(5, TimeUnit.SECONDS)
            .setTriggerContentMaxDelay(1, TimeUnit.MINUTES).build())
        assertFalse(Constraints.NONE.hasContentUriTriggers())
        val expedited = OneTimeWorkRequestBuilder<Nop>().setConstraints(c).setExpedited(OutOfQuotaPolicy.DROP_WORK_REQUEST)
        assertEquals("Expedited jobs only support network and storage constraints", assertThrows(IllegalArgumentException::class.java) { expedited.build() }.message)
        assertEquals(c, OneTimeWorkRequestBuilder<Nop>().setConstraints(c).build().workSpec.constraints)
    }

    @Test
    fun `a worker sees the triggered content of its parameters, none by default`() {
        val uris = listOf(Uri.parse("content://media/external/images/media/42"))
        val w = Nop(Context(), WorkerParameters(UUID.randomUUID(), Data.EMPTY, emptyList(), triggeredContentUris = uris, triggeredContentAuthorities = listOf("media")))
        assertEquals(uris, w.triggeredContentUris)
        assertEquals("content://media/external/images/media/42", w.triggeredContentUris.single().toString())
        assertEquals(listOf("media"), w.triggeredContentAuthorities)
        val plain = Nop(Context(), WorkerParameters(UUID.randomUUID(), Data.EMPTY, emptyList()))
        assertEquals(emptyList<Uri>(), plain.triggeredContentUris)
        assertEquals(emptyList<String>(), plain.triggeredContentAuthorities)
    }

    @Test
    fun `stopping a CoroutineWorker cancels doWork and records the reason`() {
        val w = Nop(Context(), WorkerParameters(UUID.randomUUID(), Data.EMPTY, listOf("t")))
        val f = w.startWork()
        w.stop(WorkInfo.STOP_REASON_CANCELLED_BY_APP)
        assertTrue(w.isStopped)
        assertEquals(1, w.stopReason)
        val e = runCatching { f.get(5, TimeUnit.SECONDS) }.exceptionOrNull()
        assertTrue(e is ExecutionException || e is java.util.concurrent.CancellationException, "$e")
    }
}
