package dev.workscript.runtime

import com.sun.net.httpserver.HttpServer
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.net.InetAddress
import java.net.InetSocketAddress

/** `fetch` through JdkHttpFetch against a server on the loopback interface. */
class FetchTest {
    @Test
    fun `fetch reaches the network through the host`() = runBlocking<Unit> {
        val server = HttpServer.create(InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0)
        server.createContext("/echo") { ex ->
            val body = "${ex.requestMethod} ${ex.requestHeaders.getFirst("x-test")} ${ex.requestBody.readBytes().toString(Charsets.UTF_8)}"
            ex.responseHeaders.add("content-type", "text/plain")
            val bytes = body.toByteArray()
            ex.sendResponseHeaders(201, bytes.size.toLong())
            ex.responseBody.use { it.write(bytes) }
        }
        server.start()
        try {
            val url = "http://127.0.0.1:${server.address.port}/echo"
            for (fetch in listOf(JdkHttpFetch(), UrlConnectionFetch())) {
                val rt = WorkscriptRuntime(testBundle(), WorkscriptRuntime.Config(fetch = fetch, logger = WorkscriptLogger.NONE))
                val r = rt.run("Fetch", """{"url":"$url","method":"POST","body":"hello"}""", ctx()) as WorkscriptResult.Success
                assertEquals("""{"status":201,"body":"POST yes hello","contentType":"text/plain"}""", r.outputJson, fetch.javaClass.simpleName)
            }
            val none = WorkscriptRuntime(testBundle(), WorkscriptRuntime.Config(logger = WorkscriptLogger.NONE))
            val f = none.run("Fetch", """{"url":"$url"}""", ctx()) as WorkscriptResult.Failure
            assertTrue(f.error!!.message.contains("fetch is not configured"), f.error.message)
        } finally {
            server.stop(0)
        }
    }
}
