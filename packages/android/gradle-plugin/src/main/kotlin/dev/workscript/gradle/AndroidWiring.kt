// The only file that uses the Android Gradle Plugin's API (com.android.build.api.variant). AGP is not on Maven
// Central: the Maven build compiles this file against the stand-ins in src/agp-stubs/kotlin (same signatures,
// never packaged); the Gradle build (build.gradle.kts) compiles it against com.android.tools.build:gradle-api.
// It is loaded only after an Android plugin was applied, so the plugin works without AGP on the classpath.
package dev.workscript.gradle

import com.android.build.api.variant.AndroidComponentsExtension
import org.gradle.api.Project

internal object AndroidWiring {
    /**
     * For every variant: registers `generateWorkscript<Variant>` and adds its Kotlin output to the variant's Kotlin
     * sources (Java sources when the Kotlin source type is absent) and its assets output to the variant's assets,
     * with `addGeneratedSourceDirectory`, so AGP chooses the directories and runs the task before compiling,
     * merging assets, lint and the IDE sync.
     */
    fun wire(project: Project, extension: WorkscriptExtension) {
        val androidComponents = project.extensions.getByType(AndroidComponentsExtension::class.java)
        androidComponents.onVariants(androidComponents.selector().all()) { variant ->
            val task = project.tasks.register(
                WorkscriptDefaults.variantTaskName(variant.name),
                GenerateWorkscriptTask::class.java,
            ) { t ->
                WorkscriptPlugin.configureTask(project, extension, t)
                t.description = "Generates the Workscript Kotlin workers and bundle for the ${variant.name} variant."
            }
            val kotlinSources = variant.sources.kotlin ?: variant.sources.java
            kotlinSources?.addGeneratedSourceDirectory(task, GenerateWorkscriptTask::kotlinOutputDir)
            variant.sources.assets?.addGeneratedSourceDirectory(task, GenerateWorkscriptTask::assetsOutputDir)
        }
    }
}
