package dev.workscript.runtime

import com.dokar.quickjs.QuickJs
import com.dokar.quickjs.QuickJsException
import com.dokar.quickjs.QuickJsInterruptedException
import com.dokar.quickjs.binding.asyncFunction
import com.dokar.quickjs.binding.define
import com.dokar.quickjs.binding.function
import com.dokar.quickjs.evaluate
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Deferred
import kotlinx.coroutines.async
import kotlinx.coroutines.Job
import kotlinx.coroutines.NonCancellable
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.asCoroutineDispatcher
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import kotlinx.coroutines.withTimeoutOrNull
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import kotlinx.serialization.json.put
import java.util.concurrent.Executors

/**
 * One run: a fresh engine on its own thread, the `__host.call` channel, stop delivery and the time limit.
 *
 * The guest's result reaches Kotlin through a host function (`finish`) rather than as the value of
 * `evaluate`, because quickjs-kt's `evaluate` returns only once every pending host call has settled (a stray
 * `setInterval` would keep it waiting forever) and does not await a returned promise. Stop requests reach the
 * guest through a pending host call (`stopWait`) that resolves with the reason, since a second `evaluate`
 * cannot run while the first is pending.
 */
internal class RunSession(
    private val runtime: WorkscriptRuntime,
    private val workerName: String,
    private val inputJson: String,
    private val contextJson: String,
    private val runId: String,
    private val context: WorkscriptRunContext,
    private val onProgress: suspend (String) -> Unit,
) {
    private val config = runtime.config
    private val result = CompletableDeferred<String>()
    private val stopSignal = CompletableDeferred<Int?>()
    private val engineLock = Any()
    @Volatile private var engine: QuickJs? = null
    @Volatile private var stopped = false
    private val calls = java.util.concurrent.ConcurrentHashMap<Long, Deferred<String>>()
    private val nextCallId = java.util.concurrent.atomic.AtomicLong()

    suspend fun execute(): WorkscriptResult {
        val executor = Executors.newSingleThreadExecutor { r ->
            Thread(null, r, "workscript-engine-$workerName", runtime.engineThreadStackBytes()).apply { isDaemon = true }
        }
        val dispatcher = executor.asCoroutineDispatcher()
        val evalJob = CoroutineScope(dispatcher + SupervisorJob()).launch { runEngine(dispatcher) }
        try {
            val resultJson = withTimeoutOrNull(config.timeLimitMs) { result.await() }
            if (resultJson != null) return parseResult(resultJson)
            withContext(NonCancellable) {
                stop(WorkscriptRunContext.STOP_REASON_TIMEOUT)
                withTimeoutOrNull(config.stopGracePeriodMs) { result.await() }
            }
            val message = "Worker '$workerName' ran longer than its time limit of ${config.timeLimitMs} ms; it was stopped " +
                "(reason TIMEOUT) and interrupted. Make it honour ctx.signal and finish sooner, or raise " +
                "WorkscriptRuntime.Config.timeLimitMs."
            return hostFailure(WorkscriptError.TIME_LIMIT, message, "")
        } catch (e: CancellationException) {
            withContext(NonCancellable) {
                stop(context.stopReason())
                withTimeoutOrNull(config.stopGracePeriodMs) { result.await() }
            }
            throw e
        } finally {
            withContext(NonCancellable) { shutdown(evalJob) }
            dispatcher.close()
        }
    }

    /** Delivers a stop to the guest (once); later host calls of this run are refused. */
    private fun stop(reason: Int) {
        stopped = true
        stopSignal.complete(reason)
    }

    /** Cancels the engine coroutine, interrupting JavaScript until it lets go; the engine closes on its thread. */
    private suspend fun shutdown(evalJob: Job) {
        evalJob.cancel()
        // Usually the engine is only waiting on host calls and lets go at once; busy JavaScript needs interrupts.
        if (withTimeoutOrNull(20) { evalJob.join() } != null) return
        var waitedMs = 20L
        while (!evalJob.isCompleted) {
            synchronized(engineLock) { engine?.takeIf { !it.isClosed }?.interruptEvaluation() }
            withTimeoutOrNull(5) { evalJob.join() }
            waitedMs += 5
            if (waitedMs >= 10_000L) {
                config.logger.log("error", "Worker '$workerName' ignored interrupts for 10 s; its engine thread is abandoned", "{}", runId)
                return
            }
        }
    }

    private suspend fun runEngine(dispatcher: kotlinx.coroutines.CoroutineDispatcher) {
        val qjs = QuickJs.create(dispatcher)
        synchronized(engineLock) { engine = qjs }
        try {
            runtime.configure(qjs)
            // Host calls start synchronously, inside the guest's __host.call, so that calls the guest does not
            // await (fire-and-forget logs right before returning) are still made, in order.
            val callScope = CoroutineScope(currentCoroutineContext() + SupervisorJob(currentCoroutineContext()[Job]))
            qjs.define("__workscriptHost") {
                function("record") { args ->
                    val id = nextCallId.incrementAndGet()
                    calls[id] = callScope.async(start = CoroutineStart.UNDISPATCHED) {
                        hostCall(args.getOrNull(0) as? String, args.getOrNull(1) as? String)
                    }
                    id
                }
                asyncFunction("wait") { args ->
                    val id = (args.getOrNull(0) as? Number)?.toLong()
                    (id?.let { calls.remove(it) } ?: error("unknown host call id $id")).await()
                }
                asyncFunction("stopWait") { stopSignal.await() }
                function("finish") { args ->
                    val json = args.getOrNull(0) as? String
                    result.complete(json ?: protocolErrorJson("__workscript.run resolved with something that is not a string"))
                    stopSignal.complete(null)
                    null
                }
                function("reject") { args ->
                    val described = args.getOrNull(0) as? String
                    result.complete(errorResultFromDescribedJs(described))
                    stopSignal.complete(null)
                    null
                }
            }
            qjs.evaluate<Any?>(
                """
                (function (h) {
                  var record = h.record, wait = h.wait;
                  globalThis.__host = Object.freeze({
                    call: function (method, argsJson) { return wait(record(method, argsJson)); }
                  });
                })(globalThis.__workscriptHost);
                """.trimIndent(),
                "workscript-host.js",
            )
            try {
                runtime.loadBundle(qjs)
            } catch (e: WorkscriptBundleException) {
                result.complete(errorJson(WorkscriptError.PROTOCOL, e.message ?: "bundle failed", ""))
                return
            }
            runtime.engineDriver?.let { driver ->
                val control = object : RunControl {
                    override val isResultCompleted: Boolean get() = result.isCompleted
                    override fun stop(reason: Int) = this@RunSession.stop(reason)
                }
                CoroutineScope(currentCoroutineContext()).launch { driver(control) }
            }
            qjs.evaluate<Any?>(glue(), "workscript-host-run.js")
            // evaluate returns once all host calls settled; a run that never settled its promise ends here.
            result.complete(protocolErrorJson("__workscript.run('$workerName') never settled its promise"))
        } catch (e: CancellationException) {
            throw e
        } catch (e: QuickJsInterruptedException) {
            result.complete(errorJson(WorkscriptError.ENGINE, "Worker '$workerName' was interrupted: ${e.message}", e.stack ?: ""))
        } catch (e: QuickJsException) {
            result.complete(engineErrorJson(e))
        } catch (e: Throwable) {
            result.complete(errorJson(WorkscriptError.ENGINE, "${e.javaClass.name}: ${e.message}", e.stackTraceToString()))
        } finally {
            synchronized(engineLock) {
                engine = null
                qjs.close()
            }
        }
    }

    private fun glue(): String {
        fun lit(s: String) = JsonPrimitive(s).toString()
        return """
            (function (g, h, name, input, ctx, runId) {
              delete globalThis.__workscriptHost;
              var done = false;
              h.stopWait(runId).then(function (reason) {
                if (!done && typeof reason === 'number') g.stop(runId, reason);
              });
              function describe(e) {
                try {
                  if (typeof e === 'object' && e !== null && typeof e.message === 'string') {
                    return JSON.stringify({ name: typeof e.name === 'string' ? e.name : 'Error', message: e.message, stack: typeof e.stack === 'string' ? e.stack : '' });
                  }
                  return JSON.stringify({ name: 'Error', message: 'rejected with ' + String(e), stack: '' });
                } catch (x) { return null; }
              }
              var p;
              try { p = g.run(name, input, ctx); } catch (e) { p = Promise.reject(e); }
              Promise.resolve(p).then(
                function (r) { done = true; h.finish(typeof r === 'string' ? r : null); },
                function (e) { done = true; h.reject(describe(e)); }
              );
            })(globalThis.__workscript, globalThis.__workscriptHost, ${lit(workerName)}, ${lit(inputJson)}, ${lit(contextJson)}, ${lit(runId)});
        """.trimIndent()
    }

    // ---- host calls -------------------------------------------------------------------------------------

    private suspend fun hostCall(method: String?, argsJson: String?): String {
        if (method == null || argsJson == null) return reply(HostCallException("bad-args", "__host.call needs (method: string, argsJson: string)"))
        config.hostCallHandler?.let { return it.call(method, argsJson) }
        return try {
            val args = try {
                Json.parseToJsonElement(argsJson).jsonObject
            } catch (e: Exception) {
                throw HostCallException("bad-args", "argsJson of '$method' is not a JSON object: ${argsJson.take(200)}")
            }
            """{"ok":true,"value":${dispatch(method, args)}}"""
        } catch (e: CancellationException) {
            throw e
        } catch (e: HostCallException) {
            reply(e)
        } catch (e: Exception) {
            reply(HostCallException("host-error", "${e.javaClass.simpleName}: ${e.message}"))
        }
    }

    private fun reply(e: HostCallException): String = buildJsonObject {
        put("ok", false)
        put("error", buildJsonObject { put("message", e.message); put("code", e.code) })
    }.toString()

    /** Returns the reply's `value` as JSON. */
    private suspend fun dispatch(method: String, args: JsonObject): String {
        fun str(key: String): String = (args[key] as? JsonPrimitive)?.takeIf { it.isString }?.content
            ?: throw HostCallException("bad-args", "'$method' needs a string \"$key\"")
        when (method) {
            "progress.set" -> {
                val progress = args["progress"] as? JsonObject ?: throw HostCallException("bad-args", "'progress.set' needs an object \"progress\"")
                if (stopped) throw HostCallException("stopped", "The run was stopped; progress is no longer accepted")
                onProgress(progress.toString())
                return "null"
            }
            "log" -> {
                config.logger.log(
                    (args["level"] as? JsonPrimitive)?.content ?: "info",
                    (args["message"] as? JsonPrimitive)?.content ?: "",
                    (args["fields"] as? JsonObject)?.toString() ?: "{}",
                    (args["runId"] as? JsonPrimitive)?.contentOrNullSafe() ?: runId,
                )
                return "null"
            }
            "timer.sleep" -> {
                val ms = (args["ms"] as? JsonPrimitive)?.content?.toDoubleOrNull()
                    ?: throw HostCallException("bad-args", "'timer.sleep' needs a number \"ms\"")
                if (stopped) throw HostCallException("stopped", "The run was stopped; timers no longer fire")
                delay(ms.toLong().coerceAtLeast(0))
                if (stopped) throw HostCallException("stopped", "The run was stopped; timers no longer fire")
                return "null"
            }
            "fetch" -> {
                val fetch = config.fetch ?: throw HostCallException("no-fetch", "fetch is not configured on this host: pass WorkscriptRuntime.Config(fetch = ...)")
                val headers = (args["headers"] as? JsonObject)?.mapValues { it.value.jsonPrimitive.content } ?: emptyMap()
                val request = WorkscriptFetchRequest(
                    url = str("url"),
                    method = (args["method"] as? JsonPrimitive)?.content ?: "GET",
                    headers = headers,
                    body = (args["body"] as? JsonPrimitive)?.contentOrNullSafe(),
                    timeoutMs = (args["timeoutMs"] as? JsonPrimitive)?.content?.toLongOrNull(),
                )
                val r = fetch.fetch(request)
                return buildJsonObject {
                    put("status", r.status)
                    put("url", r.url)
                    put("headers", JsonObject(r.headers.mapValues { JsonPrimitive(it.value) }))
                    put("body", r.body)
                }.toString()
            }
        }
        if (method.startsWith("storage.")) {
            val storage = config.storage ?: throw HostCallException("no-storage", "storage is not configured on this host: pass WorkscriptRuntime.Config(storage = FileWorkscriptStorage(file))")
            return when (method) {
                "storage.get" -> storage.get(str("key"))?.let { JsonPrimitive(it).toString() } ?: "null"
                "storage.set" -> { storage.set(str("key"), str("value")); "null" }
                "storage.delete" -> { storage.delete(str("key")); "null" }
                "storage.keys" -> kotlinx.serialization.json.JsonArray(storage.keys((args["prefix"] as? JsonPrimitive)?.contentOrNullSafe()).map { JsonPrimitive(it) }).toString()
                else -> throw HostCallException("unknown-method", "Unknown host method '$method'; storage has get, set, delete and keys")
            }
        }
        if (method.startsWith("native.")) {
            val name = method.removePrefix("native.")
            val handler = config.natives.find(name)
                ?: throw HostCallException("unknown-method", "No native service method '$name' is registered; registered: ${config.natives.names()}. Register it with WorkscriptNatives.register(...)")
            val callArgs = args["args"] as? kotlinx.serialization.json.JsonArray ?: throw HostCallException("bad-args", "'$method' needs an array \"args\"")
            val value = handler(callArgs.toString())
            return try {
                Json.parseToJsonElement(value).toString()
            } catch (e: Exception) {
                throw HostCallException("host-error", "Native handler '$name' returned something that is not JSON: ${value.take(200)}")
            }
        }
        throw HostCallException("unknown-method", "Unknown host method '$method' (bridge protocol v1)")
    }

    // ---- results ----------------------------------------------------------------------------------------

    private fun parseResult(json: String): WorkscriptResult {
        val obj = try {
            Json.parseToJsonElement(json).jsonObject
        } catch (e: Exception) {
            return hostFailure(WorkscriptError.PROTOCOL, "Worker '$workerName' resolved with ResultJson that is not a JSON object: ${json.take(200)}", "")
        }
        val output = obj["output"]?.toString() ?: "{}"
        val result = when ((obj["status"] as? JsonPrimitive)?.content) {
            "success" -> WorkscriptResult.Success(output, json)
            "retry" -> WorkscriptResult.Retry(json)
            "failure" -> WorkscriptResult.Failure(output, (obj["error"] as? JsonObject)?.let { e ->
                WorkscriptError(
                    (e["name"] as? JsonPrimitive)?.content ?: "Error",
                    (e["message"] as? JsonPrimitive)?.content ?: "",
                    // Bundle positions -> .ts positions through the bundle's source map (design.md: "Errors carry
                    // stacks mapped back to .ts file:line"). resultJson keeps the guest's unmapped stack.
                    runtime.mapStack((e["stack"] as? JsonPrimitive)?.content ?: ""),
                )
            }, json)
            else -> return hostFailure(WorkscriptError.PROTOCOL, "Worker '$workerName' resolved with a ResultJson whose status is not success, failure or retry: ${json.take(200)}", "")
        }
        if (result is WorkscriptResult.Failure && result.error != null) {
            config.logger.log("error", "Worker '$workerName' failed: ${result.error.name}: ${result.error.message}", buildJsonObject { put("stack", result.error.stack) }.toString(), runId)
        }
        return result
    }

    private fun hostFailure(name: String, message: String, stack: String): WorkscriptResult {
        val json = errorJson(name, message, stack)
        config.logger.log("error", "$name: $message", "{}", runId)
        return WorkscriptResult.Failure("{}", WorkscriptError(name, message, stack), json)
    }

    private fun errorJson(name: String, message: String, stack: String): String =
        """{"status":"failure","output":{},"error":${buildJsonObject { put("name", name); put("message", message); put("stack", stack) }}}"""

    private fun protocolErrorJson(message: String) = errorJson(WorkscriptError.PROTOCOL, message, "")

    private fun errorResultFromDescribedJs(described: String?): String {
        val e = described?.let { runCatching { Json.parseToJsonElement(it).jsonObject }.getOrNull() }
            ?: return protocolErrorJson("__workscript.run rejected (the protocol says it never rejects) with an undescribable value")
        return errorJson(
            (e["name"] as? JsonPrimitive)?.content ?: "Error",
            (e["message"] as? JsonPrimitive)?.content ?: "",
            (e["stack"] as? JsonPrimitive)?.content ?: "",
        )
    }

    /** An engine-level JavaScript error (e.g. out of memory outside any catch). */
    private fun engineErrorJson(e: QuickJsException): String {
        val first = (e.message ?: "").lineSequence().firstOrNull()?.trim() ?: ""
        val oom = first.contains("out of memory")
        val message = if (oom) {
            "Worker '$workerName' ran out of memory: the engine's limit is ${config.memoryLimitBytes} bytes. " +
                "Process less data at once or raise WorkscriptRuntime.Config.memoryLimitBytes."
        } else {
            "Worker '$workerName' failed in the engine: $first"
        }
        return errorJson(WorkscriptError.ENGINE, message, e.stack ?: "")
    }
}

/** What the test hook [WorkscriptRuntime.engineDriver] sees of a run. */
internal interface RunControl {
    /** Whether the guest's run promise settled (or the host ended the run). */
    val isResultCompleted: Boolean
    /** Delivers `__workscript.stop(runId, reason)`. */
    fun stop(reason: Int)
}

internal class HostCallException(val code: String, override val message: String) : Exception(message)

private fun JsonPrimitive.contentOrNullSafe(): String? = if (this is kotlinx.serialization.json.JsonNull) null else content
