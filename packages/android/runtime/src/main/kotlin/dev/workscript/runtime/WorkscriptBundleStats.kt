package dev.workscript.runtime

/**
 * How one [WorkscriptRuntime] has loaded its bundle so far ([WorkscriptRuntime.bundleStats]); counters since the
 * runtime was created. Lets apps and tests see whether a process started from the bytecode cache.
 *
 * @property sourceEvaluations runs that evaluated the bundle's source because no bytecode was ready yet (the
 *   first run of a runtime without a usable cache file, and runs started while the bundle was still compiling).
 * @property bytecodeEvaluations runs (and [WorkscriptRuntime.workers] calls) that evaluated compiled bytecode.
 * @property compilations times the bundle was compiled to bytecode (in the background after a source
 *   evaluation, or by [WorkscriptRuntime.precompile]); at most one per runtime unless a compile failed.
 * @property cacheHits bytecode loaded from [WorkscriptRuntime.Config.bytecodeCacheDir] without compiling.
 * @property cacheMisses lookups that found no cache file for this bundle.
 * @property cacheRejections cache files ignored as corrupt, truncated, or written for another bundle, QuickJS
 *   build or CPU architecture; each is replaced by the next compile.
 * @property cacheWrites cache files written (atomically).
 */
public data class WorkscriptBundleStats(
    val sourceEvaluations: Int,
    val bytecodeEvaluations: Int,
    val compilations: Int,
    val cacheHits: Int,
    val cacheMisses: Int,
    val cacheRejections: Int,
    val cacheWrites: Int,
)
