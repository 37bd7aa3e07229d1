// Gradle build of the dev.workscript plugin, for users (and for android-sample, which includes this build with
// pluginManagement { includeBuild("../packages/android/gradle-plugin") }). The project's CI compiles and tests
// the same sources with Maven (pom.xml), because Google's Maven repository and the Gradle plugin portal are not
// reachable there; this build has not been run on the project's machines.
pluginManagement {
    repositories {
        gradlePluginPortal()
        mavenCentral()
    }
}

dependencyResolutionManagement {
    repositories {
        // com.android.tools.build:gradle-api (compileOnly) is published to Google's Maven repository only.
        google()
        mavenCentral()
    }
}

rootProject.name = "workscript-gradle-plugin"
