package dev.workscript.runtime

import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import kotlinx.coroutines.yield
import kotlinx.serialization.Serializable
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.jsonObject
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.TestFactory
import java.io.File
import java.util.Collections

/**
 * Runs every case of packages/api/bridge-conformance/cases against conformance-bundle.js on real QuickJS
 * (quickjs-kt), following that folder's README: host replies are scripted, answered oldest-first only when
 * the engine is idle, and results and call sequences are compared byte for byte. Every merge case
 * (merge-cases/) is run the same way: one `__workscript.merge` call, its answer compared byte for byte.
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

    @Serializable
    data class MergeCase(val name: String, val merger: String, val inputsJson: String, val expectedJson: String)

    @TestFactory
    fun `bridge conformance merge cases`(): List<DynamicTest> {
        val casesDir = File(dir, "merge-cases")
        val files = casesDir.listFiles { f -> f.name.endsWith(".json") }?.sortedBy { it.name }
        check(!files.isNullOrEmpty()) { "No merge cases in ${casesDir.absolutePath}; run from the monorepo (packages/api/bridge-conformance)" }
        val runtime = WorkscriptRuntime(File(dir, "conformance-bundle.js").readText(), WorkscriptRuntime.Config(logger = WorkscriptLogger.NONE), "conformance-bundle.js")
        return files.map { file ->
            DynamicTest.dynamicTest(file.nameWithoutExtension) { runMergeCase(runtime, json.decodeFromString(MergeCase.serializer(), file.readText())) }
        }
    }

    /**
     * The case as the README says (the case's inputsJson, the answer byte for byte), then the Kotlin host's own
     * path: the inputs read into Data and written again by the Kotlin codec must get the same answer from the
     * guest, and [WorkscriptRuntime.merge] must return its Data (read back and written again byte for byte) or
     * throw its error. Inputs the Kotlin codec refuses (a long written as a number, not an array) must be ones
     * the guest refuses too.
     */
    private fun runMergeCase(runtime: WorkscriptRuntime, case: MergeCase) = runBlocking<Unit> {
        fun normalised(answer: String) = if (case.expectedJson.endsWith("\"stack\":\"<any>\"}}")) {
            answer.replace(Regex("\"stack\":\"(?:[^\"\\\\]|\\\\.)*\"\\}\\}$"), "\"stack\":\"<any>\"}}")
        } else {
            answer
        }
        assertEquals(case.expectedJson, normalised(runtime.mergeRaw(case.merger, case.inputsJson)), "${case.name}: answer")

        val inputs = runCatching {
            (Json.parseToJsonElement(case.inputsJson) as JsonArray).map { WorkscriptData.taggedJsonToData(it.toString()) }
        }.getOrNull()
        val expected = Json.parseToJsonElement(case.expectedJson).jsonObject
        if (inputs == null) {
            assertEquals(JsonPrimitive(false), expected["ok"], "${case.name}: the Kotlin codec refuses inputs the guest accepts")
            return@runBlocking
        }
        val kotlinInputsJson = inputs.joinToString(",", "[", "]") { WorkscriptData.dataToTaggedJson(it) }
        assertEquals(case.expectedJson, normalised(runtime.mergeRaw(case.merger, kotlinInputsJson)), "${case.name}: answer to Kotlin-written inputs")
        if (expected["ok"] == JsonPrimitive(true)) {
            val dataJson = case.expectedJson.removePrefix("{\"ok\":true,\"data\":").removeSuffix("}")
            val data = WorkscriptData.taggedJsonToData(dataJson)
            assertEquals(dataJson, WorkscriptData.dataToTaggedJson(data), "${case.name}: the Kotlin codec writes the guest's bytes")
            assertEquals(data, runtime.merge(case.merger, inputs), "${case.name}: merged Data")
        } else {
            val error = expected["error"]!!.jsonObject
            val e = assertThrows(WorkscriptInputMergeException::class.java) { runBlocking { runtime.merge(case.merger, inputs) } }
            assertEquals((error["name"] as JsonPrimitive).content, e.error.name, "${case.name}: error name")
            assertEquals((error["message"] as JsonPrimitive).content, e.error.message, "${case.name}: error message")
        }
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
