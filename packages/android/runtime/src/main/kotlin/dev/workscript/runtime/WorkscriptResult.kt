package dev.workscript.runtime

/**
 * What one run of a worker produced, parsed from the guest's ResultJson (bridge protocol v1).
 * Map it to `ListenableWorker.Result.success/failure/retry`.
 */
public sealed class WorkscriptResult {
    /** The ResultJson exactly as the guest produced it (or as the host built it for host-side failures). */
    public abstract val resultJson: String

    /** `{"status":"success","output":{...}}`: [outputJson] is the output object as compact JSON. */
    public data class Success(val outputJson: String, override val resultJson: String) : WorkscriptResult()

    /**
     * `{"status":"failure","output":{...}}`, or a thrown error, engine failure or limit hit, in which case
     * [error] says what happened and [outputJson] is `{}` (WorkManager: FAILED with empty output).
     */
    public data class Failure(
        val outputJson: String,
        val error: WorkscriptError?,
        override val resultJson: String,
    ) : WorkscriptResult()

    /** `{"status":"retry"}`: retry with the request's backoff. */
    public data class Retry(override val resultJson: String) : WorkscriptResult()
}

/**
 * An error that ended a run: thrown by the worker (name/message/stack from JavaScript) or raised by the host
 * ([WorkscriptError.TIME_LIMIT], [WorkscriptError.ENGINE], [WorkscriptError.PROTOCOL]).
 */
public data class WorkscriptError(val name: String, val message: String, val stack: String) {
    /** Names of errors the host raises itself. */
    public companion object {
        /** The run exceeded [WorkscriptRuntime.Config.timeLimitMs]; it was stopped and interrupted. */
        public const val TIME_LIMIT: String = "WorkscriptTimeLimitError"
        /** The engine failed outside the worker's control (bundle did not load, engine out of memory, interrupted). */
        public const val ENGINE: String = "WorkscriptEngineError"
        /** The guest broke bridge protocol v1 (no `__workscript`, wrong version, malformed ResultJson). */
        public const val PROTOCOL: String = "WorkscriptProtocolError"
    }
}
