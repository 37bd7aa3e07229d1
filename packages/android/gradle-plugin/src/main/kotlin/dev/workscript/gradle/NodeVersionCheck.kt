package dev.workscript.gradle

import java.io.File
import java.io.IOException

/**
 * Runs `<node> --version` before the codegen, so a Node.js that is missing, is not Node.js, or is older than
 * [NodeVersion.MIN_MAJOR] fails with what to do instead of whatever the CLI or the OS would print (a syntax error
 * deep in a dependency, `error=2, No such file or directory`).
 *
 * [problem] decides from the output alone (pure, tested without processes); [verify] is the one process call.
 */
public object NodeVersionCheck {
    /**
     * Runs `[node] --version` in [workingDir] (where the CLI will run, so a relative path means the same file)
     * and throws [WorkscriptCodegenException] when it cannot be started ([CodegenRunner.nodeNotFoundMessage]) or
     * when [problem] finds one. Returns the version found.
     */
    public fun verify(node: String, workingDir: File, launcher: ProcessLauncher = ProcessBuilderLauncher): NodeVersion {
        val result = try {
            launcher.run(listOf(node, "--version"), workingDir)
        } catch (e: IOException) {
            throw WorkscriptCodegenException(CodegenRunner.nodeNotFoundMessage(node, e), e)
        }
        problem(node, result)?.let { throw WorkscriptCodegenException(it) }
        // problem() returned null, so stdout parsed.
        return NodeVersion.parse(result.stdout)!!
    }

    /**
     * Why the [result] of `[node] --version` rules this Node.js out, or null when it printed a version of
     * [NodeVersion.MIN_MAJOR] or newer and exited 0. Every message names [node] and how to configure another one.
     */
    public fun problem(node: String, result: ProcessResult): String? {
        val version = NodeVersion.parse(result.stdout)
        val printed = excerpt(result.stdout.trim().ifEmpty { result.stderr.trim() })
        return when {
            result.exitCode != 0 ->
                "Workscript could not read the Node.js version: `$node --version` (${where(node)}) exited with " +
                    "code ${result.exitCode}${if (printed.isEmpty()) "" else ": '$printed'"}. ${howToFix()}"
            version == null ->
                "Workscript expected a Node.js version from `$node --version` (${where(node)}), but it printed " +
                    "${if (printed.isEmpty()) "nothing" else "'$printed'"}. Is it Node.js? ${howToFix()}"
            version.major < NodeVersion.MIN_MAJOR ->
                "Workscript found Node.js ${result.stdout.trim()} (${where(node)}), but the codegen CLI needs " +
                    "Node.js ${NodeVersion.MIN_MAJOR} or newer. ${howToFix()}"
            else -> null
        }
    }

    // A bare name is resolved on the PATH the Gradle daemon started with, which is often not the shell's.
    private fun where(node: String): String =
        if (node.contains('/') || node.contains('\\')) "'$node'" else "'$node' on the Gradle daemon's PATH"

    // Enough of another program's output to recognise it, without pasting a whole help text into the build log.
    private fun excerpt(text: String): String {
        val lines = text.lines()
        return if (lines.size <= 3) text else lines.take(3).joinToString("\n") + "\n…"
    }

    private fun howToFix(): String =
        "Install Node.js ${NodeVersion.MIN_MAJOR}+ and set its absolute path: " +
            "workscript { nodeExecutable.set(\"/usr/local/bin/node\") } in build.gradle.kts, or " +
            "${WorkscriptDefaults.NODE_GRADLE_PROPERTY}=/usr/local/bin/node in ~/.gradle/gradle.properties " +
            "(then `./gradlew --stop`)."
}
