// STAND-INS, NOT AGP. Minimal copies of the signatures of the Android Gradle Plugin's Variant API that
// AndroidWiring.kt uses (com.android.build.api.variant, AGP 8.x: AndroidComponentsExtension, VariantSelector,
// Variant, Sources, SourceDirectories). Compiled only by the Maven build so that AndroidWiring.kt is type-checked
// on machines without Google's Maven repository; excluded from the jar (pom.xml). At run time the classes come
// from the real AGP applied by the user's build. Keep them in step with AGP's published API.
package com.android.build.api.variant

import org.gradle.api.Named
import org.gradle.api.Task
import org.gradle.api.file.DirectoryProperty
import org.gradle.api.tasks.TaskProvider

/** AGP: `interface AndroidComponentsExtension<DslExtensionT : CommonExtension<…>, VariantBuilderT : VariantBuilder, VariantT : Variant>`. */
interface AndroidComponentsExtension<DslExtensionT, VariantBuilderT, VariantT : Variant> {
    fun selector(): VariantSelector

    fun onVariants(selector: VariantSelector = selector().all(), callback: (VariantT) -> Unit)
}

interface VariantSelector {
    fun all(): VariantSelector
}

/** AGP: `Variant : Component : ComponentIdentity` (where `name` is declared). */
interface Variant {
    val name: String
    val sources: Sources
}

interface Sources {
    val java: SourceDirectories.Flat?
    val kotlin: SourceDirectories.Flat?
    val assets: SourceDirectories.Layered?
}

interface SourceDirectories : Named {
    fun <TASK : Task> addGeneratedSourceDirectory(taskProvider: TaskProvider<TASK>, wiredWith: (TASK) -> DirectoryProperty)

    interface Flat : SourceDirectories

    interface Layered : SourceDirectories
}
