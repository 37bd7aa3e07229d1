// The sample app. Its workers are TypeScript (../workers/*.ts); the dev.workscript plugin runs the codegen
// before every Kotlin compilation and adds the generated Kotlin and assets/workscript/ to each variant.
import org.jetbrains.kotlin.gradle.dsl.JvmTarget

plugins {
    id("com.android.application")
    id("org.jetbrains.kotlin.android")
    // The generated Input/Output/Progress classes are @Serializable.
    id("org.jetbrains.kotlin.plugin.serialization")
    id("dev.workscript")
}

// Keep in step with ../packages/android (pom.xml and build.gradle.kts).
val workVersion = "2.10.0"
val quickjsKtVersion = "1.0.14"
val serializationVersion = "1.13.0"
val coroutinesVersion = "1.11.0"

android {
    namespace = "dev.workscript.sample"
    compileSdk = 35

    defaultConfig {
        applicationId = "dev.workscript.sample"
        minSdk = 23
        targetSdk = 35
        versionCode = 1
        versionName = "0.1.0"
    }

    buildTypes {
        release {
            isMinifyEnabled = false
        }
    }

    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }

    sourceSets {
        getByName("main") {
            // Hand-written code only. src/main/java/dev/workscript/sample/generated/ and src/main/assets/workscript/
            // hold a committed copy of the codegen output, kept for the project's CI (`nx run android-sample:check`
            // and the JVM compile of the Maven build); in this Gradle build the plugin generates them afresh
            // (build/generated/...), so the copies are left out to avoid duplicate classes and assets.
            java.setSrcDirs(listOf("src/main/kotlin"))
            kotlin.setSrcDirs(listOf("src/main/kotlin"))
            assets.setSrcDirs(emptyList<String>())
        }
    }
}

kotlin {
    compilerOptions {
        jvmTarget.set(JvmTarget.JVM_17)
    }
}

workscript {
    // Defaults are documented in packages/android/gradle-plugin/README.md; the sample keeps its workers beside
    // the app module and generates the same package as the committed copy.
    workersDir.set(layout.projectDirectory.dir("../workers"))
    tsconfig.set(layout.projectDirectory.file("../workers/tsconfig.json"))
    kotlinPackage.set("dev.workscript.sample.generated")
    // projectRoot defaults to the parent of workersDir (android-sample/), nodeExecutable to `node` or the
    // Gradle property workscript.node, codegenCli to the nearest node_modules/@workscript/codegen (the
    // repository root's, after `npm install` and `npx nx build codegen`).
}

dependencies {
    // The Workscript runtime, built from ../packages/android (includeBuild in settings.gradle.kts).
    implementation("dev.workscript:workscript-runtime:0.1.0-SNAPSHOT")
    // The QuickJS engine the runtime uses; pinned here to the version the runtime is built and tested with.
    implementation("io.github.dokar3:quickjs-kt:$quickjsKtVersion")
    implementation("androidx.work:work-runtime-ktx:$workVersion")
    implementation("org.jetbrains.kotlinx:kotlinx-serialization-json:$serializationVersion")
    implementation("org.jetbrains.kotlinx:kotlinx-coroutines-android:$coroutinesVersion")
    // ComponentActivity (a LifecycleOwner, to observe WorkInfo LiveData); plain Android views, no Compose.
    implementation("androidx.activity:activity-ktx:1.9.3")
}
