package dev.workscript.gradle

/**
 * The documented defaults of the `workscript { }` extension, in one place (README.md lists the same values).
 * Kept free of Gradle types so they can be unit-tested without a running Gradle.
 */
public object WorkscriptDefaults {
    /** `workersDir`: the TypeScript workers, relative to the project directory of the module applying the plugin. */
    public const val WORKERS_DIR: String = "workers"

    /** `kotlinPackage`: the same default as the CLI's `--kotlin-package` (`DEFAULT_KOTLIN_PACKAGE` in codegen). */
    public const val KOTLIN_PACKAGE: String = "dev.workscript.generated"

    /** `nodeExecutable`: looked up on the PATH of the Gradle daemon unless [NODE_GRADLE_PROPERTY] is set. */
    public const val NODE_EXECUTABLE: String = "node"

    /**
     * Gradle property that overrides the default `nodeExecutable`, e.g. in `~/.gradle/gradle.properties`:
     * `workscript.node=/opt/homebrew/bin/node`. Android Studio's daemon often does not see the PATH of your shell.
     */
    public const val NODE_GRADLE_PROPERTY: String = "workscript.node"

    /** `codegenCli` is searched as this path in the workers directory and each of its parents, as Node resolves packages. */
    public const val CLI_RELATIVE_PATH: String = "node_modules/@workscript/codegen/bin/workscript.js"

    /**
     * `assetsSubdirectory`: folder inside the APK's `assets/` that holds `workers.js`, `workers.js.map` and
     * `workscript.json`. Matches `WorkscriptRuntime.fromAssets(context)`'s default path `workscript/workers.js`.
     */
    public const val ASSETS_SUBDIRECTORY: String = "workscript"

    /** `bundle`: build `workers.js`; `false` passes `--no-bundle` (Kotlin and manifest only). */
    public const val BUNDLE: Boolean = true

    /** Name of the task that generates into `build/generated/workscript/` (also without Android). */
    public const val TASK_NAME: String = "generateWorkscript"

    /** The task wired into each Android variant: `generateWorkscript` + the capitalised variant name. */
    public fun variantTaskName(variantName: String): String =
        TASK_NAME + variantName.replaceFirstChar { if (it.isLowerCase()) it.titlecase() else it.toString() }
}
