package dev.workscript.runtime

import androidx.work.Data
import com.dokar.quickjs.QuickJs
import com.dokar.quickjs.QuickJsException
import com.dokar.quickjs.QuickJsInterruptedException
import com.dokar.quickjs.binding.define
import com.dokar.quickjs.binding.function
import com.dokar.quickjs.evaluate
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.NonCancellable
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import kotlinx.coroutines.withTimeoutOrNull
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put

/**
 * One call of the guest's synchronous `__workscript.merge(mergerName, inputsJson)`: like a run, a fresh engine
 * on a pooled engine thread ([EngineThreads]) with the runtime's memory and stack limits, closed afterwards, so a
 * merger cannot leave state behind for a worker or the next merge.
 *
 * A merge makes no host calls, so there is no `__host`; the answer still travels through a host function
 * (`done`) rather than as the value of `evaluate`, so that a merger which leaves busy promise jobs behind has its
 * answer taken when it returns, and is interrupted afterwards. Past [WorkscriptRuntime.Config.mergeTimeLimitMs]
 * the engine is interrupted ([cancelAndInterrupt]) and the merge fails with [WorkscriptError.TIME_LIMIT].
 */
internal class MergeSession(
    private val runtime: WorkscriptRuntime,
    private val mergerName: String,
    private val inputsJson: String,
) {
    private val config = runtime.config
    /** The merge script's answer (see [MERGE_JS]), or the engine's failure as an exception. */
    private val answer = CompletableDeferred<String>()
    private val engineLock = Any()
    @Volatile private var engine: QuickJs? = null
    /** Set on the engine thread when the engine itself settled [answer] (not the time limit or a cancelled caller). */
    @Volatile private var engineAnswered = false
    /** Set on the engine thread when the bundle was evaluated from source (no bytecode yet). */
    @Volatile private var evaluatedSource = false

    /**
     * Returns the guest's MergeResultJson as it produced it.
     * @throws WorkscriptBundleException when the bundle does not load, is not a bundle, or has no `merge`.
     * @throws WorkscriptInputMergeException past the time limit, on an engine failure, or when `merge` broke the
     *   protocol (threw, or returned something that is not a string).
     */
    suspend fun execute(): String {
        val thread = EngineThreads.acquire(runtime.engineThreadStackBytes())
        val evalJob = CoroutineScope(thread.dispatcher + SupervisorJob()).launch { runEngine(thread.dispatcher) }
        runtime.prepareBundleLoad()
        try {
            val answered = withTimeoutOrNull(config.mergeTimeLimitMs) { answer.await() }
            if (answered != null) return interpret(answered)
            val limit = failure(
                WorkscriptError.TIME_LIMIT,
                "Input merger '$mergerName' ran longer than its time limit of ${config.mergeTimeLimitMs} ms and was " +
                    "interrupted. WorkManager waits for the merge before it starts the work: keep merge(inputs) short, " +
                    "or raise WorkscriptRuntime.Config.mergeTimeLimitMs.",
                "",
            )
            // The engine may have answered right at the limit; its answer then wins.
            if (!answer.completeExceptionally(limit)) return interpret(answer.await())
            throw logged(limit)
        } finally {
            // From here on the engine's late failures (it is interrupted below) are not this merge's outcome.
            answer.cancel()
            val closed = withContext(NonCancellable) {
                // An engine that answered closes by itself at once; one that did not (time limit, cancelled caller)
                // may be busy and needs interrupts.
                (engineAnswered && withTimeoutOrNull(CLOSE_WAIT_MS) { evalJob.join() } != null) ||
                    cancelAndInterrupt(evalJob) { synchronized(engineLock) { engine?.takeIf { !it.isClosed }?.interruptEvaluation() } }
            }
            if (closed) {
                EngineThreads.release(thread)
            } else {
                thread.close()
                config.logger.log("error", "Input merger '$mergerName' ignored interrupts for 10 s; its engine thread is abandoned", "{}", null)
            }
            if (evaluatedSource) runtime.compileInBackground()
        }
    }

    private suspend fun runEngine(dispatcher: CoroutineDispatcher) {
        val qjs = QuickJsInstances.create(dispatcher)
        synchronized(engineLock) { engine = qjs }
        try {
            runtime.configure(qjs)
            evaluatedSource = runtime.loadBundle(qjs, check = false)
            // Defined after the bundle, so bundle code never sees it; the merge script removes it before the guest runs.
            qjs.define("__workscriptMergeHost") {
                function("done") { args ->
                    engineAnswer((args.getOrNull(0) as? String)?.let(::decodeGuestString) ?: "Tundefined")
                    null
                }
            }
            qjs.evaluate<Any?>(mergeScript(), "workscript-host-merge.js")
            engineFailure { failure(WorkscriptError.PROTOCOL, "The merge script of input merger '$mergerName' ended without an answer", "") }
        } catch (e: CancellationException) {
            throw e
        } catch (e: WorkscriptBundleException) {
            engineFailure { e }
        } catch (e: QuickJsInterruptedException) {
            engineFailure { failure(WorkscriptError.ENGINE, "Input merger '$mergerName' was interrupted: ${e.message}", e.stack ?: "") }
        } catch (e: QuickJsException) {
            val first = (e.message ?: "").lineSequence().firstOrNull()?.trim() ?: ""
            val message = if (first.contains("out of memory")) {
                "Input merger '$mergerName' ran out of memory: the engine's limit is ${config.memoryLimitBytes} bytes. " +
                    "Merge less data or raise WorkscriptRuntime.Config.memoryLimitBytes."
            } else {
                "Input merger '$mergerName' failed in the engine: $first"
            }
            engineFailure { failure(WorkscriptError.ENGINE, message, e.stack ?: "") }
        } catch (e: Throwable) {
            engineFailure { failure(WorkscriptError.ENGINE, "${e.javaClass.name}: ${e.message}", e.stackTraceToString()) }
        } finally {
            synchronized(engineLock) {
                engine = null
                QuickJsInstances.close(qjs)
            }
        }
    }

    /** The engine's answer, unless the host already ended the merge. */
    private fun engineAnswer(text: String) {
        if (answer.isCompleted) return
        engineAnswered = true
        answer.complete(text)
    }

    /** The engine's failure, unless an answer or the host came first (then it is only a consequence). */
    private fun engineFailure(error: () -> Exception) {
        if (answer.isCompleted) return
        engineAnswered = true
        val e = error()
        if (answer.completeExceptionally(e) && e is WorkscriptInputMergeException) logged(e)
    }

    /** Turns [MERGE_JS]'s answer (a one-letter kind, then its text) into the MergeResultJson or an exception. */
    private fun interpret(answered: String): String {
        val text = answered.drop(1)
        when (answered.firstOrNull()) {
            'R' -> return text
            'P' -> throw WorkscriptBundleException(runtime.notABundleMessage(text))
            'M' -> throw WorkscriptBundleException(
                "The bundle ${runtime.bundleName} has no __workscript.merge, so input merger '$mergerName' cannot run: " +
                    "it was generated before custom input mergers. Regenerate it with `workscript generate` from a " +
                    "matching @workscript/api.",
            )
            'E' -> {
                val e = runCatching { Json.parseToJsonElement(text) as JsonObject }.getOrNull()
                throw logged(failure(
                    (e?.get("name") as? JsonPrimitive)?.content ?: "Error",
                    (e?.get("message") as? JsonPrimitive)?.content ?: "__workscript.merge threw something undescribable",
                    runtime.mapStack((e?.get("stack") as? JsonPrimitive)?.content ?: ""),
                ))
            }
            else -> throw logged(failure(WorkscriptError.PROTOCOL, "__workscript.merge returned a $text, not MergeResultJson (bridge protocol v1)", ""))
        }
    }

    private fun failure(name: String, message: String, stack: String) =
        WorkscriptInputMergeException(mergerName, WorkscriptError(name, message, stack))

    private fun logged(e: WorkscriptInputMergeException): WorkscriptInputMergeException = e.also { logMergeFailure(config, it) }

    /** [MERGE_JS] applied to this merge's name and inputs. */
    private fun mergeScript(): String {
        fun lit(s: String) = StringBuilder().also { appendJsQuoted(it, s) }.toString()
        return "($MERGE_JS)(globalThis.__workscriptMergeHost, globalThis.__workscript, ${lit(mergerName)}, ${lit(inputsJson)});"
    }

    private companion object {
        /** How long a caller waits for an engine that answered to close by itself before interrupting it. */
        const val CLOSE_WAIT_MS = 100L

        /**
         * Checks the bundle, calls `merge` and answers through `h.done` with a kind letter: `R` + MergeResultJson,
         * `P` + what is wrong with `__workscript`, `M` (no `merge`: an older bundle), `E` + the error `merge`
         * threw as JSON (the protocol says it never throws), `T` + the type it returned instead of a string.
         * The answer is encoded for quickjs-kt ([ENCODE_FOR_HOST_JS]), since it may hold emoji.
         */
        val MERGE_JS: String = """function (h, g, name, inputs) {
  delete globalThis.__workscriptMergeHost;
  var encode = $ENCODE_FOR_HOST_JS;
  function send(s) { h.done(encode(s)); }
  var problem = ($BUNDLE_CHECK_JS)(g);
  if (problem !== 'ok') { send('P' + problem); return; }
  if (typeof g.merge !== 'function') { send('M'); return; }
  var r;
  try { r = g.merge(name, inputs); } catch (e) {
    var d;
    try {
      d = typeof e === 'object' && e !== null
        ? { name: String(e.name || 'Error'), message: String(e.message), stack: typeof e.stack === 'string' ? e.stack : '' }
        : { name: 'Error', message: 'threw ' + String(e), stack: '' };
    } catch (x) { d = { name: 'Error', message: 'threw an undescribable value', stack: '' }; }
    send('E' + JSON.stringify(d));
    return;
  }
  send(typeof r === 'string' ? 'R' + r : 'T' + typeof r);
}"""
    }
}

