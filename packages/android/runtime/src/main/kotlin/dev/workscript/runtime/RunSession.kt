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

/**
 * One run: a fresh engine on a pooled engine thread ([EngineThreads]), the `__host.call` channel, stop
 * delivery and the time limit.
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
    /** The run's ResultJson, set once by the engine side (first writer wins) as soon as it is known. */
    private val outcome = java.util.concurrent.atomic.AtomicReference<String?>(null)
    /** Completed with [outcome] once the engine is closed, so the caller wakes up once, with the engine gone. */
    private val result = CompletableDeferred<String>()
    /** Set on the engine thread right after the engine closed. */
    @Volatile private var engineClosed = false
    private val stopSignal = CompletableDeferred<Int?>()
    private val engineLock = Any()
    @Volatile private var engine: QuickJs? = null
    @Volatile private var stopped = false
    private val calls = java.util.concurrent.ConcurrentHashMap<Long, Deferred<String>>()
    private val nextCallId = java.util.concurrent.atomic.AtomicLong()
    /** Set on the engine thread when the bundle was evaluated from source (no bytecode yet). */
    @Volatile private var evaluatedSource = false

    suspend fun execute(): WorkscriptResult {
        val thread = EngineThreads.acquire(runtime.engineThreadStackBytes())
        val dispatcher = thread.dispatcher
        val evalJob = CoroutineScope(dispatcher + SupervisorJob()).launch { runEngine(dispatcher) }
        runtime.prepareBundleLoad()
        try {
            val resultJson = awaitOutcome(config.timeLimitMs)
            if (resultJson != null) return parseResult(resultJson)
            withContext(NonCancellable) {
                stop(WorkscriptRunContext.STOP_REASON_TIMEOUT)
                awaitOutcome(config.stopGracePeriodMs)
            }
            val message = "Worker '$workerName' ran longer than its time limit of ${config.timeLimitMs} ms; it was stopped " +
                "(reason TIMEOUT) and interrupted. Make it honour ctx.signal and finish sooner, or raise " +
                "WorkscriptRuntime.Config.timeLimitMs."
            return hostFailure(WorkscriptError.TIME_LIMIT, message, "")
        } catch (e: CancellationException) {
            withContext(NonCancellable) {
                stop(context.stopReason())
                awaitOutcome(config.stopGracePeriodMs)
            }
            throw e
        } finally {
            val closed = withContext(NonCancellable) { shutdown(evalJob) }
            // Reuse the thread only when its engine is closed; an abandoned engine may still be running on it.
            if (closed) EngineThreads.release(thread) else thread.close()
            if (evaluatedSource) runtime.compileInBackground()
        }
    }

    private fun settle(json: String) {
        outcome.compareAndSet(null, json)
    }

    /**
     * The ResultJson of the run, or null past the time limit. Normally [result] completes once the engine has
     * closed. A guest that settled but keeps the engine busy (synchronous JavaScript after its result) would
     * hold [result] back until interrupted, so every [SETTLED_CHECK_MS] the [outcome] is looked at too; the
     * caller's shutdown then interrupts the engine.
     */
    private suspend fun awaitOutcome(timeLimitMs: Long): String? {
        val start = System.nanoTime()
        // Saturating: a limit of Long.MAX_VALUE ms ("never") must not overflow into the past.
        val limitNanos = if (timeLimitMs >= Long.MAX_VALUE / 1_000_000) Long.MAX_VALUE else timeLimitMs * 1_000_000
        while (true) {
            val elapsed = System.nanoTime() - start
            if (elapsed >= limitNanos) return outcome.get()
            val waitMs = ((limitNanos - elapsed) / 1_000_000).coerceIn(1, SETTLED_CHECK_MS)
            withTimeoutOrNull(waitMs) { result.await() }?.let { return it }
            outcome.get()?.let { return it }
        }
    }

    /** Delivers a stop to the guest (once); later host calls of this run are refused. */
    private fun stop(reason: Int) {
        stopped = true
        stopSignal.complete(reason)
    }

    /**
     * Cancels the engine coroutine, interrupting JavaScript until it lets go; the engine closes on its thread.
     * Returns false when the engine ignored interrupts for 10 s and was abandoned.
     */
    private suspend fun shutdown(evalJob: Job): Boolean {
        // The engine closed itself (the usual end of a run): its coroutine only has its own completion left to
        // run, and that runs on the engine thread before anything a next run of this thread could queue.
        if (engineClosed) return true
        val closed = cancelAndInterrupt(evalJob) {
            synchronized(engineLock) { engine?.takeIf { !it.isClosed }?.interruptEvaluation() }
        }
        if (!closed) {
            config.logger.log("error", "Worker '$workerName' ignored interrupts for 10 s; its engine thread is abandoned", "{}", runId)
        }
        return closed
    }

    private suspend fun runEngine(dispatcher: kotlinx.coroutines.CoroutineDispatcher) {
        val qjs = QuickJsInstances.create(dispatcher)
        synchronized(engineLock) { engine = qjs }
        try {
            runtime.configure(qjs)
            // Host calls start synchronously, inside the guest's __host.call, so that calls the guest does not
            // await (fire-and-forget logs right before returning) are still made, in order.
            val engineJob = currentCoroutineContext()[Job]
            val callScope = CoroutineScope(currentCoroutineContext() + SupervisorJob(engineJob))
            qjs.define("__workscriptHost") {
                function("record") { args ->
                    val id = nextCallId.incrementAndGet()
                    calls[id] = callScope.async(start = CoroutineStart.UNDISPATCHED) {
                        hostCall((args.getOrNull(0) as? String)?.let(::decodeGuestString), (args.getOrNull(1) as? String)?.let(::decodeGuestString))
                    }
                    id
                }
                asyncFunction("wait") { args ->
                    val id = (args.getOrNull(0) as? Number)?.toLong()
                    (id?.let { calls.remove(it) } ?: error("unknown host call id $id")).await()
                }
                asyncFunction("stopWait") { stopSignal.await() }
                function("finish") { args ->
                    val json = (args.getOrNull(0) as? String)?.let(::decodeGuestString)
                    settle(json ?: protocolErrorJson("__workscript.run resolved with something that is not a string"))
                    // The run is over: end the evaluation (pending host calls included) and close the engine
                    // right away; the caller is woken once, after the close, instead of cancelling it itself.
                    engineJob?.cancel()
                    null
                }
                function("reject") { args ->
                    val described = (args.getOrNull(0) as? String)?.let(::decodeGuestString)
                    settle(errorResultFromDescribedJs(described))
                    engineJob?.cancel()
                    null
                }
                function("invalid") { args ->
                    settle(errorJson(WorkscriptError.PROTOCOL, runtime.notABundleMessage((args.getOrNull(0) as? String)?.let(::decodeGuestString) ?: args.getOrNull(0).toString()), ""))
                    engineJob?.cancel()
                    null
                }
            }
            qjs.evaluate<Any?>(hostBytecode(qjs))
            try {
                evaluatedSource = runtime.loadBundle(qjs, check = false)
            } catch (e: WorkscriptBundleException) {
                settle(errorJson(WorkscriptError.PROTOCOL, e.message ?: "bundle failed", ""))
                return
            }
            runtime.engineDriver?.let { driver ->
                val control = object : RunControl {
                    override val isResultCompleted: Boolean get() = outcome.get() != null
                    override fun stop(reason: Int) = this@RunSession.stop(reason)
                }
                CoroutineScope(currentCoroutineContext()).launch { driver(control) }
            }
            qjs.evaluate<Any?>(glue(), "workscript-host-run.js")
            if (outcome.get() == null) {
                // The guest waits on something other than the host (only ctx.signal, say): keep the engine up and
                // deliver stops. A run that made host calls was already watching, and this returns at once.
                qjs.evaluate<Any?>("globalThis.__workscriptWatchStops();", "workscript-host-watch.js")
            }
            // evaluate returns once all host calls settled; a run that never settled its promise ends here.
            settle(protocolErrorJson("__workscript.run('$workerName') never settled its promise"))
        } catch (e: CancellationException) {
            throw e
        } catch (e: QuickJsInterruptedException) {
            settle(errorJson(WorkscriptError.ENGINE, "Worker '$workerName' was interrupted: ${e.message}", e.stack ?: ""))
        } catch (e: QuickJsException) {
            settle(engineErrorJson(e))
        } catch (e: Throwable) {
            settle(errorJson(WorkscriptError.ENGINE, "${e.javaClass.name}: ${e.message}", e.stackTraceToString()))
        } finally {
            synchronized(engineLock) {
                engine = null
                QuickJsInstances.close(qjs)
            }
            engineClosed = true
            result.complete(outcome.get() ?: protocolErrorJson("The engine of worker '$workerName' ended without a result"))
        }
    }

    /** The per-run script: only the call of [HOST_JS]'s `__workscriptStart`, so that little is parsed per run. */
    private fun glue(): String {
        fun lit(s: String) = JsonPrimitive(s).toString()
        return "__workscriptStart(${lit(workerName)}, ${lit(inputJson)}, ${lit(contextJson)}, ${lit(runId)});"
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

@Volatile private var hostBytecodeCache: ByteArray? = null

/** [HOST_JS] compiled once per process (parsing it in every run cost ~0.1 ms); one QuickJS build per process. */
private fun hostBytecode(qjs: QuickJs): ByteArray =
    hostBytecodeCache ?: qjs.compile(HOST_JS, "workscript-host.js", false).also { hostBytecodeCache = it }

/**
 * Evaluated before the bundle: defines the bridge's `__host` over the `__workscriptHost` bindings, and
 * `__workscriptStart`, which the per-run script calls after the bundle: it removes both helper globals, checks
 * `__workscript` ([BUNDLE_CHECK_JS]), forwards stops, calls `__workscript.run` and reports how it settled.
 */
private val HOST_JS = """
(function (h) {
  var record = h.record, wait = h.wait;
  // Strings to Kotlin are encoded: quickjs-kt cuts characters outside the BMP otherwise (GuestStrings.kt).
  var encode = $ENCODE_FOR_HOST_JS;
  var g, runId, done = false, watching = false;
  // Stops reach the guest through a pending host call that resolves with the reason. It is only needed once
  // the guest waits on the host: before that, the guest's work is all microtasks of the start script.
  function watchStops() {
    if (watching || runId === undefined) return;
    watching = true;
    h.stopWait(runId).then(function (reason) {
      if (!done && typeof reason === 'number') g.stop(runId, reason);
    });
  }
  globalThis.__host = Object.freeze({
    call: function (method, argsJson) { watchStops(); return wait(record(encode(method), encode(argsJson))); }
  });
  // For the host, when the start script ended with the run unsettled and no host call made (see RunSession).
  Object.defineProperty(globalThis, '__workscriptWatchStops', { value: watchStops, configurable: true });
  var check = $BUNDLE_CHECK_JS;
  function describe(e) {
    try {
      if (typeof e === 'object' && e !== null && typeof e.message === 'string') {
        return JSON.stringify({ name: typeof e.name === 'string' ? e.name : 'Error', message: e.message, stack: typeof e.stack === 'string' ? e.stack : '' });
      }
      return JSON.stringify({ name: 'Error', message: 'rejected with ' + String(e), stack: '' });
    } catch (x) { return null; }
  }
  globalThis.__workscriptStart = function (name, input, ctx, id) {
    delete globalThis.__workscriptHost;
    delete globalThis.__workscriptStart;
    g = globalThis.__workscript;
    var problem = check(g);
    if (problem !== 'ok') { h.invalid(encode(problem)); return; }
    runId = id;
    var p;
    try { p = g.run(name, input, ctx); } catch (e) { p = Promise.reject(e); }
    Promise.resolve(p).then(
      function (r) { done = true; h.finish(typeof r === 'string' ? encode(r) : null); },
      function (e) { done = true; h.reject(encode(describe(e))); }
    );
  };
})(globalThis.__workscriptHost);
""".trimIndent()

/** What the test hook [WorkscriptRuntime.engineDriver] sees of a run. */
internal interface RunControl {
    /** Whether the guest's run promise settled (or the host ended the run). */
    val isResultCompleted: Boolean
    /** Delivers `__workscript.stop(runId, reason)`. */
    fun stop(reason: Int)
}

/** How often a caller waiting for a run's result checks whether the guest settled while its engine is busy. */
private const val SETTLED_CHECK_MS = 100L

internal class HostCallException(val code: String, override val message: String) : Exception(message)

private fun JsonPrimitive.contentOrNullSafe(): String? = if (this is kotlinx.serialization.json.JsonNull) null else content
