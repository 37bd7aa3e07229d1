package dev.workscript.runtime

import androidx.work.Data
import com.dokar.quickjs.QuickJs
import com.dokar.quickjs.evaluate
import kotlinx.coroutines.withContext
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put
import java.io.File
import java.io.InputStream
import java.util.UUID

/**
 * Runs the workers of one Workscript bundle (`workers.js`) in QuickJS, speaking bridge protocol v1.
 *
 * Engine lifecycle: **a fresh QuickJS runtime per run**, closed when the run ends, so a run cannot leak state,
 * memory or a broken engine (after out-of-memory or an interrupt) into the next one. Engines run on long-lived
 * engine threads (stack [Config.maxStackSizeBytes] + 4 MiB) that are reused across runs, one engine at a time;
 * a thread whose engine ignored interrupts is never reused. Engines themselves are not pooled (bench/README.md,
 * "Kotlin runtime", has the figures behind that decision).
 *
 * Bundle loading: the first run evaluates the source (or the bytecode from [Config.bytecodeCacheDir] when a
 * previous process left it there); the bundle is then compiled to bytecode once, in the background, and later
 * runs evaluate the bytecode. [precompile] does that ahead of time; [bundleStats] tells which path was taken.
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
    internal val bundleName: String = "workers.js",
    /** Maps bundle positions in error stacks back to `.ts` sources; null keeps bundle positions. */
    public val sourceMap: WorkscriptSourceMap? = null,
) {
    private val loader = BundleLoader(bundleSource, bundleName, config.bytecodeCacheDir, config.logger, engineThreadStackBytes(), ::configure)

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
     * @property bytecodeCacheDir where the compiled bundle is kept across processes, one file per bundle named
     *   after its SHA-256 and checked against the QuickJS and quickjs-kt versions; a corrupt, truncated or
     *   foreign file is ignored and replaced. Default: null (compile once per process); `fromAssets` and the
     *   Android default runtime use `<codeCacheDir>/workscript` when this is null.
     * @property mergeTimeLimitMs wall-clock limit of one [merge] (a TypeScript input merger): past it the engine
     *   is interrupted and the merge throws [WorkscriptInputMergeException] with error [WorkscriptError.TIME_LIMIT].
     *   Much shorter than [timeLimitMs] because WorkManager merges inputs on its own background executor before
     *   it creates the worker, so a merger that never returns would hold that executor instead of just one
     *   worker. Default: 10,000 (10 s).
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
        val bytecodeCacheDir: File? = null,
        val mergeTimeLimitMs: Long = 10_000L,
    ) {
        init {
            require(memoryLimitBytes > 0) { "memoryLimitBytes must be > 0, got $memoryLimitBytes" }
            require(maxStackSizeBytes in 64L * 1024..256L * 1024 * 1024) { "maxStackSizeBytes must be 64 KiB..256 MiB, got $maxStackSizeBytes" }
            require(timeLimitMs > 0) { "timeLimitMs must be > 0, got $timeLimitMs" }
            require(stopGracePeriodMs >= 0) { "stopGracePeriodMs must be >= 0, got $stopGracePeriodMs" }
            require(mergeTimeLimitMs > 0) { "mergeTimeLimitMs must be > 0, got $mergeTimeLimitMs" }
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
     * @param context id, tags, attempt, generation and triggered content of this run.
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
            // Always sent, empty when no content change started the run; a guest older than these fields
            // ignores them, and guests treat them as optional (bridge protocol v1).
            put("triggeredContentUris", JsonArray(context.triggeredContentUris.map { JsonPrimitive(it) }))
            put("triggeredContentAuthorities", JsonArray(context.triggeredContentAuthorities.map { JsonPrimitive(it) }))
        }.toString()
        return RunSession(this, workerName, inputJson, contextJson, runId, context, onProgress).execute()
    }

    /**
     * Runs the bundle's TypeScript input merger [mergerName] (a `defineInputMerger` export) on [inputs] and
     * returns the merged Data: what a generated `InputMerger.merge` returns, through [Workscript.merge].
     *
     * Like a run, the merge gets a fresh engine (same memory and stack limits) on an engine thread, closed
     * afterwards. The inputs cross the bridge as tagged Data JSON ([WorkscriptData.dataToTaggedJson]), so every
     * value keeps its type; the guest's synchronous `__workscript.merge` answers in the same form, checked
     * against the 10,240-byte limit.
     *
     * A merger that does not return within [Config.mergeTimeLimitMs] (an endless loop) is interrupted and the
     * merge throws [WorkscriptInputMergeException] with [WorkscriptError.TIME_LIMIT]; should the engine ignore
     * interrupts too, its thread is abandoned after 10 s more and the exception is still thrown. Cancelling the
     * calling coroutine interrupts the merge as well.
     *
     * @param mergerName a name from the bundle's `__workscript.inputMergers`, e.g. `SumCountsInputMerger`.
     * @param inputs the inputs in WorkManager's order: the work's own input, then each prerequisite's output.
     * @throws WorkscriptInputMergeException when the merger throws (the guest's error name, message and stack,
     *   mapped to `.ts` positions when [sourceMap] is set), for an unknown merger name, past the time limit, on
     *   an engine failure (out of memory), or when the guest's answer breaks the protocol.
     * @throws WorkscriptBundleException when the bundle does not load, or has no `merge` because it was
     *   generated before custom input mergers: regenerate it.
     * @throws WorkscriptDataTooLargeException when the merged Data exceeds 10,240 bytes.
     */
    public suspend fun merge(mergerName: String, inputs: List<Data>): Data {
        val inputsJson = inputs.joinToString(",", "[", "]") { WorkscriptData.dataToTaggedJson(it) }
        return mergeResultToData(this, mergerName, mergeRaw(mergerName, inputsJson))
    }

    /** The guest's MergeResultJson for [inputsJson] exactly as it answered (conformance merge cases). @see merge */
    internal suspend fun mergeRaw(mergerName: String, inputsJson: String): String =
        MergeSession(this, mergerName, inputsJson).execute()

    /**
     * Loads the bundle in a fresh engine and returns `__workscript.workers`, checking the protocol version.
     * Use it to fail fast at startup. @throws WorkscriptBundleException when the bundle does not load or does
     * not speak protocol [PROTOCOL_VERSION].
     */
    public suspend fun workers(): List<String> {
        val thread = EngineThreads.acquire(engineThreadStackBytes())
        var evaluatedSource = false
        try {
            return withContext(thread.dispatcher) {
                val qjs = QuickJsInstances.create(thread.dispatcher)
                try {
                    configure(qjs)
                    evaluatedSource = loadBundle(qjs, check = true)
                    val names = qjs.evaluate<Any?>("JSON.stringify(globalThis.__workscript.workers)") as String
                    kotlinx.serialization.json.Json.parseToJsonElement(names).let { it as JsonArray }.map { (it as JsonPrimitive).content }
                } finally {
                    QuickJsInstances.close(qjs)
                }
            }
        } finally {
            EngineThreads.release(thread)
            if (evaluatedSource) loader.compileInBackground()
        }
    }

    /**
     * Makes the bytecode of the bundle ready now, so that the next run does not evaluate the source: loads it
     * from [Config.bytecodeCacheDir] or compiles it (and writes the cache file), on an engine thread. Also
     * awaits a background compile started by an earlier run. Optional: call it off the main thread at startup
     * to make even the first run a warm one.
     * @throws WorkscriptBundleException when the bundle does not compile.
     */
    public suspend fun precompile() {
        loader.precompile()
    }

    /** How this runtime has loaded its bundle so far: source or bytecode, compiles, cache hits and rejections. */
    public fun bundleStats(): WorkscriptBundleStats = loader.stats()

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

    /** Called by a run on its caller's thread while the engine thread starts up (see [BundleLoader.hashAheadOfCacheLookUp]). */
    internal fun prepareBundleLoad() = loader.hashAheadOfCacheLookUp()

    /** Called by a run whose bundle was evaluated from source, once the run is over. */
    internal fun compileInBackground() = loader.compileInBackground()

    /**
     * Evaluates the bundle (bytecode when ready, else the source). Returns true when the source was evaluated:
     * the caller then calls [compileInBackground] after its run. Runs check `__workscript` in their start
     * script ([BUNDLE_CHECK_JS]) to save an `evaluate`; [workers] checks it here.
     */
    internal suspend fun loadBundle(qjs: QuickJs, check: Boolean): Boolean {
        val evaluatedSource = loader.evaluate(qjs)
        if (check) {
            val problem = qjs.evaluate<Any?>("($BUNDLE_CHECK_JS)(globalThis.__workscript)", "workscript-host-check.js")
            if (problem != "ok") throw WorkscriptBundleException(notABundleMessage(problem.toString()))
        }
        return evaluatedSource
    }

    /** Why the bundle is not usable, from [BUNDLE_CHECK_JS]'s answer, and how to fix it. */
    internal fun notABundleMessage(problem: String): String =
        "The bundle $bundleName is not a Workscript bundle for bridge protocol v$PROTOCOL_VERSION: $problem. " +
            "Rebuild it with `workscript generate` from a matching @workscript/api."

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

/** A JavaScript function of `globalThis.__workscript` that returns 'ok' or what is wrong with it. */
internal const val BUNDLE_CHECK_JS: String = """function (g) {
  if (typeof g !== 'object' || g === null) return 'it does not define globalThis.__workscript';
  if (g.protocolVersion !== ${WorkscriptRuntime.PROTOCOL_VERSION}) return 'its __workscript.protocolVersion is ' + JSON.stringify(g.protocolVersion) + ', this host speaks ${WorkscriptRuntime.PROTOCOL_VERSION}';
  if (typeof g.run !== 'function' || typeof g.stop !== 'function') return '__workscript.run or __workscript.stop is not a function';
  return 'ok';
}"""

/** The bundle does not load or does not implement bridge protocol v1; the message says which and how to fix it. */
public class WorkscriptBundleException(message: String, cause: Throwable? = null) : Exception(message, cause)
