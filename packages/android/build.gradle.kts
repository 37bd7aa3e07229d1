// Android library build of dev.workscript:workscript-runtime (see settings.gradle.kts: not runnable on this
// project's machines, which cannot reach Google's Maven repository or the Android SDK).
// Sources: runtime/src/main/kotlin (shared with the Maven JVM build) + runtime/src/android/kotlin (Android only).
// runtime/src/jvm/kotlin (java.net.http) is JVM-only and deliberately left out.
plugins {
    id("com.android.library") version "8.7.3"
    id("org.jetbrains.kotlin.android") version "2.4.10"
    id("org.jetbrains.kotlin.plugin.serialization") version "2.4.10"
}

group = "dev.workscript"
version = "0.1.0-SNAPSHOT"

// Keep in step with pom.xml.
val quickjsKt = "1.0.14"
val coroutines = "1.11.0"
val serialization = "1.13.0"

android {
    namespace = "dev.workscript.runtime"
    compileSdk = 35
    defaultConfig {
        minSdk = 23
        consumerProguardFiles("runtime/consumer-rules.pro")
    }
    sourceSets {
        getByName("main") {
            kotlin.srcDirs("runtime/src/main/kotlin", "runtime/src/android/kotlin")
            manifest.srcFile("runtime/src/android/AndroidManifest.xml")
        }
    }
    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }
}

// Kotlin Gradle plugin 2.x removed `android { kotlinOptions {} }`; the compiler options live on the kotlin extension.
kotlin {
    compilerOptions {
        jvmTarget.set(org.jetbrains.kotlin.gradle.dsl.JvmTarget.JVM_17)
    }
}

dependencies {
    // Same QuickJS engine build as io.github.dokar3:quickjs-kt-jvm in the Maven build.
    implementation("io.github.dokar3:quickjs-kt:$quickjsKt")
    implementation("org.jetbrains.kotlinx:kotlinx-coroutines-android:$coroutines")
    implementation("org.jetbrains.kotlinx:kotlinx-serialization-json:$serialization")
    // The real WorkManager (the Maven build compiles against work-stubs instead).
    compileOnly("androidx.work:work-runtime:2.10.0")

}

// The runtime's tests run in the Maven JVM build (they use work-stubs' test-only constructors). Apps that unit-test
// generated workers on a desktop JVM substitute the JVM artifact, which carries the desktop native libraries:
//   configurations.matching { it.name.endsWith("UnitTestRuntimeClasspath") }.configureEach {
//       resolutionStrategy.dependencySubstitution {
//           substitute(module("io.github.dokar3:quickjs-kt-android")).using(module("io.github.dokar3:quickjs-kt-jvm:1.0.14"))
//       }
//   }
