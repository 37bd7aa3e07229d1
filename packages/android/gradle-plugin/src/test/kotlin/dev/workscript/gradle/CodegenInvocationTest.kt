package dev.workscript.gradle

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import org.junit.jupiter.api.io.TempDir
import java.io.File

class CodegenInvocationTest {
    @TempDir
    lateinit var tmp: File

    private fun invocation(
        tsconfig: File? = null,
        files: List<String> = listOf("workers/upload.ts", "workers/sync.ts"),
        bundle: Boolean = true,
        kotlinPackage: String = "com.example.work",
        node: String = "node",
    ) = CodegenInvocation(
        nodeExecutable = node,
        cliScript = File(tmp, "node_modules/@workscript/codegen/bin/workscript.js"),
        projectRoot = tmp,
        outDir = File(tmp, "app/build/tmp/generateWorkscript/out"),
        kotlinPackage = kotlinPackage,
        tsconfig = tsconfig,
        sourceFiles = files.map { File(tmp, it) },
        bundle = bundle,
    )

    @Test
    fun `file list mode passes sorted root-relative files after --`() {
        assertEquals(
            listOf(
                "node",
                File(tmp, "node_modules/@workscript/codegen/bin/workscript.js").absolutePath,
                "generate",
                "--root", tmp.absolutePath,
                "--out", File(tmp, "app/build/tmp/generateWorkscript/out").absolutePath,
                "--kotlin-package", "com.example.work",
                "--",
                "workers/sync.ts",
                "workers/upload.ts",
            ),
            invocation().commandLine(),
        )
    }

    @Test
    fun `tsconfig mode passes --project relative to the root and no files`() {
        val cmd = invocation(tsconfig = File(tmp, "workers/tsconfig.json")).commandLine()
        assertEquals(listOf("--project", "workers/tsconfig.json"), cmd.takeLast(2))
        assertFalse(cmd.contains("--"))
        assertFalse(cmd.contains("workers/sync.ts"))
    }

    @Test
    fun `bundle false adds --no-bundle`() {
        assertTrue(invocation(bundle = false).commandLine().contains("--no-bundle"))
        assertFalse(invocation(bundle = true).commandLine().contains("--no-bundle"))
    }

    @Test
    fun `an absolute node path is used as is`() {
        assertEquals("/opt/node/bin/node", invocation(node = "/opt/node/bin/node").commandLine().first())
    }

    @Test
    fun `relative paths use forward slashes and dot dot outside the root`() {
        assertEquals("workers/a/b.ts", CodegenInvocation.relativePath(tmp, File(tmp, "workers/a/b.ts")))
        assertEquals("../x.ts", CodegenInvocation.relativePath(File(tmp, "root"), File(tmp, "x.ts")))
        assertEquals(".", CodegenInvocation.relativePath(tmp, tmp))
    }

    @Test
    fun `an invalid Kotlin package is rejected naming the property`() {
        val e = assertThrows<WorkscriptConfigException> { invocation(kotlinPackage = "com.example-app.work").validate() }
        assertTrue(e.message!!.contains("workscript.kotlinPackage 'com.example-app.work'"), e.message)
        invocation(kotlinPackage = "dev.workscript.generated").validate()
        invocation(kotlinPackage = "_a.b9").validate()
    }

    @Test
    fun `no worker files and no tsconfig is rejected with the fix`() {
        val e = assertThrows<WorkscriptConfigException> { invocation(files = emptyList()).validate() }
        assertTrue(e.message!!.contains("workscript.workersDir"), e.message)
        invocation(files = emptyList(), tsconfig = File(tmp, "tsconfig.json")).validate()
    }

    @Test
    fun `only TypeScript sources that are not tests or declarations are passed`() {
        for (p in listOf("sync.ts", "nested/upload.ts", "a.mts", "b.cts", "c.tsx")) assertTrue(CodegenInvocation.isWorkerSource(p), p)
        for (p in listOf(
            "sync.test.ts", "sync.spec.ts", "sync.test.mts", "types.d.ts", "__tests__/sync.ts",
            "node_modules/x/index.ts", "tsconfig.json", "README.md", "nested\\x.d.ts",
        )) assertFalse(CodegenInvocation.isWorkerSource(p), p)
    }
}
