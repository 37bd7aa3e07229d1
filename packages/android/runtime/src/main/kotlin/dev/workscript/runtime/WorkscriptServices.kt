package dev.workscript.runtime

import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.jsonObject
import java.io.File
import java.io.IOException
import java.util.logging.Level
import java.util.logging.Logger
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.sync.Mutex
import kotlinx.coroutines.sync.withLock
import kotlinx.coroutines.withContext
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.jsonPrimitive

/** Key-value storage behind the guest's `ctx.storage` (`storage.get/set/delete/keys`). Keys and values are strings. */
public interface WorkscriptStorage {
    /** The value of [key], or null when absent. */
    public suspend fun get(key: String): String?
    /** Stores [value] under [key]; durable when this returns. */
    public suspend fun set(key: String, value: String)
    /** Removes [key]; no-op when absent. */
    public suspend fun delete(key: String)
    /** Keys starting with [prefix] (all keys when null), sorted. */
    public suspend fun keys(prefix: String?): List<String>
}

/**
 * [WorkscriptStorage] in one JSON file. Every write replaces the file atomically (write to `<file>.tmp`, then
 * rename), so a crash leaves the old or the new content, never a torn file. Suits small stores (the whole map
 * is rewritten per write). Works on the JVM and on Android (e.g. `File(context.filesDir, "workscript-storage.json")`).
 */
public class FileWorkscriptStorage(
    /** The JSON file; created on first write, parent directories too. */
    public val file: File,
) : WorkscriptStorage {
    private val mutex = Mutex()
    private var cache: MutableMap<String, String>? = null

    override suspend fun get(key: String): String? = mutex.withLock { load()[key] }

    override suspend fun set(key: String, value: String): Unit = mutex.withLock {
        val map = load()
        map[key] = value
        save(map)
    }

    override suspend fun delete(key: String): Unit = mutex.withLock {
        val map = load()
        if (map.remove(key) != null) save(map)
    }

    override suspend fun keys(prefix: String?): List<String> = mutex.withLock {
        load().keys.filter { prefix == null || it.startsWith(prefix) }.sorted()
    }

    private suspend fun load(): MutableMap<String, String> = cache ?: withContext(Dispatchers.IO) {
        val map = LinkedHashMap<String, String>()
        if (file.exists()) {
            val text = file.readText()
            val obj = try {
                Json.parseToJsonElement(text).jsonObject
            } catch (e: Exception) {
                throw IOException("Workscript storage file ${file.absolutePath} is not a JSON object of strings; fix or delete it", e)
            }
            for ((k, v) in obj) map[k] = v.jsonPrimitive.content
        }
        map
    }.also { cache = it }

    private suspend fun save(map: Map<String, String>) = withContext(Dispatchers.IO) {
        file.absoluteFile.parentFile?.mkdirs()
        val tmp = File(file.path + ".tmp")
        tmp.outputStream().use { out ->
            out.write(JsonObject(map.mapValues { JsonPrimitive(it.value) }).toString().toByteArray(Charsets.UTF_8))
            out.fd.sync()
        }
        if (!tmp.renameTo(file)) throw IOException("Could not replace ${file.absolutePath} with ${tmp.absolutePath}")
    }
}

/** A `fetch` request from the guest (`{"runId","url","method","headers","body","timeoutMs"}`). */
public data class WorkscriptFetchRequest(
    val url: String,
    val method: String,
    val headers: Map<String, String>,
    val body: String?,
    val timeoutMs: Long?,
)

/** The reply to a [WorkscriptFetchRequest] (`{"status","url","headers","body"}`). */
public data class WorkscriptFetchResponse(
    val status: Int,
    val url: String,
    val headers: Map<String, String>,
    val body: String,
)

/** Performs the guest's `fetch` calls. On the JVM use `JdkHttpFetch`; on Android supply one (OkHttp, HttpURLConnection). */
public fun interface WorkscriptFetch {
    /** Performs [request]; throw to make the guest's `fetch` reject with the exception's message. */
    public suspend fun fetch(request: WorkscriptFetchRequest): WorkscriptFetchResponse
}

/** Receives the guest's `log` calls. */
public fun interface WorkscriptLogger {
    /**
     * One log line. [level] is `debug`, `info`, `warn` or `error`; [fieldsJson] a JSON object; [runId] the run it
     * belongs to (null for host-side messages without a run).
     */
    public fun log(level: String, message: String, fieldsJson: String, runId: String?)

    /** Ready-made loggers. */
    public companion object {
        /** Logs to java.util.logging logger `dev.workscript` (on Android this reaches logcat). The default. */
        public val JUL: WorkscriptLogger = WorkscriptLogger { level, message, fields, runId ->
            val julLevel = when (level) {
                "error" -> Level.SEVERE
                "warn" -> Level.WARNING
                "info" -> Level.INFO
                else -> Level.FINE
            }
            Logger.getLogger("dev.workscript").log(julLevel, "[$runId] $message $fields")
        }

        /** Discards everything. */
        public val NONE: WorkscriptLogger = WorkscriptLogger { _, _, _, _ -> }
    }
}

/**
 * The app's native services, answering `native.<Service>.<method>` calls. A handler receives the call's
 * arguments as a JSON array and returns the method's value as JSON (`"null"` for none); throwing makes the
 * guest's call reject with the exception's message. Generated service adapters register here.
 */
public class WorkscriptNatives {
    private val handlers = java.util.concurrent.ConcurrentHashMap<String, suspend (String) -> String>()

    /** Registers (or replaces) the handler of `native.<service>.<method>`; returns this for chaining. */
    public fun register(service: String, method: String, handler: suspend (argsJson: String) -> String): WorkscriptNatives {
        handlers["$service.$method"] = handler
        return this
    }

    internal fun find(serviceDotMethod: String): (suspend (String) -> String)? = handlers[serviceDotMethod]

    internal fun names(): List<String> = handlers.keys.sorted()
}

/** Replaces the host's own dispatch of `__host.call`: returns the raw reply JSON. For conformance tests and custom hosts. */
public fun interface WorkscriptHostCallHandler {
    /** Answers one call with `{"ok":true,"value":...}` or `{"ok":false,"error":{"message","code"}}`. */
    public suspend fun call(method: String, argsJson: String): String
}
