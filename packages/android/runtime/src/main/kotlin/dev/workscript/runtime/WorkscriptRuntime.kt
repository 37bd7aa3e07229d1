package dev.workscript.runtime

import com.dokar.quickjs.QuickJs
import com.dokar.quickjs.evaluate
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.asCoroutineDispatcher
import kotlinx.coroutines.withContext
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put
import java.io.InputStream
import java.util.UUID
import java.util.concurrent.Executors

/**
 * Runs the workers of one Workscript bundle (`workers.js`) in QuickJS, speaking bridge protocol v1.
 *
 * Engine lifecycle: **a fresh QuickJS runtime per run**, on its own engine thread, closed when the run ends.
 * A run therefore cannot leak state, memory or a broken engine (after out-of-memory or an interrupt) into the
 * next one. The bundle is compiled to bytecode once per [WorkscriptRuntime] and each run evaluates the
 * bytecode. Pooling warm engines is not implemented.
 *
 * Thread-safe: runs may execute concurrently, each in its own engine.
 *
 * @param bundleSource the bundle's JavaScript (an ES2020 script that defines `globalThis.__workscript`).
 * @param config limits and services; see [Config] for defaults.
 * @param bundleName the file name used in stack traces. Default: `workers.js`.
 * @param sourceMap the bundle's source map (`workers.js.map`); when given, error stacks of failed runs
 *   ([WorkscriptError.stack]) point at `.ts` file:line:column instead of the bundle. Default: null (unmapped).
 */
