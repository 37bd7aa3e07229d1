package dev.workscript.realandroidx

import android.content.ContextWrapper
import android.content.res.AssetManager
import android.os.Looper
import androidx.work.Data
import androidx.work.NetworkType
import androidx.work.BackoffPolicy
import androidx.work.OverwritingInputMerger
import androidx.work.WorkInfo
import androidx.work.WorkManager
import androidx.work.testing.TestDriver
import dev.workscript.runtime.Workscript
import dev.workscript.runtime.WorkscriptRuntime
import dev.workscript.runtime.fromAssets
import dev.workscript.sample.generated.CleanupCacheInput
import dev.workscript.sample.generated.CleanupCacheOutput
import dev.workscript.sample.generated.CleanupCacheRequests
import dev.workscript.sample.generated.CleanupCacheWorker
import dev.workscript.sample.generated.PreparePhotosInput
import dev.workscript.sample.generated.PreparePhotosOutput
import dev.workscript.sample.generated.PreparePhotosRequests
import dev.workscript.sample.generated.PreparePhotosWorker
import dev.workscript.sample.generated.SyncContactsFailureOutput
import dev.workscript.sample.generated.SyncContactsInput
import dev.workscript.sample.generated.SyncContactsInput.ContactSource
import dev.workscript.sample.generated.SyncContactsOutput
import dev.workscript.sample.generated.SyncContactsRequests
import dev.workscript.sample.generated.SyncContactsWorker
import dev.workscript.sample.generated.UploadPhotosInput
import dev.workscript.sample.generated.UploadPhotosOutput
import dev.workscript.sample.generated.UploadPhotosProgress
import dev.workscript.sample.generated.UploadPhotosRequests
import dev.workscript.sample.generated.UploadPhotosWorker
import dev.workscript.sample.generated.WorkscriptWorkerFactory
import dev.workscript.sample.generated.WorkscriptWorkers
import kotlinx.coroutines.runBlocking
import org.junit.After
import org.junit.Assert.assertEquals
import org.junit.Assert.assertNotNull
import org.junit.Assert.assertTrue
import org.junit.Before
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.RobolectricTestRunner
import org.robolectric.RuntimeEnvironment
import org.robolectric.Shadows.shadowOf
import java.io.File
import java.util.UUID
import java.util.concurrent.TimeUnit

/**
 * The android-sample's generated workers under the REAL androidx.work (work-runtime + work-testing) on Robolectric:
 * enqueued through the generated typed request builders, created by WorkManager (through WorkscriptWorkerFactory),
 * run by src/android's runtime on quickjs-kt-jvm with the sample's committed bundle (installed as generated-it's
 * SampleWorkersTest does; fromAssets is exercised on its own, see setUp). Mirrors generated-it's SampleWorkersTest.
 */
@RunWith(RobolectricTestRunner::class)
class RealWorkManagerTest {
    private val logger = RecordingLogger()
    private lateinit var wm: WorkManager
    private lateinit var driver: TestDriver

    @Before
    fun setUp() {
        // No android.* type in this class's fields or signatures: surefire/JUnit reflect on it outside the sandbox.
        // fromAssets (not usable with Robolectric's app assets, see startTestWorkManager) has a test of its own.
        val assets = File(System.getProperty("realandroidx.sampleAssets"), "workscript")
        val (workManager, testDriver) = startTestWorkManager(
            assets,
            WorkscriptRuntime.Config(logger = logger, stopGracePeriodMs = 2_000),
            WorkscriptWorkerFactory(),
        )
        wm = workManager
        driver = testDriver
    }

    @After
    fun tearDown() {
        Workscript.reset()
    }

    private fun idleMain() = shadowOf(Looper.getMainLooper()).idle()

    private fun info(id: UUID): WorkInfo = wm.info(id)

    private fun await(id: UUID, timeoutMs: Long = 30_000, what: String = "", done: (WorkInfo) -> Boolean): WorkInfo =
        wm.await(id, logger, timeoutMs, what, done)

