package dev.workscript.gradle

import java.io.File
import java.io.IOException
import java.nio.file.Path

/**
 * One run of `workscript generate`: everything the command line is built from. Pure data, so the exact command
 * line is unit-tested without Gradle (see packages/codegen/src/cli.ts for the flags).
 *
 * @property nodeExecutable `node` (looked up on PATH) or an absolute path.
 * @property cliScript the codegen's `bin/workscript.js`.
 * @property projectRoot `--root`: the working directory of the CLI; paths in diagnostics and in generated headers
 *   are relative to it.
 * @property outDir `--out`: the CLI writes `kotlin/` and `assets/` below it.
 * @property kotlinPackage `--kotlin-package`.
 * @property tsconfig `--project`; when null, [sourceFiles] are passed as the file list.
 * @property sourceFiles the worker sources when there is no tsconfig.
 * @property bundle false adds `--no-bundle`.
 */
public data class CodegenInvocation(
    val nodeExecutable: String,
    val cliScript: File,
    val projectRoot: File,
    val outDir: File,
    val kotlinPackage: String,
    val tsconfig: File?,
    val sourceFiles: List<File>,
    val bundle: Boolean,
) {
    /** The command line, e.g. `node …/workscript.js generate --root … --out … --kotlin-package p -- workers/a.ts`. */
    public fun commandLine(): List<String> {
        val args = mutableListOf(
            nodeExecutable,
            cliScript.absolutePath,
            "generate",
            "--root", projectRoot.absolutePath,
            "--out", outDir.absolutePath,
            "--kotlin-package", kotlinPackage,
        )
        if (!bundle) args += "--no-bundle"
        if (tsconfig != null) {
            args += listOf("--project", relativePath(projectRoot, tsconfig))
        } else {
            // `--` ends the options (node:util parseArgs), so no file name can be taken for a flag.
            args += "--"
            args += sourceFiles.map { relativePath(projectRoot, it) }.sorted()
        }
        return args
    }

    /** Checks what the CLI would reject, with the extension property to fix; throws [WorkscriptConfigException]. */
    public fun validate() {
        if (!KOTLIN_PACKAGE.matches(kotlinPackage)) {
            throw WorkscriptConfigException(
                "workscript.kotlinPackage '$kotlinPackage' is not a Kotlin package name; " +
                    "use dot-separated identifiers such as 'com.example.work'.",
            )
        }
        if (nodeExecutable.isBlank()) {
            throw WorkscriptConfigException(
                "workscript.nodeExecutable is empty; set it to 'node' or to the absolute path of " +
                    "Node.js ${NodeVersion.MIN_MAJOR}+.",
            )
        }
        if (tsconfig == null && sourceFiles.isEmpty()) {
            throw WorkscriptConfigException(
                "No TypeScript workers found: the workers directory has no *.ts files (declarations and " +
                    "*.test.ts/*.spec.ts are skipped). Put your defineWorker(...) files there, point " +
                    "workscript.workersDir at them, or set workscript.tsconfig.",
            )
        }
    }

    public companion object {
        private val KOTLIN_PACKAGE = Regex("^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*$")

        /** [file] relative to [root], `/`-separated on every OS (the CLI's paths are POSIX-style). */
        public fun relativePath(root: File, file: File): String {
            val rel: Path = root.absoluteFile.toPath().normalize().relativize(file.absoluteFile.toPath().normalize())
            return rel.joinToString("/").ifEmpty { "." }
        }

        /**
         * Whether a file of the workers directory is passed to the CLI: TypeScript sources, not declarations,
         * not tests (`*.test.ts`, `*.spec.ts`, `__tests__/`) and nothing under `node_modules/`.
         */
        public fun isWorkerSource(relativePath: String): Boolean {
            val p = relativePath.replace('\\', '/')
            val name = p.substringAfterLast('/')
            if (p.split('/').any { it == "node_modules" || it == "__tests__" }) return false
            if (!(name.endsWith(".ts") || name.endsWith(".tsx") || name.endsWith(".mts") || name.endsWith(".cts"))) return false
            if (name.endsWith(".d.ts") || name.endsWith(".d.mts") || name.endsWith(".d.cts")) return false
            return !Regex("\\.(test|spec)\\.[cm]?tsx?$").containsMatchIn(name)
        }
    }
}

/** Finds the codegen CLI the way Node finds a package: `node_modules/@workscript/codegen` here or in a parent. */
public object CodegenLocator {
    /** The first [WorkscriptDefaults.CLI_RELATIVE_PATH] in [start] or one of its parents that is a file, else null. */
    public fun find(start: File): File? =
        generateSequence(start.absoluteFile.toPath().normalize().toFile()) { it.parentFile }
            .map { File(it, WorkscriptDefaults.CLI_RELATIVE_PATH) }
            .firstOrNull { it.isFile }

    /**
     * The npm packages whose files decide the generated output: the directory holding the CLI's package
     * (`node_modules/@workscript`, so `api`, `codegen` and `runtime`), for the task's up-to-date check.
     */
    public fun packagesDir(cliScript: File): File = cliScript.absoluteFile.parentFile.parentFile.parentFile

