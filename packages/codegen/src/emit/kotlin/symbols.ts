/**
 * Every Kotlin symbol the generated code references, in one place (like Apollo's `KotlinSymbols`), so a
 * rename in androidx or in the Workscript runtime is a one-line change here.
 *
 * The Workscript runtime (`packages/android/runtime`, package `dev.workscript.runtime`) provides these, and the
 * Maven module `packages/android/generated-it` compiles every golden against them:
 *
 * ```kotlin
 * object Workscript {
 *     fun runtime(context: android.content.Context): WorkscriptRuntime  // process-wide; loads assets/workscript/workers.js once
 *     fun merge(name: String, inputs: List<androidx.work.Data>): androidx.work.Data  // blocking; throws on a merge error
 * }
 * class WorkscriptRuntime {
 *     suspend fun run(
 *         workerName: String,
 *         inputJson: String,
 *         context: WorkscriptRunContext,
 *         onProgress: suspend (progressJson: String) -> Unit = {},
 *     ): WorkscriptResult                   // never throws for worker errors; rethrows cancellation (stops)
 * }
 * data class WorkscriptRunContext(
 *     val id: String,                       // ListenableWorker.id as a UUID string
 *     val tags: List<String> = emptyList(), // sorted
 *     val runAttemptCount: Int = 0,
 *     val generation: Int = 0,              // WorkerParameters.generation
 *     val triggeredContentUris: List<String> = emptyList(),        // ListenableWorker.triggeredContentUris
 *     val triggeredContentAuthorities: List<String> = emptyList(), // ListenableWorker.triggeredContentAuthorities
 *     val stopReason: () -> Int = { -512 }, // read on cancellation: ListenableWorker.stopReason
 * )
 * sealed class WorkscriptResult {
 *     class Success(val outputJson: String, ...)
 *     class Failure(val outputJson: String, val error: WorkscriptError?, ...) // error != null: the run threw
 *     class Retry(...)                                                        // (or hit a limit); output is {}
 * }
 * object WorkscriptData {
 *     fun jsonToData(json: String, what: String): androidx.work.Data  // untyped progress; 10,240-byte check
 * }
 * class WorkscriptNatives {                 // native services' handlers, passed in WorkscriptRuntime.Config
 *     fun register(service: String, method: String, handler: suspend (argsJson: String) -> String): WorkscriptNatives
 * }
 * object JsDoubleSerializer : KSerializer<Double> // JSON doubles as JSON.stringify writes them (1, not 1.0)
 * ```
 */
export const RUNTIME = {
  Workscript: 'dev.workscript.runtime.Workscript',
  WorkscriptRunContext: 'dev.workscript.runtime.WorkscriptRunContext',
  WorkscriptResult: 'dev.workscript.runtime.WorkscriptResult',
  WorkscriptData: 'dev.workscript.runtime.WorkscriptData',
  WorkscriptNatives: 'dev.workscript.runtime.WorkscriptNatives',
  JsDoubleSerializer: 'dev.workscript.runtime.JsDoubleSerializer',
} as const;

/** androidx.work, Android and kotlinx symbols (signatures per androidx `work-runtime/api/current.txt`). */
export const ANDROIDX = {
  Context: 'android.content.Context',
  ArrayCreatingInputMerger: 'androidx.work.ArrayCreatingInputMerger',
  BackoffPolicy: 'androidx.work.BackoffPolicy',
  Constraints: 'androidx.work.Constraints',
  CoroutineWorker: 'androidx.work.CoroutineWorker',
  Data: 'androidx.work.Data',
  InputMerger: 'androidx.work.InputMerger',
  ExperimentalWorkRequestBuilderApi: 'androidx.work.ExperimentalWorkRequestBuilderApi',
  ListenableWorker: 'androidx.work.ListenableWorker',
  NetworkType: 'androidx.work.NetworkType',
  OneTimeWorkRequest: 'androidx.work.OneTimeWorkRequest',
  OutOfQuotaPolicy: 'androidx.work.OutOfQuotaPolicy',
  OverwritingInputMerger: 'androidx.work.OverwritingInputMerger',
  PeriodicWorkRequest: 'androidx.work.PeriodicWorkRequest',
  WorkInfo: 'androidx.work.WorkInfo',
  WorkerFactory: 'androidx.work.WorkerFactory',
  WorkerParameters: 'androidx.work.WorkerParameters',
  TimeUnit: 'java.util.concurrent.TimeUnit',
  Uri: 'android.net.Uri',
  Build: 'android.os.Build',
} as const;

/** kotlinx.serialization symbols. */
export const KOTLINX = {
  ExperimentalSerializationApi: 'kotlinx.serialization.ExperimentalSerializationApi',
  Json: 'kotlinx.serialization.json.Json',
  JsonArray: 'kotlinx.serialization.json.JsonArray',
  KSerializer: 'kotlinx.serialization.KSerializer',
  ListSerializer: 'kotlinx.serialization.builtins.ListSerializer',
  SerializationException: 'kotlinx.serialization.SerializationException',
  SerialName: 'kotlinx.serialization.SerialName',
  Serializable: 'kotlinx.serialization.Serializable',
  serializer: 'kotlinx.serialization.serializer',
  UseSerializers: 'kotlinx.serialization.UseSerializers',
} as const;

/** The simple name of a qualified name. */
export function simpleName(qualified: string): string {
  return qualified.slice(qualified.lastIndexOf('.') + 1);
}

/** Qualified names of everything generated code imports. */
export const IMPORTED_SYMBOLS: readonly string[] = [
  ...Object.values(RUNTIME),
  ...Object.values(ANDROIDX),
  ...Object.values(KOTLINX),
];

/** Simple names generated code imports; generated classes must not shadow them. */
export const IMPORTED_SIMPLE_NAMES: readonly string[] = IMPORTED_SYMBOLS.map(simpleName);
