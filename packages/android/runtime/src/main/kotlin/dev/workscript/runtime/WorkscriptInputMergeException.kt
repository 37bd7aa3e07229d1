package dev.workscript.runtime

/**
 * A custom input merger written in TypeScript failed: it threw (the guest answered `{"ok":false,...}`), or the
 * host ended it (time limit [WorkscriptRuntime.Config.mergeTimeLimitMs], out of memory, an engine failure), or
 * its answer broke bridge protocol v1. Generated `InputMerger`s let it propagate, so the work does not run: the
 * current coroutine-based WorkManager `WorkerWrapper` catches it ("Unexpected error in WorkerWrapper") and fails
 * the work, as when one of androidx's own mergers throws; older versions call `merge` without a `try`, and the
 * exception escapes WorkManager's task executor.
 *
 * The message is the error's name and message, e.g. `TypeError: count is not a number`, as JavaScript prints an
 * error; [mergerName] says which merger, [error] has the stack.
 */
public class WorkscriptInputMergeException(
    /** The merger's name, e.g. `SumCountsInputMerger`. */
    public val mergerName: String,
    /**
     * What went wrong: the guest's error (name, message, and stack mapped to `.ts` positions when the runtime has
     * a source map), or one the host raised ([WorkscriptError.TIME_LIMIT], [WorkscriptError.ENGINE],
     * [WorkscriptError.PROTOCOL]).
     */
    public val error: WorkscriptError,
    cause: Throwable? = null,
) : RuntimeException("${error.name}: ${error.message}", cause)