public class WorkscriptRuntime(
    private val bundleSource: String,
    /** Limits and services of every run. */
    public val config: Config = Config(),
    private val bundleName: String = "workers.js",
    /** Maps bundle positions in error stacks back to `.ts` sources; null keeps bundle positions. */
    public val sourceMap: WorkscriptSourceMap? = null,
) {
    @Volatile
    private var bytecode: ByteArray? = null

    /**
     * Limits and services.
     *
     * @property memoryLimitBytes QuickJS heap limit per run; past it allocations fail with "out of memory" and
     *   the run fails. Default: 64 MiB.
     * @property maxStackSizeBytes QuickJS stack limit; deeper recursion throws a catchable "stack overflow".
     *   The engine thread gets this plus 4 MiB of native stack. Default: 1 MiB.
     * @property timeLimitMs wall-clock limit per run, like WorkManager's 10-minute execution limit: the guest is
     *   stopped with reason TIMEOUT (3), given [stopGracePeriodMs], then interrupted; the run returns
     *   [WorkscriptResult.Failure] with error [WorkscriptError.TIME_LIMIT]. Default: 600,000 (10 minutes).
     * @property stopGracePeriodMs after a stop, how long a worker may take to honour `ctx.signal` before the
     *   engine is interrupted. Default: 5,000.
     * @property storage backs `storage.*`; null makes those calls fail with code `no-storage`. Default: null.
     * @property fetch backs `fetch`; null makes it fail with code `no-fetch`. Default: null.
     * @property natives handlers of `native.<Service>.<method>`. Default: none registered.
     * @property logger receives `log` calls and worker errors. Default: [WorkscriptLogger.JUL].
     * @property hostCallHandler replaces the built-in dispatch of every `__host.call` (conformance tests,
     *   custom hosts). Default: null (built-in dispatch).
     */
    public data class Config(
        val memoryLimitBytes: Long = 64L * 1024 * 1024,
        val maxStackSizeBytes: Long = 1024L * 1024,
        val timeLimitMs: Long = 10 * 60 * 1000L,
        val stopGracePeriodMs: Long = 5_000L,
        val storage: WorkscriptStorage? = null,
        val fetch: WorkscriptFetch? = null,
        val natives: WorkscriptNatives = WorkscriptNatives(),
        val logger: WorkscriptLogger = WorkscriptLogger.JUL,
        val hostCallHandler: WorkscriptHostCallHandler? = null,
    ) {
        init {
            require(memoryLimitBytes > 0) { "memoryLimitBytes must be > 0, got $memoryLimitBytes" }
            require(maxStackSizeBytes in 64L * 1024..256L * 1024 * 1024) { "maxStackSizeBytes must be 64 KiB..256 MiB, got $maxStackSizeBytes" }
            require(timeLimitMs > 0) { "timeLimitMs must be > 0, got $timeLimitMs" }
            require(stopGracePeriodMs >= 0) { "stopGracePeriodMs must be >= 0, got $stopGracePeriodMs" }
        }
    }

    /**
     * Runs worker [workerName] once and returns its result. Never throws for worker errors, engine failures
     * or limits: those become [WorkscriptResult.Failure] with an [WorkscriptError].
     *
     * Cancelling the calling coroutine stops the run: the guest's `__workscript.stop(runId, reason)` aborts
     * `ctx.signal` with `context.stopReason()`, the worker gets [Config.stopGracePeriodMs] to finish, then the
     * engine is interrupted; the CancellationException is rethrown and whatever the worker returned is
     * ignored, as WorkManager ignores it.
     *
     * @param workerName a name from the bundle's `__workscript.workers`.
     * @param inputJson the input as a JSON object (decode `inputData` with the worker's generated decoder).
     * @param context id, tags, attempt and generation of this run.
     * @param onProgress receives each `ctx.setProgress` as a JSON object; the guest's call completes when it
     *   returns and rejects if it throws (e.g. progress over 10,240 bytes as Data). Default: ignore progress.
     */
    public suspend fun run(
        workerName: String,
        inputJson: String,
        context: WorkscriptRunContext,
        onProgress: suspend (progressJson: String) -> Unit = {},
    ): WorkscriptResult {
        val runId = UUID.randomUUID().toString()
        val contextJson = buildJsonObject {
            put("runId", runId)
            put("id", context.id)
            put("tags", JsonArray(context.tags.map { JsonPrimitive(it) }))
            put("runAttemptCount", context.runAttemptCount)
            put("generation", context.generation)
        }.toString()
        return RunSession(this, workerName, inputJson, contextJson, runId, context, onProgress).execute()
    }

    /**
     * Loads the bundle in a fresh engine and returns `__workscript.workers`, checking the protocol version.
     * Use it to fail fast at startup. @throws WorkscriptBundleException when the bundle does not load or does
     * not speak protocol [PROTOCOL_VERSION].
     */
    public suspend fun workers(): List<String> {
        val executor = Executors.newSingleThreadExecutor { r -> Thread(null, r, "workscript-engine", engineThreadStackBytes()) }
        val dispatcher = executor.asCoroutineDispatcher()
        try {
            return withContext(dispatcher) {
                val qjs = QuickJs.create(dispatcher)
                try {
                    configure(qjs)
                    loadBundle(qjs)
                    val names = qjs.evaluate<Any?>("JSON.stringify(globalThis.__workscript.workers)") as String
                    kotlinx.serialization.json.Json.parseToJsonElement(names).let { it as JsonArray }.map { (it as JsonPrimitive).content }
                } finally {
                    qjs.close()
                }
            }
        } finally {
            dispatcher.close()
        }
    }

    /** Test hook: runs on the engine thread beside each run (the conformance runner scripts host replies with it). */
    internal var engineDriver: (suspend (RunControl) -> Unit)? = null

    /** Like [run] but with the guest's `contextJson` and `runId` given verbatim (conformance cases). */
    internal suspend fun runRaw(workerName: String, inputJson: String, contextJson: String, runId: String): WorkscriptResult =
        RunSession(this, workerName, inputJson, contextJson, runId, WorkscriptRunContext(runId), {}).execute()

    /** [stack] with bundle positions mapped to `.ts` positions when a [sourceMap] is set. */
    internal fun mapStack(stack: String): String = sourceMap?.mapStack(stack, bundleName) ?: stack

    internal fun engineThreadStackBytes(): Long = config.maxStackSizeBytes + 4L * 1024 * 1024

    /** Applies limits; quickjs-kt only applies the stack limit natively when it is set explicitly. */
    internal fun configure(qjs: QuickJs) {
        qjs.memoryLimit = config.memoryLimitBytes
        qjs.maxStackSize = config.maxStackSizeBytes
    }

    /** Evaluates the bundle (compiled once, then from bytecode) and checks `__workscript`. */
    internal suspend fun loadBundle(qjs: QuickJs) {
        val code = bytecode ?: try {
            qjs.compile(bundleSource, bundleName, false).also { bytecode = it }
        } catch (e: Exception) {
            throw WorkscriptBundleException("The bundle $bundleName does not compile: ${e.message}", e)
        }
        try {
            qjs.evaluate<Any?>(code)
        } catch (e: Exception) {
            throw WorkscriptBundleException("Evaluating the bundle $bundleName threw: ${e.message}", e)
        }
        val check = qjs.evaluate<Any?>(
            """
            (function (g) {
              if (typeof g !== 'object' || g === null) return 'it does not define globalThis.__workscript';
              if (g.protocolVersion !== $PROTOCOL_VERSION) return 'its __workscript.protocolVersion is ' + JSON.stringify(g.protocolVersion) + ', this host speaks $PROTOCOL_VERSION';
              if (typeof g.run !== 'function' || typeof g.stop !== 'function') return '__workscript.run or __workscript.stop is not a function';
              return 'ok';
            })(globalThis.__workscript)
            """.trimIndent(),
            "workscript-host-check.js",
        )
        if (check != "ok") {
            throw WorkscriptBundleException(
                "The bundle $bundleName is not a Workscript bundle for bridge protocol v$PROTOCOL_VERSION: $check. " +
                    "Rebuild it with `workscript generate` from a matching @workscript/api.",
            )
        }
    }

    /** Constants and factories. */
    public companion object {
        /** The bridge protocol version this host speaks. */
        public const val PROTOCOL_VERSION: Int = 1

        /**
         * Reads the bundle from [input] (UTF-8; closed afterwards), e.g. an Android asset stream, and its source map
         * from [sourceMapInput] when given (closed afterwards).
         * @throws IllegalArgumentException when the source map is not a valid v3 map.
         */
        public fun fromStream(
            input: InputStream,
            config: Config = Config(),
            bundleName: String = "workers.js",
            sourceMapInput: InputStream? = null,
        ): WorkscriptRuntime = WorkscriptRuntime(
            input.use { it.readBytes().toString(Charsets.UTF_8) },
            config,
            bundleName,
            sourceMapInput?.use { WorkscriptSourceMap.parse(it.readBytes().toString(Charsets.UTF_8)) },
        )
    }
}

/** The bundle does not load or does not implement bridge protocol v1; the message says which and how to fix it. */
public class WorkscriptBundleException(message: String, cause: Throwable? = null) : Exception(message, cause)
