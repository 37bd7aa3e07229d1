package dev.workscript.gradle

import org.gradle.api.Project
import org.gradle.api.tasks.CacheableTask
import org.gradle.api.tasks.IgnoreEmptyDirectories
import org.gradle.api.tasks.Input
import org.gradle.api.tasks.InputFile
import org.gradle.api.tasks.InputFiles
import org.gradle.api.tasks.Internal
import org.gradle.api.tasks.Optional
import org.gradle.api.tasks.OutputDirectory
import org.gradle.api.tasks.PathSensitive
import org.gradle.api.tasks.PathSensitivity
import org.gradle.testfixtures.ProjectBuilder
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import java.io.File
import java.lang.reflect.Method

class WorkscriptPluginTest {
    @TempDir
    lateinit var tmp: File

    private fun project(dir: File = File(tmp, "app")): Project {
        dir.mkdirs()
        return ProjectBuilder.builder().withProjectDir(dir).build().also { it.pluginManager.apply("dev.workscript") }
    }

    private val Project.workscript get() = extensions.getByType(WorkscriptExtension::class.java)
    private val Project.generate get() = tasks.getByName("generateWorkscript") as GenerateWorkscriptTask

    @Test
    fun `extension defaults are the documented ones`() {
        val p = project()
        val ext = p.workscript
        assertEquals(File(tmp, "app/workers"), ext.workersDir.get().asFile)
        assertEquals(File(tmp, "app"), ext.projectRoot.get().asFile)
        assertFalse(ext.tsconfig.isPresent)
        assertEquals("dev.workscript.generated", ext.kotlinPackage.get())
        assertEquals("node", ext.nodeExecutable.get())
        assertTrue(ext.bundle.get())
        assertEquals("workscript", ext.assetsSubdirectory.get())
        assertFalse(ext.codegenCli.isPresent, "no node_modules above the temp dir")
    }

    @Test
    fun `projectRoot follows workersDir and the CLI is found above it`() {
        val cli = File(tmp, WorkscriptDefaults.CLI_RELATIVE_PATH).apply { parentFile.mkdirs(); writeText("") }
        val p = project()
        p.workscript.workersDir.set(File(tmp, "workers"))
        assertEquals(tmp, p.workscript.projectRoot.get().asFile)
        assertEquals(cli.canonicalFile, p.workscript.codegenCli.get().asFile.canonicalFile)
    }

    @Test
    fun `the task is configured lazily from the extension`() {
        val p = project()
        val workers = File(tmp, "app/workers").apply { mkdirs() }
        File(workers, "sync.ts").writeText("")
        File(workers, "sync.test.ts").writeText("")
        File(workers, "node_modules/x/index.ts").apply { parentFile.mkdirs(); writeText("") }
        val cli = File(tmp, "cli/node_modules/@workscript/codegen/bin/workscript.js").apply { parentFile.mkdirs(); writeText("") }
        File(cli.parentFile.parentFile, "dist/cli.js").apply { parentFile.mkdirs(); writeText("") }
        File(cli.parentFile.parentFile, "src/cli.ts").apply { parentFile.mkdirs(); writeText("") }
        p.workscript.kotlinPackage.set("com.example.work")
        p.workscript.nodeExecutable.set("/usr/bin/node")
        p.workscript.codegenCli.set(cli)
        p.workscript.bundle.set(false)

        val t = p.generate
        assertEquals("com.example.work", t.kotlinPackage.get())
        assertEquals(File(tmp, "app/build/generated/workscript/kotlin"), t.kotlinOutputDir.get().asFile)
        assertEquals(File(tmp, "app/build/generated/workscript/assets"), t.assetsOutputDir.get().asFile)
        assertEquals(setOf("sync.ts", "sync.test.ts"), t.workerSources.files.map { it.name }.toSet())
        assertEquals(setOf("workscript.js", "cli.js"), t.codegenFiles.files.map { it.name }.toSet())
        assertEquals("workers=workers;tsconfig=-", t.layoutKey)

        val cmd = t.invocation(File(tmp, "out")).commandLine()
        assertEquals(
            listOf(
                "/usr/bin/node", cli.absolutePath, "generate", "--root", File(tmp, "app").absolutePath,
                "--out", File(tmp, "out").absolutePath, "--kotlin-package", "com.example.work", "--no-bundle",
                "--", "workers/sync.ts",
            ),
            cmd,
        )
    }

