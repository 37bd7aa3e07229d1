package dev.workscript.bench

import com.dokar.quickjs.QuickJs
import com.dokar.quickjs.evaluate
import dev.workscript.runtime.WorkscriptLogger
import dev.workscript.runtime.WorkscriptResult
import dev.workscript.runtime.WorkscriptRunContext
import dev.workscript.runtime.WorkscriptRuntime
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.ExecutorCoroutineDispatcher
import kotlinx.coroutines.asCoroutineDispatcher
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withContext
import java.io.File
import java.nio.file.Files
import java.time.LocalDate
import java.time.ZoneOffset
import java.util.concurrent.Executors

/**
 * Issue 5's benchmark: cold and warm start of [WorkscriptRuntime.run] as ratios to raw quickjs-kt doing the same
 * work in the same JVM run, and the engine lifecycle options (fresh engine per run vs a pooled engine). Not a
 * test: nothing asserts on time (bench/README.md).
 *
 *   bash bench/kotlin/run.sh [--quick] [--samples N] [--warmup N] [--only "raw warm,runtime warm"] [--update-readme]
 *
 * Script: the bridge conformance bundle (packages/api/bridge-conformance/conformance-bundle.js, ~66 KiB) and its
 * trivial worker `Echo` (returns `ctx.success({...})` at once, no host calls). Cases, each timed from the
 * calling thread around one complete start (create → result → close):
 *
 * - raw cold: `QuickJs.create` + define a stub `__host` + evaluate the bundle's **source** + call
 *   `__workscript.run('Echo', …)` and read its result + close. On one engine thread reused by every sample.
 * - raw warm: the same, but the bundle is compiled to bytecode once (before timing) and each sample evaluates
 *   the bytecode.
 * - runtime cold: `WorkscriptRuntime(bundle).run("Echo", …)` with a new runtime per sample and no bytecode cache
 *   (a process's first run without a cache file): evaluates the source. The compile that the run then starts
 *   in the background is awaited after the sample, untimed, so it does not slow the next sample.
 * - runtime cold, cached: a new runtime per sample whose `bytecodeCacheDir` holds the bundle's bytecode (a
 *   process's first run after an earlier process compiled it): reads, checks and evaluates the cache file.
 * - runtime warm: one runtime reused, its bytecode in memory (every later run of a process).
 * - engine lifecycle, raw: a fresh engine per start on a **new** thread per start; and one **pooled** engine
 *   that loaded the bundle once, each sample only running `Echo` in it.
 * - compile: a new runtime's `precompile()` without a cache, i.e. the background work of a first run.
 *
 * Samples are taken round-robin (one of each case per round, starting case rotated) after the warm-up rounds,
 * so every case sees the same machine load; each figure is a median, ratios divide medians of this run.
 */
fun main(args: Array<String>) {
    val opts = Options.parse(args)
    val bundleFile = File(opts.bundle)
    require(bundleFile.isFile) { "bundle not found: ${bundleFile.absolutePath} (pass --bundle <conformance-bundle.js>)" }
    val bundle = bundleFile.readText()
    val bench = Bench(bundle)
    try {
        bench.verify()
        val cases = bench.cases().filter { opts.only == null || it.name in opts.only }
        val loadBefore = loadAverage()
        val t0 = System.nanoTime()
        val samples = cases.associate { it.name to ArrayList<Double>(opts.samples) }
        for (round in 0 until opts.warmup + opts.samples) {
            for (k in cases.indices) {
                val case = cases[(k + round) % cases.size]
                val t = System.nanoTime()
                case.once()
                val ms = (System.nanoTime() - t) / 1e6
                case.after()
                if (round >= opts.warmup) samples.getValue(case.name).add(ms)
            }
        }
        val wallS = (System.nanoTime() - t0) / 1e9
        val report = Report(opts, bench.quickJsVersion, samples, loadBefore, loadAverage(), wallS)
        if (opts.only != null) {
            println(report.caseLines())
            return
        }
        println(report.markdown())
        println(report.json())
        opts.updateReadme?.let { path ->
            report.writeInto(File(path))
            println("updated ${File(path).path}")
        }
    } finally {
        bench.close()
    }
}

