/**
 * `@workscript/runtime`: WorkManager's semantics on Node — SQLite-backed work, constraints against a
 * simulated device, backoff, periodic work, chains, unique work, and observers.
 *
 * @packageDocumentation
 */
export { createWorkManager, DEFAULT_EXECUTION_TIME_LIMIT_MS } from './create-work-manager.js';
export {
  PRUNE_THRESHOLD_MILLIS,
  DEFAULT_EXPIRED_WORK_PRUNE_INTERVAL_MS,
  MIN_EXPIRED_WORK_PRUNE_INTERVAL_MS,
} from './store/expired-work-pruner.js';
export type { WorkManagerOptions, SchedulerDeps } from './create-work-manager.js';
export { WorkManager, PACED_WATCH_WORK_INFOS } from './work-manager.js';
export type { Operation } from './work-manager.js';
export { WorkContinuation } from './enqueue/work-continuation.js';
export type { ContinuationHost } from './enqueue/work-continuation.js';

export type { WorkSpec } from './model/work-spec.js';
export type { WorkInfo, PeriodicityInfo } from './model/work-info.js';
export type { WorkQuery } from './model/work-query.js';
export { UpdateResult } from './model/update-result.js';
export { calculateNextRunTime, calculateBackoffDelay } from './policy/next-run-time.js';
export type { NextRunTimeFields } from './policy/next-run-time.js';

export { WorkDatabase, WORKSCRIPT_APPLICATION_ID, DEFAULT_DATABASE_FILE } from './store/work-database.js';
export type { WorkDatabaseOptions } from './store/work-database.js';
export type { WorkSpecDao, InsertedWork } from './store/work-spec-dao.js';
export type { ChangedWork } from './store/changed-work.js';

export type { Scheduler } from './scheduling/scheduler.js';
export { GreedyScheduler } from './scheduling/greedy-scheduler.js';
export { createExpeditedQuota, UNLIMITED_EXPEDITED_QUOTA } from './scheduling/expedited-quota.js';
export type { ExpeditedQuota, ExpeditedQuotaOptions } from './scheduling/expedited-quota.js';
export type { GreedySchedulerDeps } from './scheduling/greedy-scheduler.js';
export type { WorkLauncher } from './execution/work-launcher.js';
export type { RuntimeExtras } from './execution/runtime-extras.js';
export type { ExecutionListener } from './execution/processor.js';
export { createWorkerRegistry, createDelegatingWorkerFactory } from './execution/worker-factory.js';
export type { WorkerFactory } from './execution/worker-factory.js';
export type { InputMergerFactory } from './execution/input-merger-factory.js';
export type { WorkerExceptionHandler, WorkerExceptionInfo } from './execution/worker-exception-handlers.js';
export { createInlineWorkExecutor } from './execution/inline-work-executor.js';
export type { InlineWorkExecutorOptions } from './execution/inline-work-executor.js';
export { createThreadWorkExecutor } from './execution/thread-work-executor.js';
export { defaultPoolSize } from './execution/concurrency-limit.js';
export { DEFAULT_STOP_GRACE_PERIOD_MS } from './execution/thread-pool.js';
export type { ThreadWorkExecutorOptions } from './execution/thread-work-executor.js';
export type { WorkExecutor, WorkTask, ExecutionOutcome } from './execution/work-executor.js';
export { createQuickJsEngine } from './engines/quickjs/create-quickjs-engine.js';
export type { QuickJsEngine } from './engines/quickjs/create-quickjs-engine.js';
export type { QuickJsEngineOptions } from './engines/quickjs/quickjs-engine-options.js';
export { WorkStoppedError } from './execution/work-signal.js';
export { provideNativeService } from './native/provide-native-service.js';
export type { NativeServiceImplementation, NativeServiceProvider } from './native/provide-native-service.js';

export { createDeviceState } from './constraints/device-state.js';
export type { DeviceState, DeviceStateOptions } from './constraints/device-state.js';
export type { NetworkState } from './constraints/trackers/network-state.js';
export type { StateTracker } from './constraints/trackers/state-tracker.js';

export { systemClock } from './clock.js';
export type { Clock } from './clock.js';
export { createSystemTimer } from './timer.js';
export type { Timer, TimerHandle } from './timer.js';
export { createConsoleLogger, silentLogger } from './logger.js';
export type { Logger, LogLevel } from './logger.js';
export { createEventBus } from './events.js';
export type { WorkEvents, WorkEventName, WorkEventBus } from './events.js';

export {
  WorkNotEnqueuedError,
  WorkNotPeriodicError,
  WorkNotRunningError,
  InvalidStopReasonError,
  CyclicWorkContinuationError,
  DuplicateWorkIdError,
  ContentUriTriggerWorkersLimitError,
  UnsupportedWorkOperationError,
  InvalidWorkQueryError,
  CorruptDatabaseError,
  NotAWorkscriptDatabaseError,
  DatabaseAccessError,
  DatabaseInUseError,
  DatabaseVersionError,
  WorkManagerClosedError,
  TestDriverModeError,
  DuplicateNativeServiceError,
} from './errors.js';
