package dev.workscript.realandroidx

import android.os.Looper
import android.util.Log
import androidx.work.Configuration
import androidx.work.WorkInfo
import androidx.work.WorkManager
import androidx.work.WorkerFactory
import androidx.work.testing.TestDriver
import androidx.work.testing.WorkManagerTestInitHelper
import dev.workscript.runtime.Workscript
import dev.workscript.runtime.WorkscriptRuntime
import dev.workscript.runtime.WorkscriptSourceMap
import org.robolectric.RuntimeEnvironment
import org.robolectric.Shadows.shadowOf
import org.robolectric.shadows.ShadowLog
import java.io.File
import java.util.UUID
import java.util.concurrent.TimeUnit

/**
 * Installs [assets]' committed `workers.js` (+ map) process-wide, as generated-it's tests do, then the real
 * WorkManager with work-testing's TestScheduler as its only scheduler and [factory] (null: WorkManager's default,
 * reflection). Robolectric without an AGP resource apk does not serve an app's merged assets, hence the install.
 */
fun startTestWorkManager(assets: File, config: WorkscriptRuntime.Config, factory: WorkerFactory? = null): Pair<WorkManager, TestDriver> {
    val context = RuntimeEnvironment.getApplication()
    ShadowLog.stream = System.out // WorkManager's own log (Log.DEBUG below)
    Workscript.reset()
    Workscript.install(
        WorkscriptRuntime(
            File(assets, "workers.js").readText(),
            config,
            "workers.js",
            WorkscriptSourceMap.parse(File(assets, "workers.js.map").readText()),
        ),
    )
    val configuration = Configuration.Builder().setMinimumLoggingLevel(Log.DEBUG)
    factory?.let { configuration.setWorkerFactory(it) }
    WorkManagerTestInitHelper.initializeTestWorkManager(context, configuration.build())
    return WorkManager.getInstance(context) to requireNotNull(WorkManagerTestInitHelper.getTestDriver(context))
}

/** [id]'s WorkInfo, after running what WorkManager posted to the main looper. */
fun WorkManager.info(id: UUID): WorkInfo {
    shadowOf(Looper.getMainLooper()).idle()
    return requireNotNull(getWorkInfoById(id).get(10, TimeUnit.SECONDS)) { "no WorkInfo for $id" }
}

/** Polls [id]'s WorkInfo until [done]; fails with the last WorkInfo and [logger]'s lines after [timeoutMs]. */
fun WorkManager.await(id: UUID, logger: RecordingLogger, timeoutMs: Long = 30_000, what: String = "", done: (WorkInfo) -> Boolean): WorkInfo {
    val deadline = System.currentTimeMillis() + timeoutMs
    while (true) {
        val last = info(id)
        if (done(last)) return last
        if (System.currentTimeMillis() > deadline) throw AssertionError("timed out waiting for $what; last: $last\nlog: ${logger.snapshot()}")
        Thread.sleep(5)
    }
}
