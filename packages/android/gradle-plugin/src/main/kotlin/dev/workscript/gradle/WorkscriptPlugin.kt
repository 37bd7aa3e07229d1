package dev.workscript.gradle

import org.gradle.api.Plugin
import org.gradle.api.Project

/**
 * `plugins { id("dev.workscript") }`: adds the `workscript { }` extension and the `generateWorkscript` task
 * (output in `build/generated/workscript/`). With `com.android.application` or `com.android.library` applied, it
 * also registers `generateWorkscript<Variant>` for every variant and adds its Kotlin and assets to the variant
 * through AGP's Variant API ([AndroidWiring], the only class that touches AGP).
 */
public class WorkscriptPlugin : Plugin<Project> {
    override fun apply(project: Project) {
        val extension = project.extensions.create("workscript", WorkscriptExtension::class.java)
        applyConventions(project, extension)

        project.tasks.register(WorkscriptDefaults.TASK_NAME, GenerateWorkscriptTask::class.java) { task ->
            configureTask(project, extension, task)
            task.description = "Generates Kotlin workers and the QuickJS bundle from the TypeScript workers " +
                "into build/generated/workscript (Android variants use generateWorkscript<Variant>)."
            task.kotlinOutputDir.convention(project.layout.buildDirectory.dir("generated/workscript/kotlin"))
            task.assetsOutputDir.convention(project.layout.buildDirectory.dir("generated/workscript/assets"))
        }

        var wired = false
        for (id in ANDROID_PLUGIN_IDS) {
            project.pluginManager.withPlugin(id) {
                if (!wired) {
                    wired = true
                    AndroidWiring.wire(project, extension)
                }
            }
        }

        project.afterEvaluate {
            if (wired && !project.pluginManager.hasPlugin(SERIALIZATION_PLUGIN_ID)) {
                project.logger.warn(missingSerializationPluginMessage(project.path))
            }
        }
    }

    public companion object {
        /** Android plugins whose variants get the generated sources and assets. */
        public val ANDROID_PLUGIN_IDS: List<String> = listOf("com.android.application", "com.android.library")

        /** The generated data classes are `@Serializable`. */
        public const val SERIALIZATION_PLUGIN_ID: String = "org.jetbrains.kotlin.plugin.serialization"

        public fun missingSerializationPluginMessage(projectPath: String): String =
            "Workscript: project '$projectPath' does not apply $SERIALIZATION_PLUGIN_ID; the generated Kotlin uses " +
                "@Serializable classes and will not compile without it. Add " +
                "id(\"$SERIALIZATION_PLUGIN_ID\") to its plugins { } and " +
                "implementation(\"org.jetbrains.kotlinx:kotlinx-serialization-json:<version>\") to its dependencies."

        /** The documented defaults of [WorkscriptExtension] (see [WorkscriptDefaults]). */
        public fun applyConventions(project: Project, extension: WorkscriptExtension) {
            extension.workersDir.convention(project.layout.projectDirectory.dir(WorkscriptDefaults.WORKERS_DIR))
            extension.projectRoot.convention(
                project.layout.dir(extension.workersDir.map { it.asFile.absoluteFile.parentFile }),
            )
            extension.kotlinPackage.convention(WorkscriptDefaults.KOTLIN_PACKAGE)
            extension.nodeExecutable.convention(
                project.providers.gradleProperty(WorkscriptDefaults.NODE_GRADLE_PROPERTY)
                    .orElse(WorkscriptDefaults.NODE_EXECUTABLE),
            )
            extension.codegenCli.convention(
                // No value when not found; the task then fails with CodegenLocator.notFoundMessage.
                project.layout.file(project.provider { CodegenLocator.find(extension.workersDir.get().asFile) }),
            )
            extension.bundle.convention(WorkscriptDefaults.BUNDLE)
            extension.assetsSubdirectory.convention(WorkscriptDefaults.ASSETS_SUBDIRECTORY)
        }

        /** Copies the extension into a task (lazily: the build script may set the extension later). */
        public fun configureTask(project: Project, extension: WorkscriptExtension, task: GenerateWorkscriptTask) {
            task.group = "workscript"
            task.workersDir.set(extension.workersDir)
            task.workerSources.from(
                extension.workersDir.map { dir ->
                    project.fileTree(dir) { tree ->
                        tree.include("**/*.ts", "**/*.tsx", "**/*.mts", "**/*.cts", "**/*.json")
                        tree.exclude("**/node_modules/**")
                    }
                },
            )
            task.projectRoot.set(extension.projectRoot)
            task.tsconfig.set(extension.tsconfig)
            task.kotlinPackage.set(extension.kotlinPackage)
            task.nodeExecutable.set(extension.nodeExecutable)
            task.bundle.set(extension.bundle)
            task.assetsSubdirectory.set(extension.assetsSubdirectory)
            task.codegenCli.set(extension.codegenCli)
            task.codegenFiles.from(
                task.codegenCli.map { cli ->
                    project.fileTree(CodegenLocator.packagesDir(cli.asFile)) { tree ->
                        tree.include("*/package.json", "*/bin/**", "*/dist/**/*.js", "*/dist/**/*.cjs", "*/dist/**/*.mjs")
                    }
                },
            )
        }
    }
}
