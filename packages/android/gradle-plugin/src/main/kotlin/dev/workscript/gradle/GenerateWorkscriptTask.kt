package dev.workscript.gradle

import org.gradle.api.DefaultTask
import org.gradle.api.GradleException
import org.gradle.api.file.ConfigurableFileCollection
import org.gradle.api.file.DirectoryProperty
import org.gradle.api.file.RegularFileProperty
import org.gradle.api.provider.Property
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
import org.gradle.api.tasks.TaskAction
import java.io.File

/**
 * Runs `node <codegenCli> generate …` (see [CodegenInvocation.commandLine]) and puts the generated Kotlin into
 * [kotlinOutputDir] and `workers.js`, `workers.js.map`, `workscript.json` into
 * [assetsOutputDir]/[assetsSubdirectory].
 *
 * Cacheable and relocatable: inputs are the worker sources and the tsconfig (paths relative), the npm packages of
 * the codegen (relative), the Kotlin package, the node command, the bundle flag and where the workers are relative
 * to the project root; absolute locations are `@Internal`.
 *
 * Each run first checks `<node> --version` ([NodeVersionCheck]): a Node.js that cannot be started or is older than
 * [NodeVersion.MIN_MAJOR] fails the task with what to configure. The version is not an input, so the check runs
 * only when the task does (not when it is up to date or taken from the build cache).
 */
@CacheableTask
public abstract class GenerateWorkscriptTask : DefaultTask() {
    /** Every `.ts`/`.json` file under the workers directory (node_modules excluded): any change reruns the task. */
    @get:InputFiles
    @get:PathSensitive(PathSensitivity.RELATIVE)
    @get:IgnoreEmptyDirectories
    public abstract val workerSources: ConfigurableFileCollection

    /** The workers directory; its files are [workerSources]. */
    @get:Internal
    public abstract val workersDir: DirectoryProperty

    /** `--root` (absolute, so not an input; [layoutKey] records the relative layout). */
    @get:Internal
    public abstract val projectRoot: DirectoryProperty

    /** `--project`, optional. */
    @get:InputFile
    @get:Optional
    @get:PathSensitive(PathSensitivity.RELATIVE)
    public abstract val tsconfig: RegularFileProperty

    @get:Input
    public abstract val kotlinPackage: Property<String>

    @get:Input
    public abstract val nodeExecutable: Property<String>

    @get:Input
    public abstract val bundle: Property<Boolean>

    @get:Input
    public abstract val assetsSubdirectory: Property<String>

    /** The CLI script; absent when it was not found (the action then fails with [CodegenLocator.notFoundMessage]). */
    @get:Internal
    public abstract val codegenCli: RegularFileProperty

    /** The npm packages of @workscript (api, codegen, runtime): `package.json`, `bin/` and `dist/` JavaScript: a new codegen reruns the task. */
    @get:InputFiles
    @get:PathSensitive(PathSensitivity.RELATIVE)
    @get:IgnoreEmptyDirectories
    public abstract val codegenFiles: ConfigurableFileCollection

    /** Generated Kotlin sources (package directories at the top). Set by AGP for the variant tasks. */
    @get:OutputDirectory
    public abstract val kotlinOutputDir: DirectoryProperty

    /** Generated assets root; the files land in its [assetsSubdirectory]. Set by AGP for the variant tasks. */
    @get:OutputDirectory
    public abstract val assetsOutputDir: DirectoryProperty

    /**
     * Where the workers and the tsconfig are relative to [projectRoot]: the generated headers and the manifest
     * contain these paths, so they are an input although the absolute locations are not.
     */
    @get:Input
    public val layoutKey: String
        get() {
            val root = projectRoot.get().asFile
            val workers = CodegenInvocation.relativePath(root, workersDir.get().asFile)
            val ts = tsconfig.orNull?.asFile?.let { CodegenInvocation.relativePath(root, it) } ?: "-"
            return "workers=$workers;tsconfig=$ts"
        }

    /** The invocation this task runs, writing into [cliOutDir]. */
    public fun invocation(cliOutDir: File): CodegenInvocation {
        val cli = codegenCli.orNull?.asFile
        if (cli == null || !cli.isFile) {
            throw GradleException(CodegenLocator.notFoundMessage(workersDir.orNull?.asFile, cli))
        }
        val workers = workersDir.get().asFile
        val sources = workerSources.files
            .filter { it.isFile && CodegenInvocation.isWorkerSource(CodegenInvocation.relativePath(workers, it)) }
        return CodegenInvocation(
            nodeExecutable = nodeExecutable.get(),
            cliScript = cli,
            projectRoot = projectRoot.get().asFile,
            outDir = cliOutDir,
            kotlinPackage = kotlinPackage.get(),
            tsconfig = tsconfig.orNull?.asFile,
            sourceFiles = sources,
            bundle = bundle.get(),
        )
    }

    @TaskAction
    public fun generate() {
        val cliOut = File(temporaryDir, "out")
        cliOut.deleteRecursively()
        val invocation = invocation(cliOut)
        logger.info("Workscript: {}", invocation.commandLine().joinToString(" "))
        val result = try {
            CodegenRunner.run(invocation)
        } catch (e: WorkscriptConfigException) {
            throw GradleException(e.message ?: "Invalid workscript { } configuration", e)
        } catch (e: WorkscriptCodegenException) {
            throw GradleException(e.message ?: "Workscript code generation failed", e)
        }
        // Warnings (e.g. WS1022, non-literal defaults) do not fail the build but must be seen.
        if (result.stderr.isNotBlank()) logger.warn(result.stderr.trimEnd())
        if (result.stdout.isNotBlank()) logger.info(result.stdout.trimEnd())
        CodegenRunner.installOutputs(
            cliOutDir = cliOut,
            kotlinDir = kotlinOutputDir.get().asFile,
            assetsDir = assetsOutputDir.get().asFile,
            assetsSubdirectory = assetsSubdirectory.get(),
        )
        cliOut.deleteRecursively()
    }
}
