// android-sample: an Android app whose background work is written in TypeScript (workers/*.ts).
//
// One composite build, three parts, all from this repository (nothing is published yet):
//   - the dev.workscript Gradle plugin  <- includeBuild("../packages/android/gradle-plugin") in pluginManagement
//   - the runtime dev.workscript:workscript-runtime  <- includeBuild("../packages/android"): Gradle substitutes the
//     dependency with that build's root project (group dev.workscript, name workscript-runtime)
//   - :app, this app
// Needs Google's Maven repository and the Android SDK (Android Studio has both). See README.md.
pluginManagement {
    includeBuild("../packages/android/gradle-plugin")
    repositories {
        google()
        mavenCentral()
        gradlePluginPortal()
    }
}

dependencyResolutionManagement {
    repositoriesMode.set(RepositoriesMode.FAIL_ON_PROJECT_REPOS)
    repositories {
        google()
        mavenCentral()
    }
}

rootProject.name = "workscript-android-sample"

include(":app")

includeBuild("../packages/android")
