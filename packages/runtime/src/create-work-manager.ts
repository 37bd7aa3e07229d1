import { existsSync } from 'node:fs';
import path from 'node:path';
import type { InputMerger, WorkerDefinition } from '@workscript/api';
import { systemClock, type Clock } from './clock.js';
import { createDeviceState, type DeviceState } from './constraints/device-state.js';
import {
  readBundleWorkers,
  withManifestShapes,
  type BundleWorkers,
} from './engines/quickjs/bundle-manifest.js';
import { createQuickJsEngine } from './engines/quickjs/create-quickjs-engine.js';
import type { QuickJsEngineOptions } from './engines/quickjs/quickjs-engine-options.js';
import { createEventBus, type WorkEventBus } from './events.js';
import { CombineContinuationsWorker } from './execution/combine-continuations-worker.js';
import { createInlineWorkExecutor } from './execution/inline-work-executor.js';
import { createInputMergerResolver, type InputMergerFactory } from './execution/input-merger-factory.js';
import { createThreadWorkExecutor } from './execution/thread-work-executor.js';
import { Processor } from './execution/processor.js';
import { createSerialTaskExecutor } from './execution/serial-task-executor.js';
import type { WorkExecutor } from './execution/work-executor.js';
import type { WorkerExceptionHandler } from './execution/worker-exception-handlers.js';
import { createWorkLauncher, type WorkLauncher } from './execution/work-launcher.js';
import {
  createDelegatingWorkerFactory,
  createWorkerRegistry,
  type WorkerFactory,
} from './execution/worker-factory.js';
import { PendingHostWork } from './internal/pending-host-work.js';
import type { RuntimeContext } from './internal/runtime-context.js';
import { createNativeServiceHost } from './native/native-service-host.js';
import type { NativeServiceProvider } from './native/provide-native-service.js';
import { createConsoleLogger, guardLogger, type Logger } from './logger.js';
import { GreedyScheduler } from './scheduling/greedy-scheduler.js';
import type { Scheduler } from './scheduling/scheduler.js';
import { DEFAULT_MAX_SCHEDULER_LIMIT, Schedulers } from './scheduling/schedulers.js';
import { openAndRecover } from './store/startup-recovery.js';
import { CorruptDatabaseError } from './errors.js';
import { checkOptionShapes } from './work-manager-option-shapes.js';
import { isCorruption } from './store/database-access.js';
import {
  checkExpiredWorkPruneInterval,
  DEFAULT_EXPIRED_WORK_PRUNE_INTERVAL_MS,
  PRUNE_THRESHOLD_MILLIS,
  startExpiredWorkPruner,
  type ExpiredWorkPruner,
} from './store/expired-work-pruner.js';
import { WorkDatabase } from './store/work-database.js';
import { createSystemTimer, type Timer } from './timer.js';
import { WorkManager } from './work-manager.js';
import {
  checkExecutionTimeLimit,
  DEFAULT_CONTENT_URI_TRIGGER_WORKERS_LIMIT,
  effectiveContentUriTriggerWorkersLimit,
  effectiveMaxSchedulerLimit,
} from './work-manager-option-checks.js';

/** Default per-run execution limit: 10 minutes, the limit WorkManager documents for a run. */
export const DEFAULT_EXECUTION_TIME_LIMIT_MS = 600_000;

/** What a scheduler factory receives. */
export interface SchedulerDeps {
  /** Starts and stops work. */
  readonly launcher: WorkLauncher;
  /** The store. */
  readonly database: WorkDatabase;
  /** Time. */
  readonly clock: Clock;
  /** Delayed callbacks. */
  readonly timer: Timer;
  /** Simulated device. */
  readonly deviceState: DeviceState;
  /** The WorkManager's logger (`WorkManagerOptions.logger`), for what a scheduler reports. */
  readonly logger: Logger;
}

