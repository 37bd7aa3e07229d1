package dev.workscript.it

import android.net.Uri
import androidx.work.Constraints
import androidx.work.ListenableWorker.Result
import dev.workscript.golden.content_triggers.IndexDefaultsInput
import dev.workscript.golden.content_triggers.IndexDefaultsRequests
import dev.workscript.golden.content_triggers.IndexMediaInput
import dev.workscript.golden.content_triggers.IndexMediaRequests
import dev.workscript.it.generated.ReportTriggeredContentInput
import dev.workscript.it.generated.ReportTriggeredContentOutput
import dev.workscript.it.generated.ReportTriggeredContentRequests
import dev.workscript.it.generated.ReportTriggeredContentWorker
import dev.workscript.runtime.WorkscriptRuntime
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.util.concurrent.TimeUnit

/**
 * Content-URI triggers in generated code: the request factories carry the definition's triggers and delays
 * (golden content-triggers, workers-it/triggers.ts), and a run started by content changes hands
 * ListenableWorker's triggered URIs and authorities to the TypeScript worker (generated worker → Kotlin
 * runtime's contextJson → guest prelude → ctx) on real QuickJS.
 */
class TriggeredContentTest {
    private val logger = RecordingLogger()
    private val media = Uri.parse("content://media/external/images/media")

    @Test
    fun `both factories carry each trigger once, with its exact URI, and the delays that are not -1`() {
        // The notes URI is written with `"`, `$` and `\` in TypeScript: the Kotlin literal must give it back unchanged.
        val notes = Uri.parse("content://com.example.notes/notes?title=\"a${'$'}b\"\\c")
        assertEquals("""content://com.example.notes/notes?title="a${'$'}b"\c""", notes.toString())
        val expected = setOf(Constraints.ContentUriTrigger(media, true), Constraints.ContentUriTrigger(notes, false))
        for (c in listOf(
            IndexMediaRequests.oneTime(IndexMediaInput(batch = 1)).workSpec.constraints,
            IndexMediaRequests.periodic(IndexMediaInput(batch = 1), TimeUnit.HOURS.toMillis(1)).workSpec.constraints,
        )) {
            assertEquals(expected, c.contentUriTriggers)
            assertEquals(5_000L, c.contentTriggerUpdateDelayMillis)
            assertEquals(60_000L, c.contentTriggerMaxDelayMillis)
            assertTrue(c.requiresBatteryNotLow())
        }
        // -1 and an empty list are androidx's defaults: only the max delay of 0 is set.
        val defaults = IndexDefaultsRequests.oneTime(IndexDefaultsInput(batch = 1)).workSpec.constraints
        assertEquals(Constraints.Builder().setTriggerContentMaxDelay(0, TimeUnit.MILLISECONDS).build(), defaults)
        // configure runs last and may replace the constraints altogether.
        val replaced = IndexMediaRequests.oneTime(IndexMediaInput(batch = 1)) { setConstraints(Constraints.NONE) }
        assertEquals(Constraints.NONE, replaced.workSpec.constraints)
    }

    @Test
    fun `the triggered URIs and authorities reach ctx and come back as typed output`() {
        install(runtimeFromAssets(dirProperty("workscript.itAssets"), WorkscriptRuntime.Config(logger = logger)))
        val request = ReportTriggeredContentRequests.oneTime(ReportTriggeredContentInput(label = "photos"))
        assertEquals(setOf(Constraints.ContentUriTrigger(media, true)), request.workSpec.constraints.contentUriTriggers)

        val changed = listOf(Uri.parse("content://media/external/images/media/42"), Uri.parse("content://media/external/images/media/43"))
        val attempt = Attempt(request.workSpec.input, triggeredContentUris = changed, triggeredContentAuthorities = listOf("media"))
        val result = attempt.run(::ReportTriggeredContentWorker)
        assertTrue(result is Result.Success, "$result ${logger.snapshot()}")
        assertEquals(
            ReportTriggeredContentOutput(
                uris = listOf("content://media/external/images/media/42", "content://media/external/images/media/43"),
                authorities = listOf("media"),
            ),
            ReportTriggeredContentOutput.fromData(result.outputData),
        )

        // A run that no content change started (e.g. below API 24, or a retry): both lists are empty.
        val plain = Attempt(request.workSpec.input).run(::ReportTriggeredContentWorker)
        assertEquals(ReportTriggeredContentOutput(uris = emptyList(), authorities = emptyList()), ReportTriggeredContentOutput.fromData(plain.outputData))
    }
}