    /**
     * Like [await], re-applying [poke] (TestDriver calls) every 300 ms while the work is ENQUEUED. Needed after a
     * retry or a period: WorkManager writes ENQUEUED to the database before its StopWorkRunnable makes
     * TestScheduler forget the work's met constraints/delays, so TestDriver calls made as soon as ENQUEUED is
     * visible can be wiped (seen once in 3 runs: the 3rd attempt never started).
     */
    private fun drive(id: UUID, what: String, poke: () -> Unit, done: (WorkInfo) -> Boolean): WorkInfo {
        var lastPoke = 0L
        return await(id, what = what) { wi ->
            val ok = done(wi)
            if (!ok && wi.state == WorkInfo.State.ENQUEUED && System.currentTimeMillis() - lastPoke > 300) {
                poke(); lastPoke = System.currentTimeMillis()
            }
            ok
        }
    }

    private fun awaitFinished(id: UUID, timeoutMs: Long = 30_000) = await(id, timeoutMs, "finished") { it.state.isFinished }

    private fun awaitLog(timeoutMs: Long = 5_000, pred: (String) -> Boolean): Boolean {
        val deadline = System.currentTimeMillis() + timeoutMs
        while (System.currentTimeMillis() < deadline) {
            if (logger.snapshot().any(pred)) return true
            idleMain(); Thread.sleep(5)
        }
        return false
    }

    @Test
    fun `the bundle registers exactly the generated workers`() = runBlocking<Unit> {
        val context = RuntimeEnvironment.getApplication()
        assertEquals(WorkscriptWorkers.workerClasses.keys.toList(), Workscript.runtime(context).workers())
        assertEquals(WorkscriptWorkers.BRIDGE_PROTOCOL_VERSION, WorkscriptRuntime.PROTOCOL_VERSION)
        println("[real-androidx] WorkManager classes from ${WorkManager::class.java.getResource("WorkManager.class")}; TestDriver from ${TestDriver::class.java.getResource("TestDriver.class")}")
        println("[real-androidx] androidx.work under test: ${System.getProperty("realandroidx.workVersion")}, SDK ${android.os.Build.VERSION.SDK_INT}, codeCacheDir ${context.codeCacheDir}")
    }

    @Test
    fun `src-android fromAssets reads the bundle and map through a real AssetManager, bytecode cache in codeCacheDir`() = runBlocking<Unit> {
        val app = RuntimeEnvironment.getApplication()
        val am = AssetManager::class.java.getDeclaredConstructor().newInstance()
        // A zip with assets/workscript/workers.js(.map), as inside an APK (run.sh builds it): Robolectric's binary
        // AssetManager does not take a plain directory (addAssetPath returns cookie 0 for one).
        val cookie = AssetManager::class.java.getMethod("addAssetPath", String::class.java).invoke(am, System.getProperty("realandroidx.assetsApk"))
        println("[real-androidx] addAssetPath cookie: $cookie; list(workscript) = ${am.list("workscript")?.toList()}")
        val ctx = object : ContextWrapper(app) { override fun getAssets(): AssetManager = am }
        val runtime = WorkscriptRuntime.fromAssets(ctx, config = WorkscriptRuntime.Config(logger = logger))
        assertEquals(WorkscriptWorkers.workerClasses.keys.toList(), runtime.workers())
        runtime.precompile()
        println("[real-androidx] bundleStats after precompile: ${runtime.bundleStats()}; cache dir ${File(app.codeCacheDir, "workscript").listFiles()?.map { it.name }}")
        assertTrue(File(app.codeCacheDir, "workscript").listFiles().orEmpty().isNotEmpty())
    }