private class Options(
    val bundle: String,
    val samples: Int,
    val warmup: Int,
    val updateReadme: String?,
    /** Case names to run (`--only "raw warm,runtime warm"`, for profiling one comparison); null runs all. */
    val only: Set<String>?,
) {
    companion object {
        fun parse(args: Array<String>): Options {
            var bundle = "packages/api/bridge-conformance/conformance-bundle.js"
            var samples = 300
            // The runtime's own code is Kotlin (coroutines, JSON) that the JIT needs a few thousand runs to
            // compile; raw quickjs-kt is mostly native. 300 rounds run the runtime ~900 times before sampling.
            var warmup = 300
            var readme: String? = null
            var only: Set<String>? = null
            var i = 0
            while (i < args.size) {
                when (val a = args[i]) {
                    "--bundle" -> bundle = args[++i]
                    "--samples" -> samples = args[++i].toInt()
                    "--warmup" -> warmup = args[++i].toInt()
                    "--quick" -> { samples = 60; warmup = 30 }
                    "--only" -> only = args[++i].split(',').map { it.trim() }.toSet()
                    "--update-readme" -> readme = args.getOrNull(i + 1)?.takeIf { !it.startsWith("--") }?.also { i++ } ?: "bench/README.md"
                    else -> error("unknown argument $a; use --bundle PATH --samples N --warmup N --quick --only NAMES --update-readme [PATH]")
                }
                i++
            }
            require(samples > 0 && warmup >= 0) { "--samples must be > 0 and --warmup >= 0" }
            require(only == null || readme == null) { "--only reports a subset of the cases; it cannot --update-readme" }
            return Options(bundle, samples, warmup, readme, only)
        }
    }
}

/** One timed start ([once]) and untimed clean-up after it ([after]). */
private class Case(val name: String, val after: () -> Unit = {}, val once: () -> Unit)

private class Bench(private val bundle: String) {
    /** The runtime's engine thread size: maxStackSizeBytes (1 MiB default) + 4 MiB. */
    private val threadStack = 1024L * 1024 + 4L * 1024 * 1024
    private val engineExecutor = Executors.newSingleThreadExecutor { r -> Thread(null, r, "bench-raw-engine", threadStack).apply { isDaemon = true } }
    private val engineDispatcher = engineExecutor.asCoroutineDispatcher()
    private val config = WorkscriptRuntime.Config(logger = WorkscriptLogger.NONE)
    private val cacheDir: File = Files.createTempDirectory("workscript-bench-cache").toFile()
    private val cachedConfig = config.copy(bytecodeCacheDir = cacheDir)
    private val warmRuntime = WorkscriptRuntime(bundle, config)
    /** The runtime of the last cold sample, whose background compile is awaited after the sample. */
    private var coldRuntime: WorkscriptRuntime? = null
    /** An engine kept alive across samples with the bundle loaded (what pooling engines would do). */
    private lateinit var pooled: QuickJs
    private val context = WorkscriptRunContext(id = "bench")
    val bytecode: ByteArray
    val quickJsVersion: String

    init {
        val (code, version) = runBlocking(engineDispatcher) {
            val qjs = QuickJs.create(engineDispatcher)
            try { qjs.compile(bundle, "workers.js", false) to qjs.version } finally { qjs.close() }
        }
        bytecode = code
        quickJsVersion = version
        runBlocking {
            warmRuntime.precompile()
            WorkscriptRuntime(bundle, cachedConfig).precompile() // writes the cache file the cached case reads
        }
        pooled = runBlocking(engineDispatcher) {
            QuickJs.create(engineDispatcher).also { qjs ->
                qjs.evaluate<Any?>(HOST_STUB, "host-stub.js")
                qjs.evaluate<Any?>(bytecode)
            }
        }
    }

    /** One raw start: create, stub `__host`, evaluate the bundle (source or bytecode), run Echo, read the result, close. */
    private suspend fun raw(dispatcher: CoroutineDispatcher, code: ByteArray?): String {
        val qjs = QuickJs.create(dispatcher)
        try {
            // The bridge's one global (bridge-protocol.md); Echo makes no host calls, so a stub that never answers is enough.
            qjs.evaluate<Any?>(HOST_STUB, "host-stub.js")
            if (code != null) qjs.evaluate<Any?>(code) else qjs.evaluate<Any?>(bundle, "workers.js")
            qjs.evaluate<Any?>(CALL, "call.js")
            return qjs.evaluate<Any?>("globalThis.__r", "result.js") as String
        } finally {
            qjs.close()
        }
    }

    private fun rawShared(code: ByteArray?): String = runBlocking { withContext(engineDispatcher) { raw(engineDispatcher, code) } }

    /** One run of Echo in the pooled engine (the bundle is already loaded there). */
    private fun rawPooled(): String = runBlocking {
        withContext(engineDispatcher) {
            pooled.evaluate<Any?>(CALL, "call.js")
            pooled.evaluate<Any?>("globalThis.__r", "result.js") as String
        }
    }

    private fun rawNewThread(code: ByteArray?): String {
        val dispatcher: ExecutorCoroutineDispatcher = Executors.newSingleThreadExecutor { r ->
            Thread(null, r, "bench-raw-fresh", threadStack).apply { isDaemon = true }
        }.asCoroutineDispatcher()
        try {
            return runBlocking { withContext(dispatcher) { raw(dispatcher, code) } }
        } finally {
            dispatcher.close()
        }
    }

