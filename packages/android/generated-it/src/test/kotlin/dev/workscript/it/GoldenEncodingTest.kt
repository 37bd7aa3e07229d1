package dev.workscript.it

import androidx.work.Data
import dev.workscript.golden.json_doubles.MeasureInput
import dev.workscript.golden.json_doubles.MeasureOutput
import dev.workscript.golden.system_interruptions.QuietSyncInput
import dev.workscript.golden.system_interruptions.QuietSyncRequests
import dev.workscript.golden.system_interruptions.ResumeDownloadInput
import dev.workscript.golden.system_interruptions.ResumeDownloadRequests
import dev.workscript.golden.trace_tag.ExportPhotosInput
import dev.workscript.golden.trace_tag.ExportPhotosRequests
import dev.workscript.golden.trace_tag.UploadLogsInput
import dev.workscript.golden.trace_tag.UploadLogsRequests
import kotlinx.serialization.json.Json
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.util.concurrent.TimeUnit
import dev.workscript.golden.json_doubles.WorkscriptJson as MeasureJson

/** Behaviour of golden code beyond compiling: request defaults and the JSON the guest and Data receive. */
class GoldenEncodingTest {
    private val reading = MeasureInput.Reading(value = 1.0, samples = listOf(0.1, 1e21, -0.0), at = 1e-7)
    private val input = MeasureInput(ratio = 1.0, weights = listOf(2.0, 0.5), grid = listOf(listOf(1.0, 1e-7)), reading = reading, readings = listOf(reading))

    @Test
    fun `the guest's inputJson writes doubles as JSON stringify does`() {
        // Exactly what MeasureWorker.doWork() passes to the runtime; the Node host's dataToJson writes the same.
        assertEquals(
            """{"ratio":1,"weights":[2,0.5],"grid":[[1,1e-7]],"reading":{"value":1,"samples":[0.1,1e+21,0],"at":1e-7},""" +
                """"readings":[{"value":1,"samples":[0.1,1e+21,0],"at":1e-7}]}""",
            MeasureJson.encodeToString(MeasureInput.serializer(), input),
        )
    }

    @Test
    fun `nested doubles in Data are JSON stringify's text, top-level ones stay doubles`() {
        val data = input.toData()
        assertEquals("[[1,1e-7]]", data.getString("grid"))
        assertEquals("""{"value":1,"samples":[0.1,1e+21,0],"at":1e-7}""", data.getString("reading"))
        assertEquals(1.0, data.getDouble("ratio", 0.0))
        val out = MeasureOutput(MeasureOutput.Reading(value = 1.0, samples = listOf(0.1, 1e21, -0.0), at = 1e-7), total = 3.0).toData()
        assertEquals("""{"value":1,"samples":[0.1,1e+21,0],"at":1e-7}""", out.getString("reading"))
        // Read back as JavaScript would: -0.0 was written as 0.
        assertEquals(reading.copy(samples = listOf(0.1, 1e21, 0.0)), MeasureInput.fromData(data).reading)
    }

    @Test
    fun `JSON written by kotlinx (1 dot 0) still reads`() {
        val data = Data.Builder().putAll(input.toData().keyValueMap).putString("grid", "[[1.0,2.5E-7]]").build()
        assertEquals(listOf(listOf(1.0, 2.5e-7)), MeasureInput.fromData(data).grid)
        assertEquals(1.0, Json.decodeFromString(MeasureInput.Reading.serializer(), """{"value":1.0,"samples":[]}""").value)
    }

    @Test
    fun `backoffOnSystemInterruptions is carried into both factories and can be turned off`() {
        val i = ResumeDownloadInput(url = "https://example.com/a")
        assertTrue(ResumeDownloadRequests.oneTime(i).workSpec.backOffOnSystemInterruptions)
        assertFalse(ResumeDownloadRequests.oneTime(i, backoffOnSystemInterruptions = false).workSpec.backOffOnSystemInterruptions)
        val periodic = ResumeDownloadRequests.periodic(i, TimeUnit.HOURS.toMillis(1))
        assertTrue(periodic.workSpec.backOffOnSystemInterruptions)
        assertFalse(ResumeDownloadRequests.periodic(i, TimeUnit.HOURS.toMillis(1), backoffOnSystemInterruptions = false).workSpec.backOffOnSystemInterruptions)
        // `false` in the definition is WorkManager's default: nothing emitted, nothing set.
        assertFalse(QuietSyncRequests.oneTime(QuietSyncInput(since = "2026-01-01")).workSpec.backOffOnSystemInterruptions)
    }

    @Test
    fun `traceTag is carried into both factories as WorkManager keeps it, and configure may replace it`() {
        val photos = ExportPhotosInput(album = "summer")
        val escaped = "export \"\$album\" \\ photos"
        assertEquals(escaped, ExportPhotosRequests.oneTime(photos).workSpec.traceTag)
        assertEquals(escaped, ExportPhotosRequests.periodic(photos, TimeUnit.HOURS.toMillis(1)).workSpec.traceTag)
        assertEquals("manual", ExportPhotosRequests.oneTime(photos) { setTraceTag("manual") }.workSpec.traceTag)
        // The definition's 138 characters, cut where build()'s take(127) cuts (inside the emoji): the golden's
        // literal ends in a lone \ud83d, which must compile to that very UTF-16 unit.
        val span = "com.example.telemetry/upload-logs: each session since the last successful upload, batched by day and " +
            "compressed on the device \uD83D\uDCE6 then sent"
        val logs = UploadLogsInput(sessionCount = 3.0)
        assertEquals(span.take(127), UploadLogsRequests.oneTime(logs).workSpec.traceTag)
        assertEquals(span.take(127), UploadLogsRequests.periodic(logs, TimeUnit.HOURS.toMillis(1)).workSpec.traceTag)
        // No traceTag in the definition, no setTraceTag: WorkManager names the span after the worker class.
        assertEquals("QuietSyncWorker", QuietSyncRequests.oneTime(QuietSyncInput(since = "2026-01-01")).workSpec.traceTag)
    }
}