    @Test
    fun `SyncContacts succeeds with typed output`() {
        val input = SyncContactsInput("ada@example.com", ContactSource.EXCHANGE, pageSize = 40, since = 1_700_000_000_000L)
        val request = SyncContactsRequests.oneTime(input) { addTag("manual") }
        // The typed builder's defaults, as the real WorkRequest holds them.
        assertEquals(NetworkType.CONNECTED, request.workSpec.constraints.requiredNetworkType)
        assertEquals(BackoffPolicy.EXPONENTIAL, request.workSpec.backoffPolicy)
        assertEquals(setOf("sync", "contacts", "manual"), request.tags - SyncContactsWorker::class.java.name)
        assertEquals(input, SyncContactsInput.fromData(request.workSpec.input))

        wm.enqueue(request).result.get(10, TimeUnit.SECONDS)
        assertEquals(WorkInfo.State.ENQUEUED, info(request.id).state) // CONNECTED constraint not met yet
        driver.setAllConstraintsMet(request.id)
        val done = awaitFinished(request.id)
        assertEquals(done.toString(), WorkInfo.State.SUCCEEDED, done.state)
        val output = SyncContactsWorker.outputOf(done)
        assertNotNull(output); output!!
        assertEquals("ada@example.com", output.accountId)
        assertEquals(SyncContactsOutput.ContactSource.EXCHANGE, output.source)
        assertTrue("$output", output.fetched in 0..99)
        assertEquals((output.fetched + 39) / 40, output.pages)
        assertTrue(done.tags.containsAll(listOf("sync", "contacts", "manual")))
        println("[real-androidx] SyncContacts WorkInfo: $done")
    }

    @Test
    fun `SyncContacts retries while told to, then succeeds`() {
        val input = SyncContactsInput("bob@example.com", ContactSource.DEVICE, pageSize = 100, outageAttempts = 2)
        val request = SyncContactsRequests.oneTime(input)
        wm.enqueue(request).result.get(10, TimeUnit.SECONDS)
        driver.setAllConstraintsMet(request.id)
        val afterFirst = await(request.id, what = "first retry") { it.runAttemptCount >= 1 && it.state == WorkInfo.State.ENQUEUED }
        println("[real-androidx] after 1st attempt: $afterFirst")
        // TestScheduler forgets a work's met constraints/delays once an attempt ends: set them again (the backoff
        // delay counts as the "initial delay": setInitialDelayMet rewinds the next run time to now).
        val rerun = { driver.setAllConstraintsMet(request.id); driver.setInitialDelayMet(request.id) }
        val afterSecond = drive(request.id, "second retry", rerun) { it.runAttemptCount >= 2 && it.state == WorkInfo.State.ENQUEUED }
        println("[real-androidx] after 2nd attempt: $afterSecond")
        val done = drive(request.id, "third attempt finished", rerun) { it.runAttemptCount >= 3 && it.state.isFinished }
        assertEquals(done.toString(), WorkInfo.State.SUCCEEDED, done.state)
        println("[real-androidx] after 3rd attempt: $done")
        val warns = logger.snapshot().filter { it.startsWith("warn contacts server unavailable") }
        assertEquals("$warns", 2, warns.size)
        // The JS worker saw runAttemptCount 0, then 1 (as generated-it's SampleWorkersTest expects for the 2nd attempt).
        assertTrue("$warns", warns[0].contains("\"attempt\":0") && warns[1].contains("\"attempt\":1"))
    }

    @Test
    fun `SyncContacts fails with typed failure output`() {
        val request = SyncContactsRequests.oneTime(SyncContactsInput("c@example.com", ContactSource.GOOGLE, pageSize = 0))
        wm.enqueue(request).result.get(10, TimeUnit.SECONDS)
        driver.setAllConstraintsMet(request.id)
        val done = awaitFinished(request.id)
        assertEquals(done.toString(), WorkInfo.State.FAILED, done.state)
        assertEquals(
            SyncContactsFailureOutput(SyncContactsFailureOutput.Reason.INVALID_PAGE_SIZE, "pageSize must be 1..500, got 0"),
            SyncContactsWorker.failureOutputOf(done),
        )
    }