    /** The error for a CLI that was not found, naming where it was searched and both fixes. */
    public fun notFoundMessage(searchedFrom: File?, configured: File?): String =
        if (configured != null) {
            "The Workscript codegen CLI was not found at ${configured.absolutePath} (workscript.codegenCli). " +
                "Point it at node_modules/@workscript/codegen/bin/workscript.js, or run `npm install` where " +
                "your package.json depends on @workscript/codegen."
        } else {
            "The Workscript codegen CLI (${WorkscriptDefaults.CLI_RELATIVE_PATH}) was not found in " +
                "${searchedFrom?.absolutePath ?: "the workers directory"} or any parent directory. Run `npm install` " +
                "in the directory whose package.json depends on @workscript/codegen (in the Workscript repository: " +
                "`npm install` then `npx nx run-many -t build` at its root), or set " +
                "workscript { codegenCli.set(file(\".../bin/workscript.js\")) }."
        }
}

/** What a finished CLI process left behind. */
public data class ProcessResult(val exitCode: Int, val stdout: String, val stderr: String)

/** Starts a process; throws [IOException] when it cannot be started (e.g. the executable does not exist). */
public fun interface ProcessLauncher {
    public fun run(commandLine: List<String>, workingDir: File): ProcessResult
}

/** [ProcessLauncher] on [ProcessBuilder]; reads stdout and stderr concurrently so neither pipe can fill up. */
public object ProcessBuilderLauncher : ProcessLauncher {
    override fun run(commandLine: List<String>, workingDir: File): ProcessResult {
        val process = ProcessBuilder(commandLine).directory(workingDir).start()
        process.outputStream.close()
        var stderr = ""
        val errReader = Thread({ stderr = process.errorStream.bufferedReader().readText() }, "workscript-codegen-stderr")
        errReader.isDaemon = true
        errReader.start()
        val stdout = process.inputStream.bufferedReader().readText()
        val exit = process.waitFor()
        errReader.join()
        return ProcessResult(exit, stdout, stderr)
    }
}

/** A configuration problem: the message names the `workscript { }` property to change. */
public class WorkscriptConfigException(message: String) : RuntimeException(message)

/** The codegen could not run or reported errors; the message carries the CLI's diagnostics verbatim. */
public class WorkscriptCodegenException(message: String, cause: Throwable? = null) : RuntimeException(message, cause)

/** Runs the CLI and maps every failure to a [WorkscriptCodegenException] whose message says what to do. */
public object CodegenRunner {
    /**
     * Runs [invocation]; returns the result when the CLI exited 0 (stderr then holds warnings, if any). Before the
     * CLI, [launcher] runs `<node> --version` once ([NodeVersionCheck.verify]): a Node.js that cannot be started or
     * is older than [NodeVersion.MIN_MAJOR] fails here, with what to configure, and the CLI is not started.
     */
    public fun run(invocation: CodegenInvocation, launcher: ProcessLauncher = ProcessBuilderLauncher): ProcessResult {
        invocation.validate()
        NodeVersionCheck.verify(invocation.nodeExecutable, invocation.projectRoot, launcher)
        val result = try {
            launcher.run(invocation.commandLine(), invocation.projectRoot)
        } catch (e: IOException) {
            throw WorkscriptCodegenException(nodeNotFoundMessage(invocation.nodeExecutable, e), e)
        }
        if (result.exitCode != 0) throw WorkscriptCodegenException(failureMessage(invocation, result))
        return result
    }

    /** The error when Node.js cannot be started (by [NodeVersionCheck.verify], or by the CLI run after it). */
    public fun nodeNotFoundMessage(node: String, cause: IOException): String =
        "Workscript could not start Node.js: '$node' (${cause.message}). The codegen CLI needs Node.js " +
            "${NodeVersion.MIN_MAJOR} or newer. " +
            "Install it and make sure the Gradle daemon sees it on its PATH (Android Studio started from the dock " +
            "often does not see nvm/Homebrew paths; stop the daemon with `./gradlew --stop` after changing PATH), or " +
            "set the absolute path: workscript { nodeExecutable.set(\"/usr/local/bin/node\") } in build.gradle.kts, " +
            "or ${WorkscriptDefaults.NODE_GRADLE_PROPERTY}=/usr/local/bin/node in ~/.gradle/gradle.properties."

    /** The error when the CLI exits non-zero: its own diagnostics first (tsc-style, clickable), then how to rerun. */
    public fun failureMessage(invocation: CodegenInvocation, result: ProcessResult): String = buildString {
        append("Workscript code generation failed (`workscript generate` exited with code ${result.exitCode}).")
        val diagnostics = result.stderr.trim()
        if (diagnostics.isNotEmpty()) {
            append('\n').append(diagnostics)
        } else if (result.stdout.isNotBlank()) {
            append('\n').append(result.stdout.trim())
        }
        append("\nPaths are relative to ${invocation.projectRoot.absolutePath}. To reproduce outside Gradle, run there:\n  ")
        append(invocation.commandLine().joinToString(" ") { if (it.isEmpty() || it.any(Char::isWhitespace)) "'$it'" else it })
    }

    /**
     * Moves the CLI's output from [cliOutDir] into the task's outputs: `kotlin/` → [kotlinDir] and `assets/` →
     * [assetsDir]/[assetsSubdirectory]. Both output directories are emptied first, so deleted workers disappear.
     */
    public fun installOutputs(cliOutDir: File, kotlinDir: File, assetsDir: File, assetsSubdirectory: String) {
        for (dir in listOf(kotlinDir, assetsDir)) {
            dir.deleteRecursively()
            dir.mkdirs()
        }
        val kotlin = File(cliOutDir, "kotlin")
        if (kotlin.isDirectory) kotlin.copyRecursively(kotlinDir, overwrite = true)
        val assets = File(cliOutDir, "assets")
        val target = if (assetsSubdirectory.isEmpty()) assetsDir else File(assetsDir, assetsSubdirectory)
        if (assets.isDirectory) assets.copyRecursively(target, overwrite = true)
    }
}
