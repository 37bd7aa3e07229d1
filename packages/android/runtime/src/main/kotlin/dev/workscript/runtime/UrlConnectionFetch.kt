package dev.workscript.runtime

import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.runInterruptible
import java.net.HttpURLConnection
import java.net.URL

/**
 * [WorkscriptFetch] on `java.net.HttpURLConnection`: works on Android and on the JVM. Bodies are UTF-8 text;
 * response headers with several values are joined with ", " and their names lower-cased. Runs on
 * Dispatchers.IO; cancelling the caller interrupts the blocking read.
 *
 * @param defaultTimeoutMs connect and read timeout when the request sets none. Default: 30,000.
 */
public class UrlConnectionFetch(private val defaultTimeoutMs: Int = 30_000) : WorkscriptFetch {
    override suspend fun fetch(request: WorkscriptFetchRequest): WorkscriptFetchResponse = runInterruptible(Dispatchers.IO) {
        val connection = URL(request.url).openConnection() as HttpURLConnection
        try {
            val timeout = request.timeoutMs?.toInt() ?: defaultTimeoutMs
            connection.connectTimeout = timeout
            connection.readTimeout = timeout
            connection.requestMethod = request.method.uppercase()
            for ((name, value) in request.headers) connection.setRequestProperty(name, value)
            if (request.body != null) {
                connection.doOutput = true
                connection.outputStream.use { it.write(request.body.toByteArray(Charsets.UTF_8)) }
            }
            val status = connection.responseCode
            val stream = if (status >= 400) connection.errorStream else connection.inputStream
            val body = stream?.use { it.readBytes().toString(Charsets.UTF_8) } ?: ""
            val headers = connection.headerFields.filterKeys { it != null }.map { (k, v) -> k.lowercase() to v.joinToString(", ") }.toMap()
            WorkscriptFetchResponse(status, connection.url.toString(), headers, body)
        } finally {
            connection.disconnect()
        }
    }
}
