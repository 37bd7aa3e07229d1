package dev.workscript.runtime

import kotlinx.coroutines.future.await
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.time.Duration

/**
 * [WorkscriptFetch] on `java.net.http.HttpClient` — JVM only (Android has no java.net.http; this file is not
 * part of the Android build). Bodies are UTF-8 text; response headers with several values are joined with ", ".
 *
 * @param client the client to use. Default: a client that follows normal redirects with a 30 s connect timeout.
 */
public class JdkHttpFetch(
    private val client: HttpClient = HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NORMAL)
        .connectTimeout(Duration.ofSeconds(30))
        .build(),
) : WorkscriptFetch {
    override suspend fun fetch(request: WorkscriptFetchRequest): WorkscriptFetchResponse {
        val body = request.body?.let { HttpRequest.BodyPublishers.ofString(it) } ?: HttpRequest.BodyPublishers.noBody()
        val builder = HttpRequest.newBuilder(URI.create(request.url)).method(request.method.uppercase(), body)
        request.timeoutMs?.let { builder.timeout(Duration.ofMillis(it)) }
        for ((name, value) in request.headers) builder.header(name, value)
        val response = client.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofString()).await()
        return WorkscriptFetchResponse(
            status = response.statusCode(),
            url = response.uri().toString(),
            headers = response.headers().map().mapValues { it.value.joinToString(", ") }.filterKeys { !it.startsWith(":") },
            body = response.body(),
        )
    }
}