    @Test
    fun `CleanupCache periodic request runs each period, one-time run has typed output`() {
        val periodic = CleanupCacheRequests.periodic(CleanupCacheInput(maxAgeDays = 7))
        assertEquals(TimeUnit.DAYS.toMillis(1), periodic.workSpec.intervalDuration)
        assertEquals(periodic.workSpec.intervalDuration, periodic.workSpec.flexDuration)
        wm.enqueue(periodic).result.get(10, TimeUnit.SECONDS)
        driver.setAllConstraintsMet(periodic.id)
        driver.setPeriodDelayMet(periodic.id)
        assertTrue("${logger.snapshot()}", awaitLog { it.startsWith("info cache cleanup") })
        val afterFirst = await(periodic.id, what = "back to ENQUEUED after period 1") { it.state == WorkInfo.State.ENQUEUED && it.generation >= 0 && logger.snapshot().count { l -> l.startsWith("info cache cleanup") } == 1 }
        println("[real-androidx] periodic after 1st period: $afterFirst")
        val cleanups = { logger.snapshot().count { l -> l.startsWith("info cache cleanup") } }
        // constraints/period forgotten after each period, as after a retry: re-apply until the 2nd period has run
        drive(periodic.id, "second period", { driver.setAllConstraintsMet(periodic.id); driver.setPeriodDelayMet(periodic.id) }) { cleanups() >= 2 }
        val afterSecond = await(periodic.id, what = "ENQUEUED after period 2") { it.state == WorkInfo.State.ENQUEUED }
        println("[real-androidx] periodic after 2nd period: $afterSecond")

        val once = CleanupCacheRequests.oneTime(CleanupCacheInput(maxAgeDays = 7))
        wm.enqueue(once).result.get(10, TimeUnit.SECONDS)
        driver.setAllConstraintsMet(once.id)
        val done = awaitFinished(once.id)
        assertEquals(done.toString(), WorkInfo.State.SUCCEEDED, done.state)
        assertEquals(CleanupCacheOutput(deleted = 4, freedBytes = (8L + 15 + 31 + 62) * 1_048_576, dryRun = false), CleanupCacheWorker.outputOf(done))
    }

    @Test
    fun `PreparePhotos then UploadPhotos - chain with OverwritingInputMerger, progress observed`() {
        val prepare = PreparePhotosRequests.oneTime(PreparePhotosInput("trip", limit = 4))
        // Own input first, then the prerequisite's output overwrites albumId/photoIds (OverwritingInputMerger).
        val upload = UploadPhotosRequests.oneTime(UploadPhotosInput(albumId = "placeholder", photoIds = emptyList(), msPerPhoto = 250)) {
            setInputMerger(OverwritingInputMerger::class.java)
        }
        wm.beginWith(prepare).then(upload).enqueue().result.get(10, TimeUnit.SECONDS)
        driver.setAllConstraintsMet(prepare.id)
        val prepared = awaitFinished(prepare.id)
        assertEquals(prepared.toString(), WorkInfo.State.SUCCEEDED, prepared.state)
        assertEquals(PreparePhotosOutput("trip", listOf("trip-1", "trip-2", "trip-3", "trip-4")), PreparePhotosWorker.outputOf(prepared))
        driver.setAllConstraintsMet(upload.id)
        val seen = linkedSetOf<UploadPhotosProgress>()
        val done = await(upload.id, 30_000, "upload finished") { wi ->
            UploadPhotosWorker.progressOf(wi)?.let { seen += it }
            wi.state.isFinished
        }
        assertEquals(done.toString(), WorkInfo.State.SUCCEEDED, done.state)
        assertEquals(UploadPhotosOutput("trip", uploaded = 4, bytes = 4 * 1_500_000L), UploadPhotosWorker.outputOf(done))
        println("[real-androidx] progress observed through WorkInfo: $seen")
        val all = listOf(UploadPhotosProgress(1, 4, 25), UploadPhotosProgress(2, 4, 50), UploadPhotosProgress(3, 4, 75), UploadPhotosProgress(4, 4, 100))
        assertTrue("$seen", seen.isNotEmpty() && all.containsAll(seen))
        assertTrue("progress is cleared when the work finishes: ${done.progress}", done.progress.keyValueMap.isEmpty())
    }

