package dev.workscript.sample

import android.app.Application
import android.util.Log
import androidx.work.Configuration
import dev.workscript.runtime.FileWorkscriptStorage
import dev.workscript.runtime.UrlConnectionFetch
import dev.workscript.runtime.Workscript
import dev.workscript.runtime.WorkscriptRuntime
import dev.workscript.sample.generated.WorkscriptWorkerFactory
import java.io.File

/**
 * Configures WorkManager on demand (Configuration.Provider; the default initializer is removed in the manifest)
 * with the generated [WorkscriptWorkerFactory], and gives the TypeScript workers their host services.
 */
class SampleApplication : Application(), Configuration.Provider {
    override fun onCreate() {
        super.onCreate()
        // Before the first worker runs: the runtime (loaded lazily from assets/workscript/workers.js) answers
        // ctx.storage from this file and ctx.fetch with HttpURLConnection. Without them those calls fail with
        // `no-storage` / `no-fetch`.
        Workscript.configure(
            WorkscriptRuntime.Config(
                storage = FileWorkscriptStorage(File(filesDir, "workscript-storage.json")),
                fetch = UrlConnectionFetch(),
            ),
        )
    }

    override val workManagerConfiguration: Configuration
        get() = Configuration.Builder()
            // Creates the generated XxxWorker classes; returns null for any other class, and WorkManager then
            // falls back to its default (reflective) factory.
            .setWorkerFactory(WorkscriptWorkerFactory())
            .setMinimumLoggingLevel(Log.INFO)
            .build()
}