/** Options of {@link createWorkManager}; every piece is injectable and has a default. */
export interface WorkManagerOptions {
  /** Worker definitions the default factory knows. Default none. */
  readonly workers?: readonly WorkerDefinition[];
  /** Custom factory, consulted before `workers` (androidx `DelegatingWorkerFactory` order). Default none. */
  readonly workerFactory?: WorkerFactory;
  /**
   * Custom input mergers (`defineInputMerger` definitions) that work may name. Mergers that a worker in
   * `workers` names as its default are known without being listed here, and so are the bundle's. Default none.
   */
  readonly inputMergers?: readonly InputMerger[];
  /**
   * Consulted first for every merger name (androidx `Configuration.Builder.setInputMergerFactory`); null
   * falls back to WorkManager's own mergers, then the bundle's, then `inputMergers`. Default none.
   */
  readonly inputMergerFactory?: InputMergerFactory;
  /**
   * An open database, or a file name (`':memory:'` for tests). Default `'.workscript/work.db'`. Opening
   * and the start-up recovery get 3 attempts when the file cannot be reached (locked past the busy timeout,
   * permissions, I/O); then `createWorkManager` throws `DatabaseAccessError`. A file that is not a
   * Workscript database, or is newer, throws at once. A given database is never closed here.
   */
  readonly database?: WorkDatabase | string;
  /** Time source. Default the system clock. */
  readonly clock?: Clock;
  /** Delayed callbacks. Default Node timers (unref'd). */
  readonly timer?: Timer;
  /**
   * Logger. Default console, warnings and errors only. A throw from it never reaches work or the runtime;
   * the first one is reported with `process.emitWarning` (code `WORKSCRIPT_LOGGER_THREW`).
   */
  readonly logger?: Logger;
  /** Event bus. Default a fresh one. */
  readonly events?: WorkEventBus;
  /**
   * Runs workers. Default: a `worker_threads` pool of WorkManager's size when {@link WorkManagerOptions.workersModule}
   * is given, else the inline (main-thread) executor, which is also the one to step through in a debugger.
   */
  readonly executor?: WorkExecutor;
  /**
   * The module (path or file URL) that exports the `workers` definitions. Given it, work runs off the main
   * thread by default (`createThreadWorkExecutor`): each thread imports the module, while the main thread keeps
   * the database. Default none (the definitions alone cannot be moved to another thread).
   */
  readonly workersModule?: string | URL;
  /**
   * The bundle from `workscript generate` (`assets/workers.js`, with `workers.js.map` and the
   * `workscript.json` manifest beside it): the code that ships in the APK. Given it, the engine defaults to
   * QuickJS running this bundle. Default none: workers come from `workers` / `workerFactory` and run inline.
   */
  readonly bundlePath?: string;
  /**
   * Which engine runs worker code. Default `{ kind: 'quickjs' }` when a `bundlePath` is given, else
   * `{ kind: 'inline' }`.
   * - `{ kind: 'quickjs', ...QuickJsEngineOptions }` runs the bundle in QuickJS on worker threads, with the
   *   Kotlin runtime's limits (its workers are found after `workerFactory` and before `workers`, so TS
   *   definitions the bundle lacks still run inline). Its `bundlePath` defaults to the top-level one.
   * - `{ kind: 'inline' }` runs the `workers` TS definitions on the main thread, the mode to step through in
   *   a debugger. With a `bundlePath`, definitions without shapes get the manifest's, so their Data is
   *   decoded and encoded as the bundle's copy would be.
   *
   * `executor` overrides the engine's.
   */
  readonly engine?:
    | { readonly kind: 'inline' }
    | ({ readonly kind: 'quickjs' } & Omit<QuickJsEngineOptions, 'bundlePath'> & {
          readonly bundlePath?: string;
        });
  /**
   * The app's native services, one `provideNativeService(ref, implementation)` per service; workers reach
   * them through `ctx.native(ref)` on every engine. Default none: every `native.*` call rejects with a
   * `HostCallError` of code `unknown-method`.
   * @throws DuplicateNativeServiceError (from `createWorkManager`) when two providers name the same service.
   */
  readonly nativeServices?: readonly NativeServiceProvider[];
  /** Simulated device state. Default a plugged-in laptop on Wi-Fi (see `createDeviceState`). */
  readonly deviceState?: DeviceState;
  /** Builds the schedulers. Default `[new GreedyScheduler(...)]`. */
  readonly schedulers?: (deps: SchedulerDeps) => readonly Scheduler[];
  /**
   * Per-run execution limit in ms (> 0; `Infinity` for none); exceeding it stops the run with TIMEOUT (3).
   * Default 600 000.
   */
  readonly executionTimeLimitMs?: number;
  /**
   * How often (ms, on `timer`) a running WorkManager repeats the prune every start runs: finished work whose
   * `lastEnqueueTime + keepResultsForAtLeast` is more than a day old, and on which no unfinished work depends,
   * is deleted. androidx prunes only when the app starts; a Node process may run for months, and its database
   * would otherwise keep every finished work until it restarts. At least 60 000; `Infinity` prunes only at
   * start. Default 3 600 000 (an hour); `createTestWorkManager` defaults to `Infinity`, as androidx's test
   * WorkManager prunes only when it is initialised.
   */
  readonly expiredWorkPruneIntervalMs?: number;
  /**
   * Slots of limited-slot schedulers (androidx `maxSchedulerLimit`): a whole number ≥ 20; values above 50
   * count as 50, as in androidx. Default 20.
   */
  readonly maxSchedulerLimit?: number;
  /**
   * How many unfinished workers with content-URI triggers may be enqueued at once (androidx
   * `contentUriTriggerWorkersLimit`; on a device each holds a JobScheduler slot from its enqueue on). An
   * enqueue that would pass it is refused with `ContentUriTriggerWorkersLimitError`. A whole number; negative
   * counts as 0. Default 8.
   */
  readonly contentUriTriggerWorkersLimit?: number;
  /** Operations also wait until the work they made runnable settles (test mode). Default false. */
  readonly settleOperations?: boolean;
  /**
   * Called when a worker cannot be created: no factory knows its name, or a factory threw (androidx
   * `Configuration.workerInitializationExceptionHandler`). The work fails either way; a handler that throws
   * is logged. Default none.
   *
   * There is no `workerExecutionExceptionHandler`: on Android a TS worker's thrown error reaches WorkManager
   * as its generated CoroutineWorker's `Result.failure()`, which androidx does not pass to that handler, so
   * a host-only one would fire where the device stays silent. The `work:failed` event carries that error.
   */
  readonly workerInitializationExceptionHandler?: WorkerExceptionHandler;
}