    private fun runtimeRun(runtime: WorkscriptRuntime): WorkscriptResult = runBlocking { runtime.run("Echo", INPUT, context) }

    /** Every case once, checking it really ran the worker and took the path it claims to (outside timing). */
    fun verify() {
        for (r in listOf(rawShared(null), rawShared(bytecode), rawNewThread(bytecode), rawPooled())) check(r.startsWith(SUCCESS)) { "raw run failed: $r" }
        val cold = WorkscriptRuntime(bundle, config)
        val cached = WorkscriptRuntime(bundle, cachedConfig)
        for (r in listOf(runtimeRun(cold), runtimeRun(cached), runtimeRun(warmRuntime))) check(r is WorkscriptResult.Success) { "runtime run failed: $r" }
        check(cold.bundleStats().sourceEvaluations == 1) { "cold run did not evaluate the source: ${cold.bundleStats()}" }
        cached.bundleStats().let { check(it.cacheHits == 1 && it.compilations == 0 && it.bytecodeEvaluations == 1) { "cached run did not use the cache: $it" } }
        check(warmRuntime.bundleStats().sourceEvaluations == 0) { "warm runtime evaluated the source: ${warmRuntime.bundleStats()}" }
        runBlocking { cold.precompile() }
    }

    fun cases(): List<Case> = listOf(
        Case(RAW_COLD) { check(rawShared(null).startsWith(SUCCESS)) },
        Case(RAW_WARM) { check(rawShared(bytecode).startsWith(SUCCESS)) },
        Case(RUNTIME_COLD, after = { runBlocking { coldRuntime?.precompile() } }) {
            coldRuntime = WorkscriptRuntime(bundle, config)
            check(runtimeRun(coldRuntime!!) is WorkscriptResult.Success)
        },
        Case(RUNTIME_COLD_CACHED) { check(runtimeRun(WorkscriptRuntime(bundle, cachedConfig)) is WorkscriptResult.Success) },
        Case(RUNTIME_WARM) { check(runtimeRun(warmRuntime) is WorkscriptResult.Success) },
        Case(RAW_WARM_THREAD) { check(rawNewThread(bytecode).startsWith(SUCCESS)) },
        Case(RAW_POOLED) { check(rawPooled().startsWith(SUCCESS)) },
        Case(COMPILE) { runBlocking { WorkscriptRuntime(bundle, config).precompile() } },
    )

    fun close() {
        runBlocking(engineDispatcher) { pooled.close() }
        engineDispatcher.close()
        cacheDir.deleteRecursively()
    }

    companion object {
        const val SUCCESS = """{"status":"success""""
        const val HOST_STUB = "globalThis.__host = { call: function () { return new Promise(function () {}); } };"
        const val INPUT = """{"text":"hi","n":1,"nested":{"flag":true}}"""
        const val CTX = """{"runId":"run-1","id":"bench","tags":[],"runAttemptCount":0,"generation":0}"""
        val CALL = "globalThis.__r = null; globalThis.__workscript.run('Echo', ${jsString(INPUT)}, ${jsString(CTX)})" +
            ".then(function (r) { globalThis.__r = r; });"

        private fun jsString(s: String) = "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'"
    }
}

private const val RAW_COLD = "raw cold"
private const val RAW_WARM = "raw warm"
private const val RUNTIME_COLD = "runtime cold"
private const val RUNTIME_COLD_CACHED = "runtime cold, cached"
private const val RUNTIME_WARM = "runtime warm"
private const val RAW_WARM_THREAD = "raw warm, new thread"
private const val RAW_POOLED = "raw pooled engine"
private const val COMPILE = "compile"

