package dev.workscript.gradle

import org.gradle.api.GradleException
import org.gradle.testfixtures.ProjectBuilder
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import org.junit.jupiter.api.io.TempDir
import java.io.File

class NodeVersionCheckTest {
    @TempDir
    lateinit var tmp: File

    private fun ok(stdout: String) = ProcessResult(0, stdout, "")

    @Test
    fun `Node 20 and newer pass`() {
        assertNull(NodeVersionCheck.problem("node", ok("v20.11.1\n")))
        assertNull(NodeVersionCheck.problem("node", ok("v22.0.0\n")))
        assertNull(NodeVersionCheck.problem("node", ok("v20.0.0")))
    }

    @Test
    fun `an older Node names the version found and what is needed`() {
        assertEquals(
            "Workscript found Node.js v18.19.0 ('node' on the Gradle daemon's PATH), but the codegen CLI needs " +
                "Node.js 20 or newer. Install Node.js 20+ and set its absolute path: " +
                "workscript { nodeExecutable.set(\"/usr/local/bin/node\") } in build.gradle.kts, or " +
                "workscript.node=/usr/local/bin/node in ~/.gradle/gradle.properties (then `./gradlew --stop`).",
            NodeVersionCheck.problem("node", ok("v18.19.0\n")),
        )
        val m = NodeVersionCheck.problem("/opt/node18/bin/node", ok("v19.9.0\n"))!!
        assertTrue(m.startsWith("Workscript found Node.js v19.9.0 ('/opt/node18/bin/node'), but"), m)
    }

    @Test
    fun `output that is not a version is shown`() {
        val m = NodeVersionCheck.problem("/usr/bin/python3", ok("Python 3.12.1\n"))!!
        assertTrue(
            m.startsWith(
                "Workscript expected a Node.js version from `/usr/bin/python3 --version` ('/usr/bin/python3'), " +
                    "but it printed 'Python 3.12.1'. Is it Node.js? Install Node.js 20+",
            ),
            m,
        )
        assertTrue(NodeVersionCheck.problem("node", ok(""))!!.contains("but it printed nothing. Is it Node.js?"))
    }

    @Test
    fun `long output is cut to three lines`() {
        val m = NodeVersionCheck.problem("x/tool", ok("usage: tool\n  -a\n  -b\n  -c\n  -d\n"))!!
        assertTrue(m.contains("but it printed 'usage: tool\n  -a\n  -b\n…'."), m)
    }

    @Test
    fun `a failing --version reports the exit code and stderr`() {
        val m = NodeVersionCheck.problem("node", ProcessResult(126, "", "asdf: No version is set for command node\n"))!!
        assertTrue(
            m.startsWith(
                "Workscript could not read the Node.js version: `node --version` ('node' on the Gradle daemon's " +
                    "PATH) exited with code 126: 'asdf: No version is set for command node'. Install Node.js 20+",
            ),
            m,
        )
        // A version on stdout does not make a failed run acceptable.
        assertTrue(NodeVersionCheck.problem("node", ProcessResult(1, "v22.0.0\n", ""))!!.contains("exited with code 1"))
    }

    @Test
    fun `verify runs node --version once, in the working directory`() {
        val calls = mutableListOf<Pair<List<String>, File>>()
        val v = NodeVersionCheck.verify("/opt/node/bin/node", tmp) { cmd, dir -> calls += cmd to dir; ok("v22.3.0\n") }
        assertEquals(NodeVersion(22, 3, 0), v)
        assertEquals(listOf(listOf("/opt/node/bin/node", "--version") to tmp), calls)
    }

    /** A real executable that is not a suitable Node.js: `--version` prints [stdout]; any other run leaves a mark. */
    private fun fakeNode(stdout: String): File {
        val script = File(tmp, "fake-node.sh")
        script.writeText(
            "#!/bin/sh\nif [ \"$1\" = --version ]; then printf '%s\\n' '$stdout'; exit 0; fi\n" +
                "touch '${File(tmp, "cli-was-run").absolutePath}'\n",
        )
        script.setExecutable(true)
        return script
    }

    @Test
    fun `a real executable printing v18 fails the run before the CLI starts`() {
        val node = fakeNode("v18.0.0").absolutePath
        val invocation = CodegenInvocation(
            nodeExecutable = node,
            cliScript = File(tmp, "workscript.js").apply { writeText("") },
            projectRoot = tmp,
            outDir = File(tmp, "out"),
            kotlinPackage = "com.example.work",
            tsconfig = null,
            sourceFiles = listOf(File(tmp, "workers/sync.ts")),
            bundle = true,
        )
        val e = assertThrows<WorkscriptCodegenException> { CodegenRunner.run(invocation) }
        assertTrue(e.message!!.startsWith("Workscript found Node.js v18.0.0 ('$node'), but the codegen CLI needs"), e.message)
        assertFalse(File(tmp, "cli-was-run").exists(), "the CLI must not run after a failed check")
    }

    @Test
    fun `false as node fails with its exit code`() {
        // GNU false prints its own version for --version (cut to three lines in the message), BSD false prints
        // nothing; both exit 1.
        val e = assertThrows<WorkscriptCodegenException> { NodeVersionCheck.verify("false", tmp) }
        val m = e.message!!
        val start = "Workscript could not read the Node.js version: `false --version` ('false' on the Gradle " +
            "daemon's PATH) exited with code 1"
        assertTrue(m.startsWith(start), m)
        assertTrue(m.endsWith("(then `./gradlew --stop`)."), m)
    }

    @Test
    fun `a real executable that is not Node fails with what it printed`() {
        val node = fakeNode("Python 3.12.1").absolutePath
        val e = assertThrows<WorkscriptCodegenException> { NodeVersionCheck.verify(node, tmp) }
        assertTrue(e.message!!.contains("but it printed 'Python 3.12.1'. Is it Node.js?"), e.message)
    }

    @Test
    fun `the task fails with a GradleException naming the old version`() {
        val node = fakeNode("v16.20.2").absolutePath
        val project = ProjectBuilder.builder().withProjectDir(File(tmp, "app").apply { mkdirs() }).build()
        project.pluginManager.apply("dev.workscript")
        val ext = project.extensions.getByType(WorkscriptExtension::class.java)
        File(tmp, "app/workers/sync.ts").apply { parentFile.mkdirs(); writeText("") }
        ext.codegenCli.set(File(tmp, "workscript.js").apply { writeText("") })
        ext.nodeExecutable.set(node)
        val task = project.tasks.getByName(WorkscriptDefaults.TASK_NAME) as GenerateWorkscriptTask

        val e = assertThrows<GradleException> { task.generate() }
        assertTrue(e.message!!.startsWith("Workscript found Node.js v16.20.2 ('$node')"), e.message)
        assertFalse(File(tmp, "cli-was-run").exists())
    }
}