/**
 * The composition root: builds a {@link WorkManager} from injectable parts.
 *
 * 1. Store: open (or take) the {@link WorkDatabase}, whose `open` runs the migrations, and recover from a
 *    process death (androidx ForceStopRunnable + cleanup callback) in one transaction: work left RUNNING
 *    goes back to ENQUEUED with stop reason UNKNOWN (−512), all progress is wiped, in-process scheduling
 *    marks are reset, and finished work past retention + 1 day is pruned (again every
 *    {@link WorkManagerOptions.expiredWorkPruneIntervalMs} while it runs). What fails to reach the file
 *    (a lock, permissions, I/O) gets 3 attempts, 300 ms × attempt apart, as in androidx.
 * 2. Context: clock, timer, logger, event bus, the serial task executor, the engine (QuickJS on the bundle
 *    when there is a `bundlePath`, else inline; see {@link WorkManagerOptions.engine}), the worker factory
 *    (built-in `CombineContinuationsWorker`, then `workerFactory`, then the bundle's workers, then the
 *    `workers` registry), the work executor and the native services (checked first, with the numeric
 *    options, so a duplicate provider or a bad limit throws before the database is opened).
 * 3. Execution: a `Processor` (registry of running attempts) behind a `WorkLauncher`.
 * 4. Scheduling: the schedulers (default one {@link GreedyScheduler}) wrapped in `Schedulers`.
 * 5. The façade, then a first `schedule()` so recovered and pending work runs.
 *
 * @throws TypeError naming an option of the wrong type, before anything is opened; the start-up errors of
 * {@link WorkDatabase} (`DatabaseAccessError`, `DatabaseInUseError`, `NotAWorkscriptDatabaseError`,
 * `CorruptDatabaseError`, `DatabaseVersionError`), each naming the file.
 */
