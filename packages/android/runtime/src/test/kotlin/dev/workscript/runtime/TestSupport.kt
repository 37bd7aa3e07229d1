package dev.workscript.runtime

import java.util.Collections

/** The hand-written protocol-v1 bundle under src/test/resources. */
internal fun testBundle(): String =
    requireNotNull(WorkscriptRuntimeTest::class.java.getResource("/test-bundle.js")) { "test-bundle.js missing" }.readText()

/** A logger that keeps every line. */
class RecordingLogger : WorkscriptLogger {
    val lines: MutableList<String> = Collections.synchronizedList(mutableListOf())
    override fun log(level: String, message: String, fieldsJson: String, runId: String?) {
        lines += "$level $message $fieldsJson"
    }
}

internal fun ctx(id: String = "work-1") = WorkscriptRunContext(id = id, tags = listOf("sync", "t2"), runAttemptCount = 2, generation = 1)
