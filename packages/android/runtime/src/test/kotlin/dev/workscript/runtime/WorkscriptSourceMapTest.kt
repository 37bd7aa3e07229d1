package dev.workscript.runtime

import android.content.Context
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertSame
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

class WorkscriptSourceMapTest {
    // Generated line 1: col 0 -> a.ts 1:0; col 4 -> a.ts 2:2. Line 2: nothing. Line 3: col 2 -> b.ts 10:4
    // ("AAAA" = 0,0,0,0; "IACE" = +4,0,+1,+2; "EC..." = +2,+1,+8,+2 relative to the previous mapped segment).
    private val map = WorkscriptSourceMap.parse(
        """{"version":3,"sources":["a.ts","b.ts"],"names":[],"mappings":"AAAA,IACE;;ECQE"}""",
    )

    @Test
    fun `decodes VLQ segments to 1-based positions`() {
        assertEquals(WorkscriptSourceMap.Position("a.ts", 1, 1), map.originalPosition(1, 1))
        assertEquals(WorkscriptSourceMap.Position("a.ts", 1, 1), map.originalPosition(1, 4))
        assertEquals(WorkscriptSourceMap.Position("a.ts", 2, 3), map.originalPosition(1, 5))
        assertEquals(WorkscriptSourceMap.Position("a.ts", 2, 3), map.originalPosition(1, 99))
        assertNull(map.originalPosition(2, 1))
        assertEquals(WorkscriptSourceMap.Position("b.ts", 10, 5), map.originalPosition(3, 3))
        assertEquals(WorkscriptSourceMap.Position("b.ts", 10, 5), map.originalPosition(3, null))
        assertNull(map.originalPosition(9, 1))
    }

    @Test
    fun `maps QuickJS frames and keeps the ones it cannot map`() {
        val stack = "    at f (workers.js:1:5)\n    at g (workers.js:3)\n    at h (workers.js:2:1)\n    at <eval> (host.js:1:1)"
        assertEquals(
            "    at f (a.ts:2:3)\n    at g (b.ts:10:5)\n    at h (workers.js:2:1)\n    at <eval> (host.js:1:1)",
            map.mapStack(stack, "workers.js"),
        )
    }

    @Test
    fun `rejects what is not a v3 map`() {
        assertThrows(IllegalArgumentException::class.java) { WorkscriptSourceMap.parse("""{"version":2,"mappings":""}""") }
        assertThrows(IllegalArgumentException::class.java) { WorkscriptSourceMap.parse("""{"version":3,"sources":["a"],"mappings":"A!"}""") }
        assertThrows(IllegalArgumentException::class.java) { WorkscriptSourceMap.parse("not json") }
    }
}

class WorkscriptTest {
    @AfterEach
    fun reset() = Workscript.reset()

    @Test
    fun `install makes one runtime process-wide`() {
        val runtime = WorkscriptRuntime(testBundle())
        Workscript.install(runtime)
        assertSame(runtime, Workscript.runtime(Context()))
        assertSame(runtime, Workscript.runtime(Context()))
    }

    @Test
    fun `without install the JVM default names what to do`() {
        val e = assertThrows(IllegalStateException::class.java) { Workscript.runtime(Context()) }
        assertTrue(e.message!!.contains("Workscript.install"), e.message)
        assertTrue(e.message!!.contains("workscript/workers.js"), e.message)
    }

    @Test
    fun `configure replaces the loaded runtime's config`() = runBlocking<Unit> {
        Workscript.install(WorkscriptRuntime(testBundle()))
        Workscript.configure(WorkscriptRuntime.Config(timeLimitMs = 1234))
        // configure forgets the installed runtime; on the JVM the default loader then needs the classpath bundle.
        assertThrows(IllegalStateException::class.java) { Workscript.runtime(Context()) }
    }
}