private class Report(
    val opts: Options,
    val quickJsVersion: String,
    val samples: Map<String, List<Double>>,
    val loadBefore: String,
    val loadAfter: String,
    val wallS: Double,
) {
    private fun q(name: String, p: Double): Double {
        val s = samples.getValue(name).sorted()
        return s[((s.size - 1) * p).let { Math.round(it).toInt() }]
    }
    private fun median(name: String) = q(name, 0.5)
    private fun ratio(a: String, b: String) = median(a) / median(b)
    private fun ms(x: Double) = "%.2f".format(x)
    private fun r(x: Double) = "%.2f×".format(x)

    private val machine: String
        get() {
            val cpu = File("/proc/cpuinfo").takeIf { it.exists() }?.readLines()?.firstOrNull { it.startsWith("model name") }
                ?.substringAfter(":")?.trim() ?: System.getProperty("os.arch")
            return "Machine: ${Runtime.getRuntime().availableProcessors()} cores ($cpu), ${System.getProperty("java.vm.name")} " +
                "${System.getProperty("java.version")}, quickjs-kt-jvm 1.0.14 (QuickJS $quickJsVersion), " +
                "${LocalDate.now(ZoneOffset.UTC)}; ${opts.samples} samples per case after ${opts.warmup} warm-up rounds " +
                "(${"%.0f".format(wallS)} s), load average $loadBefore → $loadAfter."
        }

    fun markdown(): String = buildString {
        appendLine(machine)
        appendLine()
        appendLine(
            table(
                listOf("start (conformance bundle, worker `Echo`)", "raw quickjs-kt (ms)", "WorkscriptRuntime.run (ms)", "ratio", "raw p95 (ms)", "runtime p95 (ms)"),
                listOf(
                    row("cold, no cache: engine + bundle source + worker", RAW_COLD, RUNTIME_COLD),
                    row("cold, bytecode from the cache dir ÷ raw warm", RAW_WARM, RUNTIME_COLD_CACHED),
                    row("warm: engine + bytecode in memory + worker", RAW_WARM, RUNTIME_WARM),
                ),
            ),
        )
        appendLine()
        append(
            table(
                listOf("engine lifecycle (raw quickjs-kt, bytecode, `Echo`)", "median (ms)", "p95 (ms)", "÷ fresh engine"),
                listOf(
                    listOf("fresh engine per start, reused thread (raw warm)", ms(median(RAW_WARM)), ms(q(RAW_WARM, 0.95)), r(1.0)),
                    listOf("fresh engine per start, new thread", ms(median(RAW_WARM_THREAD)), ms(q(RAW_WARM_THREAD, 0.95)), r(ratio(RAW_WARM_THREAD, RAW_WARM))),
                    listOf("pooled engine, bundle loaded once (run only)", ms(median(RAW_POOLED)), ms(q(RAW_POOLED, 0.95)), r(ratio(RAW_POOLED, RAW_WARM))),
                    listOf("compiling the bundle (a first run's background work)", ms(median(COMPILE)), ms(q(COMPILE, 0.95)), r(ratio(COMPILE, RAW_WARM))),
                ),
            ),
        )
    }

    private fun row(label: String, raw: String, runtime: String) =
        listOf(label, ms(median(raw)), ms(median(runtime)), r(ratio(runtime, raw)), ms(q(raw, 0.95)), ms(q(runtime, 0.95)))

    /** A Markdown table padded as Prettier formats it: first column left-aligned, the others right-aligned. */
    private fun table(header: List<String>, rows: List<List<String>>): String {
        val all = listOf(header) + rows
        val w = header.indices.map { c -> maxOf(3, all.maxOf { it[c].length }) }
        fun line(cells: List<String>) = cells.mapIndexed { c, v -> if (c == 0) v.padEnd(w[c]) else v.padStart(w[c]) }.joinToString(" | ", "| ", " |")
        val rule = w.mapIndexed { c, n -> if (c == 0) "-".repeat(n) else "-".repeat(n - 1) + ":" }.joinToString(" | ", "| ", " |")
        return (listOf(line(header), rule) + rows.map { line(it) }).joinToString("\n")
    }

    /** Median and p95 of each case that ran (`--only`). */
    fun caseLines(): String = samples.keys.joinToString("\n") { n -> "$n: median ${ms(median(n))} ms, p95 ${ms(q(n, 0.95))} ms" }

    fun json(): String {
        val cases = samples.keys.joinToString(",") { n ->
            """"$n":{"medianMs":${"%.4f".format(median(n))},"p95Ms":${"%.4f".format(q(n, 0.95))},"n":${samples.getValue(n).size}}"""
        }
        return """{"bench":"kotlin-runtime","ratioCold":${"%.4f".format(ratio(RUNTIME_COLD, RAW_COLD))},""" +
            """"ratioColdCachedToRawWarm":${"%.4f".format(ratio(RUNTIME_COLD_CACHED, RAW_WARM))},""" +
            """"ratioWarm":${"%.4f".format(ratio(RUNTIME_WARM, RAW_WARM))},"cases":{$cases}}"""
    }

    /** Rewrites the figures between the kotlin-figures markers of [readme], re-reading it right before writing. */
    fun writeInto(readme: File) {
        val start = "<!-- kotlin-figures:start -->"
        val end = "<!-- kotlin-figures:end -->"
        val text = readme.readText()
        val a = text.indexOf(start)
        val b = text.indexOf(end)
        require(a >= 0 && b > a) { "${readme.path} has no $start … $end block" }
        readme.writeText(text.substring(0, a + start.length) + "\n\n" + markdown() + "\n\n" + text.substring(b))
    }
}

private fun loadAverage(): String =
    File("/proc/loadavg").takeIf { it.exists() }?.readText()?.split(" ")?.firstOrNull() ?: "?"
