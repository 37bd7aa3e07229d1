// Plugin versions for the whole build, declared once here (`apply false`) so that every plugin, including
// dev.workscript (which looks up AGP's androidComponents extension), is loaded by the same class loader.
//
// AGP must be the same version as in ../packages/android/build.gradle.kts (the runtime library, included in
// this build): AGP refuses to run two versions in one build. Kotlin matches the runtime and quickjs-kt 1.0.14.
plugins {
    id("com.android.application") version "8.7.3" apply false
    id("com.android.library") version "8.7.3" apply false
    id("org.jetbrains.kotlin.android") version "2.4.10" apply false
    id("org.jetbrains.kotlin.plugin.serialization") version "2.4.10" apply false
    // From the included build ../packages/android/gradle-plugin (no version: it is built from source).
    id("dev.workscript") apply false
}