    @Test
    fun `UploadPhotos cancelled mid-run sees the stop reason and stops early`() {
        val input = UploadPhotosInput(albumId = "big", photoIds = (1..50).map { "p$it" }, quality = UploadPhotosInput.UploadQuality.ORIGINAL, msPerPhoto = 40)
        val request = UploadPhotosRequests.oneTime(input)
        wm.enqueue(request).result.get(10, TimeUnit.SECONDS)
        val started = System.nanoTime()
        driver.setAllConstraintsMet(request.id)
        val running = await(request.id, what = "2 photos uploaded") { (UploadPhotosWorker.progressOf(it)?.uploaded ?: 0) >= 2 }
        assertEquals(WorkInfo.State.RUNNING, running.state)
        wm.cancelWorkById(request.id).result.get(10, TimeUnit.SECONDS)
        val done = awaitFinished(request.id)
        val elapsedMs = (System.nanoTime() - started) / 1_000_000
        println("[real-androidx] cancelled WorkInfo: $done (stopReason ${done.stopReason}) after $elapsedMs ms")
        assertEquals(WorkInfo.State.CANCELLED, done.state)
        assertTrue(awaitLog { it.startsWith("info upload stopped") })
        val line = logger.snapshot().first { it.startsWith("info upload stopped") }
        println("[real-androidx] JS saw: $line")
        // WorkInfo.STOP_REASON_CANCELLED_BY_APP = 1
        assertTrue(line, line.contains("\"reason\":${WorkInfo.STOP_REASON_CANCELLED_BY_APP}"))
        val uploaded = Regex("\"uploaded\":(\\d+)").find(line)!!.groupValues[1].toInt()
        assertTrue("uploaded $uploaded of 50 before stopping", uploaded in 2..10)
    }

    @Test
    fun `UploadPhotos stopped mid-run by the system (TestDriver, Wi-Fi lost) sees the stop reason and stops early`() {
        val input = UploadPhotosInput(albumId = "big", photoIds = (1..50).map { "p$it" }, quality = UploadPhotosInput.UploadQuality.ORIGINAL, msPerPhoto = 40)
        val request = UploadPhotosRequests.oneTime(input)
        wm.enqueue(request).result.get(10, TimeUnit.SECONDS)
        val started = System.nanoTime()
        driver.setAllConstraintsMet(request.id)
        await(request.id, what = "2 photos uploaded") { (UploadPhotosWorker.progressOf(it)?.uploaded ?: 0) >= 2 }
        driver.stopRunningWorkWithReason(request.id, WorkInfo.STOP_REASON_CONSTRAINT_CONNECTIVITY)
        assertTrue("${logger.snapshot()}", awaitLog { it.startsWith("info upload stopped") })
        val elapsedMs = (System.nanoTime() - started) / 1_000_000
        val line = logger.snapshot().first { it.startsWith("info upload stopped") }
        println("[real-androidx] JS saw: $line after $elapsedMs ms")
        assertTrue(line, line.contains("\"reason\":7"))
        val uploaded = Regex("\"uploaded\":(\\d+)").find(line)!!.groupValues[1].toInt()
        assertTrue("uploaded $uploaded of 50 before stopping", uploaded in 2..10)
        // A stopped (not cancelled) one-time work goes back to ENQUEUED for a later attempt.
        val after = await(request.id, what = "not RUNNING after the stop") { it.state != WorkInfo.State.RUNNING }
        println("[real-androidx] after system stop: $after")
        assertEquals(after.toString(), WorkInfo.State.ENQUEUED, after.state)
    }

    @Test
    fun `a null element in a string array - real Data_getStringArray throws NPE, the work fails`() {
        val data = Data.Builder().putString("albumId", "a").putStringArray("photoIds", arrayOf("p1", null)).build()
        // getStringArray(key): Array<String>? (work-stubs now declare the same). putStringArray takes nulls;
        // getStringArray then throws instead of returning them, so such input fails the work (no crash, no retry).
        val e = runCatching { data.getStringArray("photoIds") }.exceptionOrNull()
        println("[real-androidx] getStringArray with a null element: $e")
        assertTrue("$e", e is NullPointerException)
        val request = UploadPhotosRequests.oneTime(UploadPhotosInput(albumId = "x", photoIds = emptyList())) { setInputData(data) }
        wm.enqueue(request).result.get(10, TimeUnit.SECONDS)
        driver.setAllConstraintsMet(request.id)
        val done = awaitFinished(request.id)
        println("[real-androidx] null element: $done")
        assertEquals(WorkInfo.State.FAILED, done.state)
    }
}