export function createWorkManager(options: WorkManagerOptions = {}): WorkManager {
  // First: bad options and a duplicate provider must throw before the database is opened.
  checkOptionShapes(options);
  const executionTimeLimitMs = checkExecutionTimeLimit(
    options.executionTimeLimitMs ?? DEFAULT_EXECUTION_TIME_LIMIT_MS,
  );
  const maxSchedulerLimit = effectiveMaxSchedulerLimit(
    options.maxSchedulerLimit ?? DEFAULT_MAX_SCHEDULER_LIMIT,
  );
  // `null` is refused, not taken as the default: it reads as "off", which is Infinity.
  const expiredWorkPruneIntervalMs =
    options.expiredWorkPruneIntervalMs === undefined
      ? DEFAULT_EXPIRED_WORK_PRUNE_INTERVAL_MS
      : checkExpiredWorkPruneInterval(options.expiredWorkPruneIntervalMs);
  const contentUriTriggerWorkersLimit = effectiveContentUriTriggerWorkersLimit(
    options.contentUriTriggerWorkersLimit ?? DEFAULT_CONTENT_URI_TRIGGER_WORKERS_LIMIT,
  );
  const nativeServices = createNativeServiceHost(options.nativeServices ?? []);
  // Also before it: a missing bundle, a bad manifest or limit, two workers or two mergers with one name.
  const engine = resolveEngine(options);
  const quickjs = engine.kind === 'quickjs' ? createQuickJsEngine(engine.options) : undefined;
  const registry = createWorkerRegistry(
    engine.kind === 'inline' && engine.manifest
      ? withManifestShapes(options.workers ?? [], engine.manifest)
      : (options.workers ?? []),
  );
  const inputMergers = createInputMergerResolver({
    factory: options.inputMergerFactory,
    definitions: options.inputMergers ?? [],
    workers: options.workers ?? [],
    bundle: quickjs,
  });
  const clock = options.clock ?? systemClock;
  const database = openAndRecover(options.database, clock.currentTimeMillis() - PRUNE_THRESHOLD_MILLIS);
  let expiredWorkPruner: ExpiredWorkPruner | undefined;
  try {
    const ctx: RuntimeContext = {
      database,
      clock,
      timer: options.timer ?? createSystemTimer(),
      logger: guardLogger(options.logger ?? createConsoleLogger()),
      events: options.events ?? createEventBus(),
      taskExecutor: createSerialTaskExecutor(),
      inputMergers,
      pendingHostWork: new PendingHostWork(),
      inputShapeOf: (name) =>
        (quickjs?.workerFactory.createWorker(name) ?? registry.createWorker(name))?.shapes?.input,
      workerFactory: createDelegatingWorkerFactory([
        createWorkerRegistry([CombineContinuationsWorker as WorkerDefinition]),
        ...(options.workerFactory ? [options.workerFactory] : []),
        ...(quickjs ? [quickjs.workerFactory] : []),
        registry,
      ]),
      workExecutor:
        options.executor ??
        quickjs?.executor ??
        (options.workersModule === undefined
          ? createInlineWorkExecutor()
          : createThreadWorkExecutor({ workersModule: options.workersModule })),
      nativeServices,
      executionTimeLimitMs,
      contentUriTriggerWorkersLimit,
      workerInitializationExceptionHandler: options.workerInitializationExceptionHandler,
    };
    const processor = new Processor(ctx);
    const launcher = createWorkLauncher(processor);
    const deviceState = options.deviceState ?? createDeviceState();
    const deps: SchedulerDeps = {
      launcher,
      database,
      clock,
      timer: ctx.timer,
      deviceState,
      logger: ctx.logger,
    };
    const built = options.schedulers
      ? options.schedulers(deps)
      : [
          new GreedyScheduler({
            launcher,
            clock,
            timer: ctx.timer,
            deviceState,
            workSpecDao: database.workSpecDao,
            logger: ctx.logger,
          }),
        ];
    const schedulers = new Schedulers(ctx, built, maxSchedulerLimit);
    expiredWorkPruner = startExpiredWorkPruner(ctx, expiredWorkPruneIntervalMs);
    const workManager = new WorkManager({
      ctx,
      processor,
      schedulers,
      deviceState,
      settleOperations: options.settleOperations ?? false,
      expiredWorkPruner,
    });
    schedulers.schedule();
    return workManager;
  } catch (e) {
    expiredWorkPruner?.stop();
    // A half-built WorkManager must not keep the file: its lock would refuse every later open until exit.
    if (!(options.database instanceof WorkDatabase)) database.close();
    // The first scheduling pass reads every pending row: one that cannot be read is the file's fault.
    if (isCorruption(e)) throw new CorruptDatabaseError(database.filename, (e as Error).message, e);
    throw e;
  }
}

/**
 * The engine the options ask for: QuickJS when `engine.kind` says so or, without `engine`, when there is a
 * bundle; else inline (with the bundle's manifest for shapes, when there is one).
 * @throws TypeError when QuickJS is asked for without a bundle path; Error when the bundle does not exist.
 */
function resolveEngine(
  options: WorkManagerOptions,
): { kind: 'quickjs'; options: QuickJsEngineOptions } | { kind: 'inline'; manifest?: BundleWorkers } {
  const kind = options.engine?.kind ?? (options.bundlePath === undefined ? 'inline' : 'quickjs');
  const bundlePath =
    (options.engine?.kind === 'quickjs' ? options.engine.bundlePath : undefined) ?? options.bundlePath;
  if (bundlePath !== undefined && !existsSync(bundlePath)) {
    throw new Error(
      `createWorkManager: the bundle ${path.resolve(bundlePath)} does not exist; pass the workers.js written by workscript generate (<out>/assets/workers.js)`,
    );
  }
  if (kind === 'inline') {
    return bundlePath === undefined ? { kind } : { kind, manifest: readBundleWorkers(bundlePath, undefined) };
  }
  if (bundlePath === undefined) {
    throw new TypeError(
      "createWorkManager: engine { kind: 'quickjs' } needs a bundle; pass bundlePath (the workers.js written by workscript generate)",
    );
  }
  const { kind: _kind, ...limits } = options.engine?.kind === 'quickjs' ? options.engine : { kind };
  return { kind, options: { ...limits, bundlePath } };
}
