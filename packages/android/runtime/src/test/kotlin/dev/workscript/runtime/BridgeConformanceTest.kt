package dev.workscript.runtime

import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import kotlinx.coroutines.yield
import kotlinx.serialization.Serializable
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.jsonObject
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.TestFactory
import java.io.File
import java.util.Collections

/**
 * Runs every case of packages/api/bridge-conformance/cases against conformance-bundle.js on real QuickJS
 * (quickjs-kt), following that folder's README: host replies are scripted, answered oldest-first only when
 * the engine is idle, and results and call sequences are compared byte for byte.
 */
class BridgeConformanceTest {
    @Serializable
    data class Reply(val method: String, val replyJson: String)

    @Serializable
    data class Call(val method: String, val argsJson: String)

    @Serializable
    data class Stop(val afterCalls: Int, val reason: Int)

    @Serializable
    data class Case(
        val name: String,
        val worker: String,
        val inputJson: String,
        val contextJson: String,
        val hostReplies: List<Reply>,
        val stop: Stop? = null,
        val expectedResultJson: String,
        val expectedCalls: List<Call>,
    )

    private val json = Json { ignoreUnknownKeys = true }
    private val dir = File(System.getProperty("workscript.conformanceDir") ?: "../../api/bridge-conformance")

    @TestFactory
    fun `bridge conformance cases`(): List<DynamicTest> {
        val casesDir = File(dir, "cases")
        val files = casesDir.listFiles { f -> f.name.endsWith(".json") }?.sortedBy { it.name }
        check(!files.isNullOrEmpty()) { "No conformance cases in ${casesDir.absolutePath}; run from the monorepo (packages/api/bridge-conformance)" }
        val bundle = File(dir, "conformance-bundle.js").readText()
        return files.map { file -> DynamicTest.dynamicTest(file.nameWithoutExtension) { runCase(bundle, json.decodeFromString(Case.serializer(), file.readText())) } }
    }

    private class Pending(val call: Call, val reply: CompletableDeferred<String> = CompletableDeferred())

    private fun runCase(bundle: String, case: Case) = runBlocking<Unit> {
        val calls = Collections.synchronizedList(mutableListOf<Pending>())
        val failures = Collections.synchronizedList(mutableListOf<String>())
        val config = WorkscriptRuntime.Config(
            logger = WorkscriptLogger.NONE,
            timeLimitMs = 20_000,
            hostCallHandler = WorkscriptHostCallHandler { method, argsJson ->
                val p = Pending(Call(method, argsJson))
                calls += p
                p.reply.await()
            },
        )
        val runtime = WorkscriptRuntime(bundle, config, "conformance-bundle.js")
        runtime.engineDriver = { control ->
            var replies = 0
            var stopped = false
            var answered = 0
            suspend fun settle() {
                // The engine thread runs queued work first-in first-out: yield until nothing changes.
                var stable = 0
                var last = -1 to false
                while (stable < 20) {
                    yield()
                    val now = calls.size to control.isResultCompleted
                    if (now == last) stable++ else { stable = 0; last = now }
                }
            }
            while (true) {
                settle()
                if (control.isResultCompleted) break
                val s = case.stop
                if (s != null && !stopped && calls.size >= s.afterCalls) {
                    stopped = true
                    control.stop(s.reason)
                    continue
                }
                if (answered >= calls.size) { failures += "the guest waits for nothing after ${calls.size} calls"; break }
                val next = calls[answered++]
                val reply = case.hostReplies.getOrNull(replies++)
                if (reply == null) { failures += "no host reply left for call #$answered ${next.call}"; break }
                if (reply.method != next.call.method) { failures += "call #$answered is ${next.call.method}, the next reply is for ${reply.method}"; break }
                next.reply.complete(reply.replyJson)
            }
            if (replies != case.hostReplies.size) failures += "used $replies of ${case.hostReplies.size} host replies"
        }
        val runId = runCatching { (Json.parseToJsonElement(case.contextJson).jsonObject["runId"] as JsonPrimitive).content }.getOrDefault("")
        val result = withTimeout(30_000) { runtime.runRaw(case.worker, case.inputJson, case.contextJson, runId) }
        assertTrue(failures.isEmpty(), "${case.name}: $failures")
        val actual = if (case.expectedResultJson.endsWith("\"stack\":\"<any>\"}}")) {
            result.resultJson.replace(Regex("\"stack\":\"(?:[^\"\\\\]|\\\\.)*\"\\}\\}$"), "\"stack\":\"<any>\"}}")
        } else {
            result.resultJson
        }
        assertEquals(case.expectedResultJson, actual, "${case.name}: result")
        assertEquals(case.expectedCalls, calls.map { it.call }, "${case.name}: host calls")
    }
}
