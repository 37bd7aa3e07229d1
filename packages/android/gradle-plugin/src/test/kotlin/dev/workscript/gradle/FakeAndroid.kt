package dev.workscript.gradle

import com.android.build.api.variant.AndroidComponentsExtension
import com.android.build.api.variant.SourceDirectories
import com.android.build.api.variant.Sources
import com.android.build.api.variant.Variant
import com.android.build.api.variant.VariantSelector
import org.gradle.api.Plugin
import org.gradle.api.Project
import org.gradle.api.Task
import org.gradle.api.file.DirectoryProperty
import org.gradle.api.tasks.TaskProvider

/**
 * Test double of AGP under the id `com.android.application` (src/test/resources/META-INF/gradle-plugins): it
 * registers `androidComponents` as the stand-in interfaces and records what the plugin adds to each variant,
 * setting the task's output directory the way AGP's addGeneratedSourceDirectory does.
 */
class FakeAndroidPlugin : Plugin<Project> {
    override fun apply(project: Project) {
        @Suppress("UNCHECKED_CAST")
        project.extensions.add(
            AndroidComponentsExtension::class.java as Class<AndroidComponentsExtension<Any, Any, Variant>>,
            "androidComponents",
            FakeAndroidComponents(project),
        )
    }
}

class FakeAndroidComponents(private val project: Project) : AndroidComponentsExtension<Any, Any, Variant> {
    private val callbacks = mutableListOf<(Variant) -> Unit>()
    val variants = mutableListOf<FakeVariant>()

    override fun selector(): VariantSelector = object : VariantSelector {
        override fun all(): VariantSelector = this
    }

    override fun onVariants(selector: VariantSelector, callback: (Variant) -> Unit) {
        callbacks += callback
    }

    /** What AGP does after evaluation: one callback per variant. */
    fun createVariants(vararg names: String, withKotlin: Boolean = true) {
        for (name in names) {
            val v = FakeVariant(name, project, withKotlin)
            variants += v
            callbacks.forEach { it(v) }
        }
    }
}

class FakeVariant(override val name: String, project: Project, withKotlin: Boolean) : Variant {
    val java = FakeDirectories("java", name, project)
    val kotlin = if (withKotlin) FakeDirectories("kotlin", name, project) else null
    val assets = FakeDirectories("assets", name, project)
    override val sources: Sources = object : Sources {
        override val java: SourceDirectories.Flat = this@FakeVariant.java
        override val kotlin: SourceDirectories.Flat? = this@FakeVariant.kotlin
        override val assets: SourceDirectories.Layered = this@FakeVariant.assets
    }
}

class FakeDirectories(private val type: String, private val variant: String, private val project: Project) :
    SourceDirectories.Flat, SourceDirectories.Layered {
    val added = mutableListOf<TaskProvider<*>>()

    override fun getName(): String = type

    override fun <TASK : Task> addGeneratedSourceDirectory(
        taskProvider: TaskProvider<TASK>,
        wiredWith: (TASK) -> DirectoryProperty,
    ) {
        added += taskProvider
        taskProvider.configure { wiredWith(it).set(project.layout.buildDirectory.dir("generated/$type/$variant/${taskProvider.name}")) }
    }
}
