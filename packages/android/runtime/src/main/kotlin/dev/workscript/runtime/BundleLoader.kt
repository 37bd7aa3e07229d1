package dev.workscript.runtime

import com.dokar.quickjs.QuickJs
import com.dokar.quickjs.evaluate
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Deferred
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.async
import kotlinx.coroutines.withContext
import java.io.File
import java.io.IOException
import java.util.concurrent.atomic.AtomicInteger
import java.util.concurrent.atomic.AtomicReference

/**
 * Gets one bundle into engines as cheaply as it can: compiled bytecode from memory, else from the persistent
 * cache ([BytecodeCacheFile] in [cacheDir]), else the source.
 *
 * A run that finds no bytecode evaluates the **source** directly (what raw QuickJS does), rather than compiling
 * first and then evaluating the bytecode, which costs ~0.5 ms more on a 66 KiB bundle; the bundle is then
 * compiled once, in the background on an engine thread of its own ([compileInBackground]), for later runs and
 * the cache file of later processes.
 */
internal class BundleLoader(
    private val source: String,
    private val bundleName: String,
    private val cacheDir: File?,
    private val logger: WorkscriptLogger,
    private val engineStackBytes: Long,
    private val configure: (QuickJs) -> Unit,
) {
    @Volatile
    private var bytecode: ByteArray? = null

    /** The cache file is looked up once per loader (process start); afterwards only [bytecode] matters. */
    @Volatile
    private var cacheChecked = false

    private val sha256 by lazy { BytecodeCacheFile.sha256Hex(source) }
    private val compileJob = AtomicReference<Deferred<ByteArray>?>(null)
    private val scope = CoroutineScope(SupervisorJob())

    private val sourceEvaluations = AtomicInteger()
    private val bytecodeEvaluations = AtomicInteger()
    private val compilations = AtomicInteger()
    private val cacheHits = AtomicInteger()
    private val cacheMisses = AtomicInteger()
    private val cacheRejections = AtomicInteger()
    private val cacheWrites = AtomicInteger()

    fun stats(): WorkscriptBundleStats = WorkscriptBundleStats(
        sourceEvaluations.get(), bytecodeEvaluations.get(), compilations.get(),
        cacheHits.get(), cacheMisses.get(), cacheRejections.get(), cacheWrites.get(),
    )

    /**
     * Evaluates the bundle in [qjs] (on its engine thread). Returns true when it had to evaluate the source,
     * i.e. the caller should [compileInBackground] once its run is over.
     * @throws WorkscriptBundleException when the bundle does not compile or throws while evaluating.
     */
    suspend fun evaluate(qjs: QuickJs): Boolean {
        val code = bytecode ?: lookUpCache(qjs.version)
        try {
            if (code != null) {
                bytecodeEvaluations.incrementAndGet()
                qjs.evaluate<Any?>(code)
                return false
            }
            sourceEvaluations.incrementAndGet()
            qjs.evaluate<Any?>(source, bundleName)
            return true
        } catch (e: CancellationException) {
            throw e
        } catch (e: Exception) {
            throw WorkscriptBundleException("Evaluating the bundle $bundleName threw: ${e.message}", e)
        }
    }

    /**
     * Hashes the bundle (SHA-256, ~0.2 ms for 66 KiB) on the calling thread if the engine thread is about to
     * look up the cache file, so that the hash is computed while the engine is being created rather than after.
     */
    fun hashAheadOfCacheLookUp() {
        if (cacheDir != null && !cacheChecked && bytecode == null) sha256
    }

    /**
     * Starts compiling the bundle off the caller's path unless bytecode is ready or a compile ran already. A
     * failed compile (logged) is not retried from here, so a bundle that cannot be compiled within the limits
     * does not cost every later run a compile; [precompile] retries.
     */
    fun compileInBackground() {
        if (bytecode == null && compileJob.get() == null) compileOnce()
    }

    /** Bytecode ready for the next run: from memory, the cache file or a compile (awaited, cache file written). */
    suspend fun precompile() {
        // A running compile sets the bytecode before it writes the cache file: wait for all of it.
        compileJob.get()?.takeIf { !it.isCompleted }?.let { it.await(); return }
        if (bytecode == null) compileOnce().await()
    }

    private fun compileOnce(): Deferred<ByteArray> {
        while (true) {
            val running = compileJob.get()
            // A failed compile may be retried (e.g. it ran out of memory); a running or successful one is shared.
            if (running != null && !(running.isCompleted && running.getCompletionExceptionOrNull() != null)) return running
            val job = scope.async(start = kotlinx.coroutines.CoroutineStart.LAZY) { compile() }
            if (compileJob.compareAndSet(running, job)) return job.also { it.start() }
        }
    }

    private suspend fun compile(): ByteArray {
        bytecode?.let { return it }
        val thread = EngineThreads.acquire(engineStackBytes)
        try {
            return withContext(thread.dispatcher) {
                val qjs = QuickJsInstances.create(thread.dispatcher)
                try {
                    configure(qjs)
                    val version = qjs.version
                    // precompile() at startup: a previous process may have left the bytecode on disk.
                    lookUpCache(version)?.let { return@withContext it }
                    val code = try {
                        qjs.compile(source, bundleName, false)
                    } catch (e: Exception) {
                        throw WorkscriptBundleException("The bundle $bundleName does not compile: ${e.message}", e)
                    }
                    compilations.incrementAndGet()
                    bytecode = code
                    writeCache(version, code)
                    code
                } finally {
                    QuickJsInstances.close(qjs)
                }
            }
        } catch (e: WorkscriptBundleException) {
            logger.log("error", e.message ?: "bundle compile failed", "{}", null)
            throw e
        } finally {
            // The engine is closed either way, so the thread is clean for the next run.
            EngineThreads.release(thread)
        }
    }

    private fun cacheFile(quickJsVersion: String): BytecodeCacheFile? =
        cacheDir?.let { BytecodeCacheFile(it, bundleName, sha256, quickJsVersion) }

    /** Reads the cache file on first use; a hit becomes [bytecode]. */
    private fun lookUpCache(quickJsVersion: String): ByteArray? {
        if (cacheChecked) return null
        val file = cacheFile(quickJsVersion) ?: return null
        cacheChecked = true
        return when (val read = file.read()) {
            is BytecodeCacheFile.Read.Hit -> {
                cacheHits.incrementAndGet()
                logger.log("debug", "Loaded the bytecode of $bundleName from the cache", fields("file" to file.file.path), null)
                read.bytecode.also { bytecode = it }
            }
            is BytecodeCacheFile.Read.Missing -> {
                cacheMisses.incrementAndGet()
                null
            }
            is BytecodeCacheFile.Read.Rejected -> {
                cacheRejections.incrementAndGet()
                logger.log("warn", "Ignored the bytecode cache file of $bundleName (${read.reason}); it will be replaced", fields("file" to file.file.path), null)
                null
            }
        }
    }

    private fun writeCache(quickJsVersion: String, code: ByteArray) {
        val file = cacheFile(quickJsVersion) ?: return
        try {
            file.write(code)
            cacheWrites.incrementAndGet()
            logger.log("debug", "Wrote the bytecode of $bundleName to the cache", fields("file" to file.file.path), null)
        } catch (e: IOException) {
            // Runs keep working from memory; only the next process pays the compile again.
            logger.log("warn", "Could not write the bytecode cache file of $bundleName: ${e.message}", fields("file" to file.file.path), null)
        }
    }

    private fun fields(vararg pairs: Pair<String, String>): String =
        kotlinx.serialization.json.JsonObject(pairs.associate { it.first to kotlinx.serialization.json.JsonPrimitive(it.second) }).toString()
}