/** Logs a failed merge as a failed run is logged: the error, with its stack as a field. */
internal fun logMergeFailure(config: WorkscriptRuntime.Config, e: WorkscriptInputMergeException) {
    val fields = buildJsonObject { put("stack", e.error.stack) }.toString()
    config.logger.log("error", "Input merger '${e.mergerName}' failed: ${e.error.name}: ${e.error.message}", fields, null)
}

/**
 * The Data of the guest's MergeResultJson (`{"ok":true,"data":TaggedDataJson}`), checked against the size limit.
 * @throws WorkscriptInputMergeException for `{"ok":false,"error":{...}}` (the merger threw; its stack mapped through
 *   [WorkscriptRuntime.sourceMap]) and for JSON that is not MergeResultJson or tagged Data.
 * @throws WorkscriptDataTooLargeException when the merged Data exceeds 10,240 bytes.
 */
internal fun mergeResultToData(runtime: WorkscriptRuntime, mergerName: String, resultJson: String): Data {
    fun protocol(message: String, cause: Throwable? = null) = WorkscriptInputMergeException(
        mergerName,
        WorkscriptError(WorkscriptError.PROTOCOL, "Input merger '$mergerName' answered $message (bridge protocol v1): ${resultJson.take(200)}", ""),
        cause,
    ).also { logMergeFailure(runtime.config, it) }
    val result = runCatching { Json.parseToJsonElement(resultJson) as? JsonObject }.getOrNull()
        ?: throw protocol("with text that is not a JSON object")
    when ((result["ok"] as? JsonPrimitive)?.takeIf { !it.isString }?.content) {
        "true" -> {
            val data = result["data"] ?: throw protocol("ok without data")
            return try {
                TaggedDataJson.decode(data, "Output of input merger '$mergerName'")
            } catch (e: IllegalArgumentException) {
                throw protocol("with data that is not tagged Data JSON (${e.message})", e)
            }
        }
        "false" -> {
            val error = result["error"] as? JsonObject ?: throw protocol("ok:false without an error object")
            fun field(name: String) = (error[name] as? JsonPrimitive)?.takeIf { it.isString }?.content
            val e = WorkscriptInputMergeException(
                mergerName,
                WorkscriptError(field("name") ?: "Error", field("message") ?: "", runtime.mapStack(field("stack") ?: "")),
            )
            logMergeFailure(runtime.config, e)
            throw e
        }
        else -> throw protocol("without ok:true or ok:false")
    }
}
