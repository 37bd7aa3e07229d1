package dev.workscript.gradle

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import org.junit.jupiter.api.io.TempDir
import java.io.File
import java.io.IOException

class CodegenRunnerTest {
    @TempDir
    lateinit var tmp: File

    private fun invocation(node: String) = CodegenInvocation(
        nodeExecutable = node,
        cliScript = File(tmp, "workscript.js").apply { writeText("") },
        projectRoot = tmp,
        outDir = File(tmp, "out"),
        kotlinPackage = "com.example.work",
        tsconfig = null,
        sourceFiles = listOf(File(tmp, "workers/sync.ts")),
        bundle = true,
    )

    /** A real executable standing in for node: `--version` answers like Node 20; else prints [stderr], exits [exit]. */
    private fun fakeNode(exit: Int, stderr: String, stdout: String = ""): String {
        val script = File(tmp, "fake-node.sh")
        script.writeText(
            "#!/bin/sh\nif [ \"$1\" = --version ]; then echo v20.11.1; exit 0; fi\n" +
                "printf '%s' '$stdout'\nprintf '%s' '$stderr' >&2\nexit $exit\n",
        )
        script.setExecutable(true)
        return script.absolutePath
    }

    @Test
    fun `a node executable that does not exist fails with how to set it`() {
        val missing = File(tmp, "no-such-dir/node").absolutePath
        val e = assertThrows<WorkscriptCodegenException> { CodegenRunner.run(invocation(missing)) }
        val m = e.message!!
        assertTrue(m.startsWith("Workscript could not start Node.js: '$missing'"), m)
        assertTrue(m.contains("nodeExecutable.set("), m)
        assertTrue(m.contains("workscript.node="), m)
        assertTrue(e.cause is IOException)
    }

    @Test
    fun `node missing on the PATH is mapped the same way`() {
        val e = assertThrows<WorkscriptCodegenException> {
            CodegenRunner.run(invocation("workscript-no-such-node-binary"))
        }
        assertTrue(e.message!!.contains("Node.js 20 or newer"), e.message)
    }

    @Test
    fun `a non-zero exit carries the CLI diagnostics verbatim and a command to reproduce`() {
        val diag = "workers/sync.ts:5:16 - error WS1003: Input field since has type Date"
        val e = assertThrows<WorkscriptCodegenException> { CodegenRunner.run(invocation(fakeNode(1, diag))) }
        val lines = e.message!!.lines()
        assertEquals("Workscript code generation failed (`workscript generate` exited with code 1).", lines[0])
        assertEquals(diag, lines[1])
        assertTrue(lines.any { it.contains("generate --root ${tmp.absolutePath}") }, e.message)
    }

    @Test
    fun `without stderr the stdout is shown`() {
        val e = assertThrows<WorkscriptCodegenException> { CodegenRunner.run(invocation(fakeNode(2, "", stdout = "boom"))) }
        assertTrue(e.message!!.contains("exited with code 2"))
        assertTrue(e.message!!.lines().contains("boom"), e.message)
    }

    @Test
    fun `exit 0 returns stdout and warnings`() {
        val r = CodegenRunner.run(invocation(fakeNode(0, "warning WS1022", stdout = "Generated 7 files")))
        assertEquals(ProcessResult(0, "Generated 7 files", "warning WS1022"), r)
    }

    @Test
    fun `the launcher runs node --version once, then the command line, both in the project root`() {
        val seen = mutableListOf<Pair<List<String>, File>>()
        val inv = invocation("node")
        CodegenRunner.run(inv) { cmd, dir ->
            seen += cmd to dir
            ProcessResult(0, if (cmd == listOf("node", "--version")) "v20.11.1\n" else "", "")
        }
        assertEquals(listOf(listOf("node", "--version") to tmp, inv.commandLine() to tmp), seen)
    }

    @Test
    fun `invalid configuration fails before starting a process`() {
        var started = false
        assertThrows<WorkscriptConfigException> {
            CodegenRunner.run(invocation("node").copy(kotlinPackage = "1abc")) { _, _ -> started = true; ProcessResult(0, "", "") }
        }
        assertFalse(started)
    }

    @Test
    fun `installOutputs moves kotlin and assets and removes stale files`() {
        val cliOut = File(tmp, "cli")
        File(cliOut, "kotlin/com/example/work/SyncWorker.kt").apply { parentFile.mkdirs(); writeText("k") }
        File(cliOut, "assets/workers.js").apply { parentFile.mkdirs(); writeText("js") }
        File(cliOut, "assets/workscript.json").writeText("{}")
        val kotlinDir = File(tmp, "gen/kotlin")
        val assetsDir = File(tmp, "gen/assets")
        File(kotlinDir, "com/example/work/RemovedWorker.kt").apply { parentFile.mkdirs(); writeText("old") }
        File(assetsDir, "stale.js").apply { parentFile.mkdirs(); writeText("old") }

        CodegenRunner.installOutputs(cliOut, kotlinDir, assetsDir, "workscript")

        assertEquals("k", File(kotlinDir, "com/example/work/SyncWorker.kt").readText())
        assertFalse(File(kotlinDir, "com/example/work/RemovedWorker.kt").exists())
        assertEquals("js", File(assetsDir, "workscript/workers.js").readText())
        assertEquals("{}", File(assetsDir, "workscript/workscript.json").readText())
        assertFalse(File(assetsDir, "stale.js").exists())
    }
}
