// The dev.workscript Gradle plugin. See README.md; keep versions in step with pom.xml.
import org.jetbrains.kotlin.gradle.dsl.JvmTarget
import org.jetbrains.kotlin.gradle.dsl.KotlinVersion

plugins {
    `java-gradle-plugin`
    kotlin("jvm") version "2.4.10"
}

group = "dev.workscript"
version = "0.1.0-SNAPSHOT"

// Must be the AGP version the applying build uses (android-sample and packages/android pin 8.7.3); only its
// public API artifact is needed to compile AndroidWiring.kt.
val agpVersion = "8.7.3"

dependencies {
    compileOnly("com.android.tools.build:gradle-api:$agpVersion")
    testImplementation(platform("org.junit:junit-bom:5.14.4"))
    testImplementation("org.junit.jupiter:junit-jupiter")
    testRuntimeOnly("org.junit.platform:junit-platform-launcher")
}

// src/agp-stubs/kotlin (stand-ins for AGP's Variant API) exists for the Maven build only: the test double
// FakeAndroid.kt implements those interfaces, so with Gradle the stand-ins are compiled into the TEST classes only
// and the plugin itself is compiled against the real AGP API above.
java {
    toolchain.languageVersion.set(JavaLanguageVersion.of(17))
}

kotlin {
    sourceSets.named("test") {
        kotlin.srcDir("src/agp-stubs/kotlin")
    }
    compilerOptions {
        jvmTarget.set(JvmTarget.JVM_17)
        // Readable by the Kotlin embedded in Gradle 8.11+ (build scripts that configure `workscript { }`).
        languageVersion.set(KotlinVersion.KOTLIN_2_1)
        apiVersion.set(KotlinVersion.KOTLIN_2_1)
    }
}

gradlePlugin {
    plugins {
        create("workscript") {
            id = "dev.workscript"
            implementationClass = "dev.workscript.gradle.WorkscriptPlugin"
            displayName = "Workscript"
            description = "Generates Kotlin CoroutineWorkers and a QuickJS bundle from TypeScript workers " +
                "(@workscript/codegen) and adds them to every Android variant."
        }
    }
}

tasks.test {
    useJUnitPlatform()
    // As in pom.xml: ProjectBuilder needs these on JDK 17, and the real-CLI tests read the monorepo.
    jvmArgs(
        "--add-opens=java.base/java.lang=ALL-UNNAMED",
        "--add-opens=java.base/java.util=ALL-UNNAMED",
        "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
        "--add-opens=java.base/java.net=ALL-UNNAMED",
    )
    systemProperty("workscript.repoRoot", layout.projectDirectory.dir("../../..").asFile.absolutePath)
}
