package dev.workscript.gradle

import org.gradle.api.file.DirectoryProperty
import org.gradle.api.file.RegularFileProperty
import org.gradle.api.provider.Property

/**
 * `workscript { }` in the build script of the module that applies `dev.workscript`. Defaults (set by
 * [WorkscriptPlugin], listed in [WorkscriptDefaults] and README.md):
 *
 * ```kotlin
 * workscript {
 *     workersDir.set(layout.projectDirectory.dir("workers"))   // default: <module>/workers
 *     projectRoot.set(layout.projectDirectory)                 // default: the parent of workersDir
 *     tsconfig.set(layout.projectDirectory.file("workers/tsconfig.json")) // default: unset, *.ts of workersDir
 *     kotlinPackage.set("com.example.work")                    // default: dev.workscript.generated
 *     nodeExecutable.set("/usr/local/bin/node")                // default: Gradle property workscript.node, else "node"
 *     codegenCli.set(file("node_modules/@workscript/codegen/bin/workscript.js")) // default: searched upwards
 *     bundle.set(true)                                         // default: true
 *     assetsSubdirectory.set("workscript")                     // default: workscript (assets/workscript/workers.js)
 * }
 * ```
 */
public abstract class WorkscriptExtension {
    /** The TypeScript workers (`defineWorker(...)` files). Default: `workers/` in the module's directory. */
    public abstract val workersDir: DirectoryProperty

    /** `--root` of the CLI: paths in diagnostics and generated headers are relative to it. Default: parent of [workersDir]. */
    public abstract val projectRoot: DirectoryProperty

    /** `--project`: a tsconfig.json whose files are read. Default: unset; the `*.ts` files of [workersDir] are passed. */
    public abstract val tsconfig: RegularFileProperty

    /** `--kotlin-package` of the generated Kotlin. Default: `dev.workscript.generated`. */
    public abstract val kotlinPackage: Property<String>

    /**
     * Node.js 20+ that runs the CLI; each run of the task checks its `--version` first and fails on an older one.
     * Default: the Gradle property `workscript.node`, else `node` on the PATH.
     */
    public abstract val nodeExecutable: Property<String>

    /**
     * The codegen CLI (`@workscript/codegen`'s `bin/workscript.js`). Default: the first
     * `node_modules/@workscript/codegen/bin/workscript.js` in [workersDir] or one of its parents.
     */
    public abstract val codegenCli: RegularFileProperty

    /** Build the QuickJS bundle `workers.js`. `false` passes `--no-bundle`. Default: `true`. */
    public abstract val bundle: Property<Boolean>

    /** Folder inside the app's `assets/` for `workers.js`, its map and `workscript.json`. Default: `workscript`. */
    public abstract val assetsSubdirectory: Property<String>
}
