package dev.workscript.gradle

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import java.io.File

class CodegenLocatorTest {
    @TempDir
    lateinit var tmp: File

    @Test
    fun `finds the CLI in the nearest node_modules above the workers`() {
        val outer = File(tmp, WorkscriptDefaults.CLI_RELATIVE_PATH).apply { parentFile.mkdirs(); writeText("") }
        val workers = File(tmp, "android-sample/workers").apply { mkdirs() }
        assertEquals(outer.canonicalFile, CodegenLocator.find(workers)!!.canonicalFile)

        val inner = File(tmp, "android-sample/${WorkscriptDefaults.CLI_RELATIVE_PATH}").apply { parentFile.mkdirs(); writeText("") }
        assertEquals(inner.canonicalFile, CodegenLocator.find(workers)!!.canonicalFile)
        assertEquals(File(tmp, "android-sample/node_modules/@workscript").canonicalFile, CodegenLocator.packagesDir(inner).canonicalFile)
    }

    @Test
    fun `returns null when there is none and the message names both fixes`() {
        val workers = File(tmp, "workers").apply { mkdirs() }
        assertNull(CodegenLocator.find(workers))
        val m = CodegenLocator.notFoundMessage(workers, null)
        assertTrue(m.contains(workers.absolutePath) && m.contains("npm install") && m.contains("codegenCli.set("), m)
        val configured = File(tmp, "x/workscript.js")
        assertTrue(CodegenLocator.notFoundMessage(workers, configured).contains(configured.absolutePath))
    }
}
