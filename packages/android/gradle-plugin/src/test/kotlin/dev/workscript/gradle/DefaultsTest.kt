package dev.workscript.gradle

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.io.File

/** The plugin's defaults must agree with the CLI and the runtime they feed; read from their sources. */
class DefaultsTest {
    private val repoRoot = File(System.getProperty("workscript.repoRoot") ?: "../../..").canonicalFile

    @Test
    fun `default Kotlin package is the CLI's`() {
        val pipeline = File(repoRoot, "packages/codegen/src/pipeline.ts")
        assertTrue(pipeline.isFile, "codegen sources not found")
        val declared = Regex("DEFAULT_KOTLIN_PACKAGE\\s*=\\s*'([^']+)'").find(pipeline.readText())?.groupValues?.get(1)
        assertEquals(declared, WorkscriptDefaults.KOTLIN_PACKAGE)
    }

    @Test
    fun `assets land where WorkscriptRuntime fromAssets looks by default`() {
        val assets = File(repoRoot, "packages/android/runtime/src/android/kotlin/dev/workscript/runtime/AndroidAssets.kt")
        assertTrue(assets.isFile, "runtime sources not found")
        assertTrue(
            assets.readText().contains("path: String = \"${WorkscriptDefaults.ASSETS_SUBDIRECTORY}/workers.js\""),
            "AndroidAssets.kt's default path changed; update WorkscriptDefaults.ASSETS_SUBDIRECTORY",
        )
    }

    @Test
    fun `the CLI flags the plugin passes exist in cli ts`() {
        val cli = File(repoRoot, "packages/codegen/src/cli.ts")
        assertTrue(cli.isFile, "codegen sources not found")
        val text = cli.readText()
        for (flag in listOf("project", "out", "'kotlin-package'", "root", "'no-bundle'")) {
            assertTrue(Regex("\\b?$flag: \\{ type:").containsMatchIn(text), "cli.ts no longer declares --$flag")
        }
    }

    @Test
    fun `the minimum Node major is the one package json engines declare`() {
        // The codegen's own `engines` wins once it has one; today only the repository root declares it.
        val engines = Regex("\"engines\"\\s*:\\s*\\{[^}]*\"node\"\\s*:\\s*\"([^\"]+)\"")
        val declared = listOf("packages/codegen/package.json", "package.json")
            .map { File(repoRoot, it) }
            .onEach { assertTrue(it.isFile, "${it.path} not found") }
            .firstNotNullOfOrNull { engines.find(it.readText())?.groupValues?.get(1) }
        assertTrue(declared != null, "no engines.node in packages/codegen/package.json or package.json")
        // The first number of a range such as ">=20.19" or "^20.19.0 || >=22.12" is its lowest major.
        val lowestMajor = Regex("\\d+").find(declared!!)?.value?.toInt()
        assertEquals(lowestMajor, NodeVersion.MIN_MAJOR, "engines.node is '$declared'; update NodeVersion.MIN_MAJOR")
    }
}
