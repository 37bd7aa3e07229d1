package dev.workscript.gradle

import org.gradle.testfixtures.ProjectBuilder
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import java.io.File

/**
 * Runs the task action with the real `node` and the real codegen CLI of this repository on the codegen's golden
 * fixtures, and compares with their expected Kotlin. Skipped (with the reason) when Node.js or the built CLI
 * (`npx nx build codegen`) is not there.
 */
class RealCodegenTest {
    @TempDir
    lateinit var tmp: File

    private val repoRoot = File(System.getProperty("workscript.repoRoot") ?: "../../..").canonicalFile
    private val cli = File(repoRoot, WorkscriptDefaults.CLI_RELATIVE_PATH)
    private val fixtures = File(repoRoot, "packages/codegen/tests/fixtures")

    @BeforeEach
    fun requireNodeAndCli() {
        assertTrue(File(repoRoot, "packages/codegen/dist/cli.js").isFile, "codegen is not built (npx nx build codegen)")
        assertTrue(cli.isFile, "no ${cli.path} (npm install)")
        val node = runCatching { ProcessBuilder("node", "--version").start().waitFor() }.getOrNull()
        assertTrue(node == 0, "node is not on the PATH")
    }

    private fun taskFor(fixtureInput: File): GenerateWorkscriptTask {
        val p = ProjectBuilder.builder().withProjectDir(File(tmp, "app").apply { mkdirs() }).build()
        p.pluginManager.apply("dev.workscript")
        val ext = p.extensions.getByType(WorkscriptExtension::class.java)
        ext.workersDir.set(File(fixtureInput, "workers"))
        return p.tasks.getByName("generateWorkscript") as GenerateWorkscriptTask
    }

    @Test
    fun `generates exactly the golden Kotlin and the bundle into the task outputs`() {
        val case = File(fixtures, "basic-sync")
        val task = taskFor(File(case, "input"))
        assertEquals(cli.canonicalFile, task.codegenCli.get().asFile.canonicalFile, "found by walking up from the workers")

        task.generate()

        val expected = File(case, "expected/kotlin")
        val actual = task.kotlinOutputDir.get().asFile
        val expectedFiles = expected.walk().filter { it.isFile }.map { it.relativeTo(expected).path }.sorted().toList()
        assertEquals(expectedFiles, actual.walk().filter { it.isFile }.map { it.relativeTo(actual).path }.sorted().toList())
        for (f in expectedFiles) assertEquals(File(expected, f).readText(), File(actual, f).readText(), f)

        val assets = File(task.assetsOutputDir.get().asFile, "workscript")
        assertEquals(listOf("workers.js", "workers.js.map", "workscript.json"), assets.list()!!.sorted())
        assertTrue(File(assets, "workers.js").readText().contains("SyncContacts"))
    }

    @Test
    fun `codegen errors fail the task with the CLI diagnostics`() {
        val case = File(fixtures, "_error_/date-field")
        assertTrue(case.isDirectory, "fixture _error_/date-field is gone")
        val task = taskFor(File(case, "input"))
        val e = runCatching { task.generate() }.exceptionOrNull()
        val m = e?.message ?: ""
        assertTrue(m.startsWith("Workscript code generation failed"), m)
        val expectedFirstLine = File(case, "expected/diagnostics.txt").readLines().first { it.isNotBlank() }
        assertTrue(m.contains(expectedFirstLine), "expected <$expectedFirstLine> in:\n$m")
    }

    /**
     * android-sample/app/build.gradle.kts configures the plugin like this; the Kotlin must be the committed copy
     * that CI compiles on the JVM (app/src/main/java/.../generated), so the APK gets the code CI tested, and the
     * same assets must land in assets/workscript.
     */
    @Test
    fun `the android-sample configuration generates the committed sample code`() {
        val sample = File(repoRoot, "android-sample")
        assertTrue(File(sample, "workers/tsconfig.json").isFile, "android-sample/workers is not there")
        val p = ProjectBuilder.builder().withProjectDir(File(tmp, "app").apply { mkdirs() }).build()
        p.pluginManager.apply("dev.workscript")
        val ext = p.extensions.getByType(WorkscriptExtension::class.java)
        ext.workersDir.set(File(sample, "workers"))
        ext.tsconfig.set(File(sample, "workers/tsconfig.json"))
        ext.kotlinPackage.set("dev.workscript.sample.generated")
        val task = p.tasks.getByName("generateWorkscript") as GenerateWorkscriptTask
        assertEquals(sample.canonicalFile, task.projectRoot.get().asFile.canonicalFile)

        task.generate()

        fun tree(dir: File) = dir.walk().filter { it.isFile }.associate { it.relativeTo(dir).path to it.readText() }
        val kotlin = tree(File(task.kotlinOutputDir.get().asFile, "dev/workscript/sample/generated"))
        val committedKotlin = tree(File(sample, "app/src/main/java/dev/workscript/sample/generated"))
        assertEquals(committedKotlin.keys.sorted(), kotlin.keys.sorted())
        for ((path, text) in committedKotlin) assertEquals(text, kotlin[path], path)
        // The assets are compared by name only: the bundle also changes with @workscript/api's sources, and their
        // freshness is android-sample's own check (`npx nx run android-sample:check`).
        val assets = tree(File(task.assetsOutputDir.get().asFile, "workscript"))
        val committedAssets = tree(File(sample, "app/src/main/assets/workscript"))
        assertEquals(committedAssets.keys.sorted(), assets.keys.sorted())
    }
}
