package dev.workscript.realandroidx

import dev.workscript.runtime.WorkscriptLogger
import java.util.Collections

/** Keeps every log line of the runtime, with its fields (as generated-it's RecordingLogger). */
class RecordingLogger : WorkscriptLogger {
    val lines: MutableList<String> = Collections.synchronizedList(mutableListOf())
    override fun log(level: String, message: String, fieldsJson: String, runId: String?) {
        lines += "$level $message $fieldsJson"
        println("[workscript] $level $message $fieldsJson")
    }
    fun snapshot(): List<String> = synchronized(lines) { lines.toList() }
}
