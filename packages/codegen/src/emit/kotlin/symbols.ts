/**
 * Every Kotlin symbol the generated code references, in one place (like Apollo's `KotlinSymbols`), so a
 * rename in androidx or in the Workscript runtime is a one-line change here.
 *
 * The Workscript runtime symbols are assumed to have these signatures (package `dev.workscript.runtime`):
 *
 * ```kotlin
 * object WorkscriptRuntime {
 *     suspend fun run(
 *         workerName: String,
 *         inputJson: String,
 *         context: WorkscriptRunContext,
 *         onProgress: suspend (progressJson: String) -> Unit,
 *     ): WorkscriptResult
 * }
 * class WorkscriptRunContext(
 *     val appContext: android.content.Context,
 *     val id: String,              // WorkerParameters.id as a UUID string
 *     val tags: List<String>,      // sorted
 *     val runAttemptCount: Int,
 *     val generation: Int,
 * )
 * sealed class WorkscriptResult {
 *     class Success(val outputJson: String) : WorkscriptResult()
 *     class Failure(val outputJson: String?) : WorkscriptResult() // null: run threw (logged by the runtime)
 *     object Retry : WorkscriptResult()
 * }
 * object WorkscriptData {
 *     fun fromJson(json: String): androidx.work.Data   // untyped progress: JSON object → Data
 * }
 * ```
 */
export const RUNTIME = {
  WorkscriptRuntime: 'dev.workscript.runtime.WorkscriptRuntime',
  WorkscriptRunContext: 'dev.workscript.runtime.WorkscriptRunContext',
  WorkscriptResult: 'dev.workscript.runtime.WorkscriptResult',
  WorkscriptData: 'dev.workscript.runtime.WorkscriptData',
} as const;

/** androidx.work, Android and kotlinx symbols (signatures per androidx `work-runtime/api/current.txt`). */
export const ANDROIDX = {
  Context: 'android.content.Context',
  ArrayCreatingInputMerger: 'androidx.work.ArrayCreatingInputMerger',
  BackoffPolicy: 'androidx.work.BackoffPolicy',
  Constraints: 'androidx.work.Constraints',
  CoroutineWorker: 'androidx.work.CoroutineWorker',
  Data: 'androidx.work.Data',
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
} as const;

/** kotlinx.serialization symbols. */
export const KOTLINX = {
  ExperimentalSerializationApi: 'kotlinx.serialization.ExperimentalSerializationApi',
  Json: 'kotlinx.serialization.json.Json',
  SerialName: 'kotlinx.serialization.SerialName',
  Serializable: 'kotlinx.serialization.Serializable',
  serializer: 'kotlinx.serialization.serializer',
} as const;

/** The simple name of a qualified name. */
export function simpleName(qualified: string): string {
  return qualified.slice(qualified.lastIndexOf('.') + 1);
}

/** Simple names generated code imports; generated classes must not shadow them. */
export const IMPORTED_SIMPLE_NAMES: readonly string[] = [
  ...Object.values(RUNTIME),
  ...Object.values(ANDROIDX),
  ...Object.values(KOTLINX),
].map(simpleName);
