package dev.workscript.runtime

/**
 * Which attempt of which work is running; sent to the guest as `contextJson` (the host adds a fresh `runId`).
 *
 * @property id the work's id (`ListenableWorker.id.toString()`).
 * @property tags the work's tags. Default: none.
 * @property runAttemptCount runs before this one. Default: 0.
 * @property generation updates of the work (`WorkerParameters.generation`). Default: 0.
 * @property triggeredContentUris the content URIs whose changes started this run, as strings; generated
 *   workers pass `triggeredContentUris.map { it.toString() }` (androidx `ListenableWorker.getTriggeredContentUris()`,
 *   empty unless the work has content-URI triggers and a change started it). Default: none.
 * @property triggeredContentAuthorities the authorities of those changes; generated workers pass
 *   `triggeredContentAuthorities` (androidx `ListenableWorker.getTriggeredContentAuthorities()`). Default: none.
 * @property stopReason read when the calling coroutine is cancelled, to tell the guest why it was stopped;
 *   generated workers pass `{ stopReason }` (androidx `ListenableWorker.getStopReason()`). Default: always
 *   [STOP_REASON_UNKNOWN].
 */
public data class WorkscriptRunContext(
    val id: String,
    val tags: List<String> = emptyList(),
    val runAttemptCount: Int = 0,
    val generation: Int = 0,
    val triggeredContentUris: List<String> = emptyList(),
    val triggeredContentAuthorities: List<String> = emptyList(),
    // Last, so that callers can keep passing it as a trailing lambda.
    val stopReason: () -> Int = { STOP_REASON_UNKNOWN },
) {
    /** WorkManager's stop reasons that the host itself uses. */
    public companion object {
        /** `WorkInfo.STOP_REASON_UNKNOWN` (-512). */
        public const val STOP_REASON_UNKNOWN: Int = -512
        /** `WorkInfo.STOP_REASON_TIMEOUT` (3): sent when a run exceeds its time limit. */
        public const val STOP_REASON_TIMEOUT: Int = 3
    }
}
