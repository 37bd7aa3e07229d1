package dev.workscript.sample

import android.os.Bundle
import android.text.format.DateUtils
import android.util.TypedValue
import android.widget.Button
import android.widget.LinearLayout
import android.widget.ScrollView
import android.widget.TextView
import androidx.activity.ComponentActivity
import androidx.lifecycle.LiveData
import androidx.work.ExistingPeriodicWorkPolicy
import androidx.work.ExistingWorkPolicy
import androidx.work.WorkInfo
import androidx.work.WorkManager
import dev.workscript.sample.generated.CleanupCacheInput
import dev.workscript.sample.generated.CleanupCacheRequests
import dev.workscript.sample.generated.CleanupCacheWorker
import dev.workscript.sample.generated.PreparePhotosInput
import dev.workscript.sample.generated.PreparePhotosRequests
import dev.workscript.sample.generated.PreparePhotosWorker
import dev.workscript.sample.generated.SyncContactsInput
import dev.workscript.sample.generated.SyncContactsRequests
import dev.workscript.sample.generated.SyncContactsWorker
import dev.workscript.sample.generated.UploadPhotosInput
import dev.workscript.sample.generated.UploadPhotosRequests
import dev.workscript.sample.generated.UploadPhotosWorker

/**
 * Enqueues the TypeScript workers of ../workers through the GENERATED typed request builders
 * (`XxxRequests.oneTime/periodic`, which carry each definition's constraints, backoff and tags) and shows every
 * request's WorkInfo live (state, attempt, next run, typed progress and output) with `getWorkInfoByIdLiveData`.
 * Plain Android views, no Compose.
 */
