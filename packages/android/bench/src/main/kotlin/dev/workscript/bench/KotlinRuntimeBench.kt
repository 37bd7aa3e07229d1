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
import java.time.LocalDate
import java.time.ZoneOffset
import java.util.concurrent.Executors

/**
 * Issue 5's benchmark: cold and warm start of [WorkscriptRuntime.run] as ratios to raw quickjs-kt doing the same
 * work in the same JVM run. Not a test: nothing asserts on time (bench/README.md).
 *
 *   bash bench/kotlin/run.sh [--quick] [--samples N] [--warmup N] [--update-readme]
 *
 * Script: the bridge conformance bundle (packages/api/bridge-conformance/conformance-bundle.js, ~66 KiB) and its
 * trivial worker `Echo` (returns `ctx.success({...})` at once, no host calls). Cases, each timed from the
 * calling thread around one complete start (create → result → close):
 *
 * - raw cold: `QuickJs.create` + define a stub `__host` + evaluate the bundle's **source** + call
 *   `__workscript.run('Echo', …)` and read its result + close. On one engine thread reused by every sample.
 * - raw warm: the same, but the bundle is compiled to bytecode once (before timing) and each sample evaluates
 *   the bytecode.
 * - runtime cold: `WorkscriptRuntime(bundle).run("Echo", …)` with a new runtime per sample, so every sample
 *   compiles the bundle to bytecode and then evaluates it (the first run of a process).
 * - runtime warm: one runtime reused, its bytecode cached (every later run of a process).
 * - informational: raw cold / warm on a **new** engine thread per sample (the runtime's thread size), which
 *   shows how much of the gap is the fresh thread the runtime starts per run.
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
        val cases = bench.cases()
        val loadBefore = loadAverage()
        val t0 = System.nanoTime()
        val samples = cases.associate { it.name to ArrayList<Double>(opts.samples) }
        for (round in 0 until opts.warmup + opts.samples) {
            for (k in cases.indices) {
                val case = cases[(k + round) % cases.size]
                val t = System.nanoTime()
                case.once()
                val ms = (System.nanoTime() - t) / 1e6
                if (round >= opts.warmup) samples.getValue(case.name).add(ms)
            }
        }
        val wallS = (System.nanoTime() - t0) / 1e9
        val report = Report(opts, bench.quickJsVersion, samples, loadBefore, loadAverage(), wallS)
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
) {
    companion object {
        fun parse(args: Array<String>): Options {
            var bundle = "packages/api/bridge-conformance/conformance-bundle.js"
            var samples = 300
            var warmup = 100
            var readme: String? = null
            var i = 0
            while (i < args.size) {
                when (val a = args[i]) {
                    "--bundle" -> bundle = args[++i]
                    "--samples" -> samples = args[++i].toInt()
                    "--warmup" -> warmup = args[++i].toInt()
                    "--quick" -> { samples = 60; warmup = 30 }
                    "--update-readme" -> readme = args.getOrNull(i + 1)?.takeIf { !it.startsWith("--") }?.also { i++ } ?: "bench/README.md"
                    else -> error("unknown argument $a; use --bundle PATH --samples N --warmup N --quick --update-readme [PATH]")
                }
                i++
            }
            require(samples > 0 && warmup >= 0) { "--samples must be > 0 and --warmup >= 0" }
            return Options(bundle, samples, warmup, readme)
        }
    }
}

private class Case(val name: String, val once: () -> Unit)

private class Bench(private val bundle: String) {
    /** The runtime's engine thread size: maxStackSizeBytes (1 MiB default) + 4 MiB. */
    private val threadStack = 1024L * 1024 + 4L * 1024 * 1024
    private val engineExecutor = Executors.newSingleThreadExecutor { r -> Thread(null, r, "bench-raw-engine", threadStack).apply { isDaemon = true } }
    private val engineDispatcher = engineExecutor.asCoroutineDispatcher()
    private val config = WorkscriptRuntime.Config(logger = WorkscriptLogger.NONE)
    private val warmRuntime = WorkscriptRuntime(bundle, config)
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
    }

    /** One raw start: create, stub `__host`, evaluate the bundle (source or bytecode), run Echo, read the result, close. */
    private suspend fun raw(dispatcher: CoroutineDispatcher, code: ByteArray?): String {
        val qjs = QuickJs.create(dispatcher)
        try {
            // The bridge's one global (bridge-protocol.md); Echo makes no host calls, so a stub that never answers is enough.
            qjs.evaluate<Any?>("globalThis.__host = { call: function () { return new Promise(function () {}); } };", "host-stub.js")
            if (code != null) qjs.evaluate<Any?>(code) else qjs.evaluate<Any?>(bundle, "workers.js")
            qjs.evaluate<Any?>(CALL, "call.js")
            return qjs.evaluate<Any?>("globalThis.__r", "result.js") as String
        } finally {
            qjs.close()
        }
    }

    private fun rawShared(code: ByteArray?): String = runBlocking { withContext(engineDispatcher) { raw(engineDispatcher, code) } }

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

    /** Every case once, checking it really ran the worker (outside timing). */
    fun verify() {
        for (r in listOf(rawShared(null), rawShared(bytecode), rawNewThread(null))) check(r.startsWith("""{"status":"success"""")) { "raw run failed: $r" }
        for (r in listOf(runtimeRun(WorkscriptRuntime(bundle, config)), runtimeRun(warmRuntime))) check(r is WorkscriptResult.Success) { "runtime run failed: $r" }
    }

    fun cases(): List<Case> = listOf(
        Case(RAW_COLD) { check(rawShared(null).startsWith("{\"status\":\"success\"")) },
        Case(RAW_WARM) { check(rawShared(bytecode).startsWith("{\"status\":\"success\"")) },
        Case(RUNTIME_COLD) { check(runtimeRun(WorkscriptRuntime(bundle, config)) is WorkscriptResult.Success) },
        Case(RUNTIME_WARM) { check(runtimeRun(warmRuntime) is WorkscriptResult.Success) },
        Case(RAW_COLD_THREAD) { check(rawNewThread(null).startsWith("{\"status\":\"success\"")) },
        Case(RAW_WARM_THREAD) { check(rawNewThread(bytecode).startsWith("{\"status\":\"success\"")) },
    )

    fun close() = engineDispatcher.close()

    companion object {
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
private const val RUNTIME_WARM = "runtime warm"
private const val RAW_COLD_THREAD = "raw cold, new thread"
private const val RAW_WARM_THREAD = "raw warm, new thread"

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
                    listOf("cold: engine + bundle + worker", ms(median(RAW_COLD)), ms(median(RUNTIME_COLD)), r(ratio(RUNTIME_COLD, RAW_COLD)), ms(q(RAW_COLD, 0.95)), ms(q(RUNTIME_COLD, 0.95))),
                    listOf("warm: engine + cached bytecode + worker", ms(median(RAW_WARM)), ms(median(RUNTIME_WARM)), r(ratio(RUNTIME_WARM, RAW_WARM)), ms(q(RAW_WARM, 0.95)), ms(q(RUNTIME_WARM, 0.95))),
                ),
            ),
        )
        appendLine()
        append(
            table(
                listOf("raw quickjs-kt, new engine thread per start", "median (ms)", "÷ raw", "runtime ÷ this"),
                listOf(
                    listOf("cold", ms(median(RAW_COLD_THREAD)), r(ratio(RAW_COLD_THREAD, RAW_COLD)), r(ratio(RUNTIME_COLD, RAW_COLD_THREAD))),
                    listOf("warm", ms(median(RAW_WARM_THREAD)), r(ratio(RAW_WARM_THREAD, RAW_WARM)), r(ratio(RUNTIME_WARM, RAW_WARM_THREAD))),
                ),
            ),
        )
    }

    /** A Markdown table padded as Prettier formats it: first column left-aligned, the others right-aligned. */
    private fun table(header: List<String>, rows: List<List<String>>): String {
        val all = listOf(header) + rows
        val w = header.indices.map { c -> maxOf(3, all.maxOf { it[c].length }) }
        fun line(cells: List<String>) = cells.mapIndexed { c, v -> if (c == 0) v.padEnd(w[c]) else v.padStart(w[c]) }.joinToString(" | ", "| ", " |")
        val rule = w.mapIndexed { c, n -> if (c == 0) "-".repeat(n) else "-".repeat(n - 1) + ":" }.joinToString(" | ", "| ", " |")
        return (listOf(line(header), rule) + rows.map { line(it) }).joinToString("\n")
    }

    fun json(): String {
        val cases = samples.keys.joinToString(",") { n ->
            """"$n":{"medianMs":${"%.4f".format(median(n))},"p95Ms":${"%.4f".format(q(n, 0.95))},"n":${samples.getValue(n).size}}"""
        }
        return """{"bench":"kotlin-runtime","ratioCold":${"%.4f".format(ratio(RUNTIME_COLD, RAW_COLD))},""" +
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