    @Test
    fun `a missing CLI fails the task with the search path`() {
        val p = project()
        val e = runCatching { p.generate.invocation(File(tmp, "out")) }.exceptionOrNull()
        assertNotNull(e)
        assertTrue(e!!.message!!.contains(File(tmp, "app/workers").absolutePath), e.message)
    }

    @Test
    fun `task inputs and outputs are declared for up-to-date checks and the build cache`() {
        val c = GenerateWorkscriptTask::class.java
        assertNotNull(c.getAnnotation(CacheableTask::class.java))
        fun getter(name: String): Method = c.getMethod("get" + name.replaceFirstChar { it.uppercase() })
        for (name in listOf("workerSources", "codegenFiles")) {
            val m = getter(name)
            assertNotNull(m.getAnnotation(InputFiles::class.java), name)
            assertEquals(PathSensitivity.RELATIVE, m.getAnnotation(PathSensitive::class.java)?.value, name)
            assertNotNull(m.getAnnotation(IgnoreEmptyDirectories::class.java), name)
        }
        getter("tsconfig").let {
            assertNotNull(it.getAnnotation(InputFile::class.java))
            assertNotNull(it.getAnnotation(Optional::class.java))
            assertEquals(PathSensitivity.RELATIVE, it.getAnnotation(PathSensitive::class.java)?.value)
        }
        for (name in listOf("kotlinPackage", "nodeExecutable", "bundle", "assetsSubdirectory", "layoutKey")) {
            assertNotNull(getter(name).getAnnotation(Input::class.java), name)
        }
        for (name in listOf("kotlinOutputDir", "assetsOutputDir")) assertNotNull(getter(name).getAnnotation(OutputDirectory::class.java), name)
        // Absolute locations must not be inputs, or the cache would not be relocatable.
        for (name in listOf("workersDir", "projectRoot", "codegenCli")) assertNotNull(getter(name).getAnnotation(Internal::class.java), name)
        // Every property getter carries exactly one Gradle annotation (what validatePlugins checks).
        val kinds = listOf(Input::class.java, InputFile::class.java, InputFiles::class.java, OutputDirectory::class.java, Internal::class.java)
        for (m in c.declaredMethods.filter { it.name.startsWith("get") && it.parameterCount == 0 }) {
            assertEquals(1, kinds.count { m.getAnnotation(it) != null }, m.name)
        }
    }

    @Test
    fun `every Android variant gets its own task wired into Kotlin sources and assets`() {
        val p = project()
        p.pluginManager.apply("com.android.application")
        val android = p.extensions.getByName("androidComponents") as FakeAndroidComponents
        android.createVariants("debug", "release")

        for (v in android.variants) {
            val name = WorkscriptDefaults.variantTaskName(v.name)
            val task = p.tasks.getByName(name) as GenerateWorkscriptTask
            assertEquals(listOf(name), v.kotlin!!.added.map { it.name })
            assertEquals(listOf(name), v.assets.added.map { it.name })
            assertTrue(v.java.added.isEmpty(), "Kotlin sources are used when present")
            assertEquals(File(tmp, "app/build/generated/kotlin/${v.name}/$name"), task.kotlinOutputDir.get().asFile)
            assertEquals(File(tmp, "app/build/generated/assets/${v.name}/$name"), task.assetsOutputDir.get().asFile)
            assertEquals(p.workscript.kotlinPackage.get(), task.kotlinPackage.get())
        }
        assertEquals("generateWorkscriptDebug", WorkscriptDefaults.variantTaskName("debug"))
        assertEquals("generateWorkscriptFreeRelease", WorkscriptDefaults.variantTaskName("freeRelease"))
    }

    @Test
    fun `without Kotlin source type the Java sources are used`() {
        val p = project()
        p.pluginManager.apply("com.android.application")
        val android = p.extensions.getByName("androidComponents") as FakeAndroidComponents
        android.createVariants("debug", withKotlin = false)
        assertEquals(listOf("generateWorkscriptDebug"), android.variants.single().java.added.map { it.name })
    }

    @Test
    fun `without an Android plugin there are no variant tasks`() {
        val p = project()
        assertNull(p.tasks.findByName("generateWorkscriptDebug"))
        assertNotNull(p.tasks.findByName("generateWorkscript"))
    }
}