class MainActivity : ComponentActivity() {
    private val workManager: WorkManager by lazy { WorkManager.getInstance(applicationContext) }
    private lateinit var cards: LinearLayout

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        val content = LinearLayout(this).apply {
            orientation = LinearLayout.VERTICAL
            setPadding(dp(16), dp(16), dp(16), dp(16))
        }
        content.addView(
            TextView(this).apply {
                text = "Background work written in TypeScript, run by WorkManager. Tap to enqueue; each card " +
                    "below follows its WorkInfo live. Newest first."
            },
        )
        content.addView(button("Sync contacts (needs network)") { enqueueSync(outageAttempts = 0, pageSize = 50) })
        content.addView(button("Sync contacts, server down twice (exponential retry)") { enqueueSync(outageAttempts = 2, pageSize = 50) })
        content.addView(button("Sync contacts, page size 0 (typed failure)") { enqueueSync(outageAttempts = 0, pageSize = 0) })
        content.addView(button("Schedule daily cache cleanup (periodic)") { scheduleCleanup() })
        content.addView(button("Run cache cleanup once now (dry run)") { cleanupNow() })
        content.addView(button("Prepare → upload photos (chain, progress; needs Wi-Fi)") { enqueuePhotos() })
        content.addView(button("Cancel all work") { workManager.cancelAllWork() })
        cards = LinearLayout(this).apply { orientation = LinearLayout.VERTICAL }
        content.addView(cards)
        setContentView(ScrollView(this).apply { addView(content) })
    }

    /** SyncContacts: CONNECTED network, EXPONENTIAL backoff from 30 s (defaults of workers/sync-contacts.ts). */
    private fun enqueueSync(outageAttempts: Int, pageSize: Int) {
        val request = SyncContactsRequests.oneTime(
            SyncContactsInput(
                accountId = "demo@example.com",
                source = SyncContactsInput.ContactSource.GOOGLE,
                pageSize = pageSize,
                outageAttempts = outageAttempts,
            ),
        ) {
            addTag("manual") // configure runs last: add to or override the definition's defaults
        }
        workManager.enqueue(request)
        track("SyncContacts (outage ×$outageAttempts, page size $pageSize)", workManager.getWorkInfoByIdLiveData(request.id)) { info ->
            lines(
                SyncContactsWorker.progressOf(info)?.let { "progress: ${it.pages} pages" },
                SyncContactsWorker.outputOf(info)?.let { "output: $it" },
                SyncContactsWorker.failureOutputOf(info)?.let { "failure: ${it.reason.value}: ${it.detail}" },
            )
        }
    }

    /**
     * CleanupCache: periodic, every 24 h (the definition's interval) with the default flex. Unique work with
     * UPDATE keeps the existing schedule (and its id) when tapped again, so the card follows the unique name.
     */
    private fun scheduleCleanup() {
        val request = CleanupCacheRequests.periodic(CleanupCacheInput(maxAgeDays = 7))
        workManager.enqueueUniquePeriodicWork("cleanup-cache", ExistingPeriodicWorkPolicy.UPDATE, request)
        track("CleanupCache (daily, unique 'cleanup-cache')", workManager.getWorkInfosForUniqueWorkLiveData("cleanup-cache")) {
            // A periodic run never ends SUCCEEDED (it goes back to ENQUEUED), so there is no output to show.
            null
        }
    }

    private fun cleanupNow() {
        val request = CleanupCacheRequests.oneTime(CleanupCacheInput(maxAgeDays = 7, dryRun = true))
        workManager.enqueue(request)
        track("CleanupCache (once, dry run)", workManager.getWorkInfoByIdLiveData(request.id)) { info ->
            CleanupCacheWorker.outputOf(info)?.let { "output: $it" }
        }
    }

    /**
     * PreparePhotos then UploadPhotos. WorkManager merges PreparePhotos' output (albumId, photoIds) over
     * UploadPhotos' own input (OverwritingInputMerger), so the album and empty list given here are placeholders
     * that the first step replaces; quality and msPerPhoto are kept.
     */
    private fun enqueuePhotos() {
        val prepare = PreparePhotosRequests.oneTime(PreparePhotosInput(albumId = "holiday-2026", limit = 24))
        val upload = UploadPhotosRequests.oneTime(
            UploadPhotosInput(
                albumId = "holiday-2026",
                photoIds = emptyList(),
                quality = UploadPhotosInput.UploadQuality.HIGH,
                msPerPhoto = 250,
            ),
        )
        workManager.beginUniqueWork("photos", ExistingWorkPolicy.REPLACE, prepare).then(upload).enqueue()
        track("UploadPhotos (after PreparePhotos; UNMETERED network)", workManager.getWorkInfoByIdLiveData(upload.id)) { info ->
            lines(
                UploadPhotosWorker.progressOf(info)?.let { "progress: ${it.uploaded}/${it.total} (${it.percent}%)" },
                UploadPhotosWorker.outputOf(info)?.let { "output: $it" },
            )
        }
        track("PreparePhotos", workManager.getWorkInfoByIdLiveData(prepare.id)) { info ->
            PreparePhotosWorker.outputOf(info)?.let { "output: ${it.photoIds.size} photos of ${it.albumId}" }
        }
    }

    /** Adds a card on top and keeps it in step with [liveData] while the activity is started. */
    private fun <T> track(label: String, liveData: LiveData<T>, details: (WorkInfo) -> String?) {
        val card = TextView(this).apply {
            setPadding(0, dp(12), 0, dp(12))
            setTextSize(TypedValue.COMPLEX_UNIT_SP, 14f)
            text = "$label\nstate: …"
        }
        cards.addView(card, 0)
        liveData.observe(this) { value: T ->
            // getWorkInfoByIdLiveData gives one WorkInfo, getWorkInfosForUniqueWorkLiveData a list.
            val info = when (value) {
                is WorkInfo -> value
                is List<*> -> value.filterIsInstance<WorkInfo>().firstOrNull()
                else -> null
            }
            card.text = if (info == null) "$label\nstate: not found (pruned or cancelled)" else describe(label, info, details(info))
        }
    }

    private fun describe(label: String, info: WorkInfo, details: String?): String = lines(
        label,
        "state: ${info.state} · attempt ${info.runAttemptCount + 1} · tags ${info.tags.sorted().joinToString()}",
        if (info.state == WorkInfo.State.ENQUEUED && info.nextScheduleTimeMillis != Long.MAX_VALUE) {
            "next run: " + DateUtils.getRelativeTimeSpanString(info.nextScheduleTimeMillis, System.currentTimeMillis(), DateUtils.SECOND_IN_MILLIS)
        } else {
            null
        },
        details,
    )!!

    private fun lines(vararg parts: String?): String? = parts.filterNotNull().joinToString("\n").ifEmpty { null }

    private fun button(text: String, onClick: () -> Unit): Button = Button(this).apply {
        this.text = text
        isAllCaps = false
        setOnClickListener { onClick() }
    }

    private fun dp(value: Int): Int = (value * resources.displayMetrics.density).toInt()
}
