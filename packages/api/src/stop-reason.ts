/**
 * Why a running worker was stopped, with `WorkInfo.STOP_REASON_*` names and values. A stop is not a
 * failure: stopped work returns to ENQUEUED (unless it was cancelled) and runs again.
 */
export const StopReason = {
  /** The app restarted and found the work RUNNING, or a result arrived for work no longer RUNNING. */
  UNKNOWN: -512,
  /** Not stopped (default; reset whenever a run starts). */
  NOT_STOPPED: -256,
  /** A foreground service ran past its type's time limit. */
  FOREGROUND_SERVICE_TIMEOUT: -128,
  /** Cancelled by the app (cancel APIs, REPLACE policy). */
  CANCELLED_BY_APP: 1,
  /** Preempted by the system. */
  PREEMPT: 2,
  /** The run exceeded its execution time limit. */
  TIMEOUT: 3,
  /** Device state changed (doze and similar). */
  DEVICE_STATE: 4,
  /** `requiresBatteryNotLow` no longer holds. */
  CONSTRAINT_BATTERY_NOT_LOW: 5,
  /** `requiresCharging` no longer holds. */
  CONSTRAINT_CHARGING: 6,
  /** `requiredNetworkType` no longer holds. */
  CONSTRAINT_CONNECTIVITY: 7,
  /** `requiresDeviceIdle` no longer holds. */
  CONSTRAINT_DEVICE_IDLE: 8,
  /** `requiresStorageNotLow` no longer holds. */
  CONSTRAINT_STORAGE_NOT_LOW: 9,
  /** Out of quota. */
  QUOTA: 10,
  /** Background restriction applied by the user or system. */
  BACKGROUND_RESTRICTION: 11,
  /** App standby bucket change. */
  APP_STANDBY: 12,
  /** Stopped by the user (force stop and similar). */
  USER: 13,
  /** The system needed the resources. */
  SYSTEM_PROCESSING: 14,
  /** The estimated app launch time changed. */
  ESTIMATED_APP_LAUNCH_TIME_CHANGED: 15,
} as const;

/** One of {@link StopReason}'s numeric values. */
export type StopReason = (typeof StopReason)[keyof typeof StopReason];

/** The name of a stop reason value, e.g. `stopReasonName(6) === 'CONSTRAINT_CHARGING'`; undefined if unknown. */
export function stopReasonName(reason: number): keyof typeof StopReason | undefined {
  return (Object.keys(StopReason) as (keyof typeof StopReason)[]).find((k) => StopReason[k] === reason);
}
