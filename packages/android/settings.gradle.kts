// Gradle build of dev.workscript:workscript-runtime for Android apps (users' machines and their CI).
// It needs Google's Maven repository and the Android SDK, which this project's machines cannot reach: it is
// not built here. The project's CI builds and tests the same sources with Maven on the JVM (pom.xml).
pluginManagement {
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

rootProject.name = "workscript-runtime"
