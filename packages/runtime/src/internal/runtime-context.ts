import type { DataShape } from '@workscript/api';
import type { Clock } from '../clock.js';
import type { WorkEventBus } from '../events.js';
import type { Logger } from '../logger.js';
import type { SerialTaskExecutor } from '../execution/serial-task-executor.js';
import type { WorkExecutor } from '../execution/work-executor.js';
import type { InputMergerResolver } from '../execution/input-merger-factory.js';
import type { WorkerExceptionHandler } from '../execution/worker-exception-handlers.js';
import type { WorkerFactory } from '../execution/worker-factory.js';
import type { NativeServiceHost } from '../native/native-service-host.js';
import type { PendingHostWork } from './pending-host-work.js';
import type { WorkDatabase } from '../store/work-database.js';
import type { Timer } from '../timer.js';

/** The shared pieces every internal component receives from the composition root. */
export interface RuntimeContext {
  readonly database: WorkDatabase;
  readonly clock: Clock;
  readonly timer: Timer;
  readonly logger: Logger;
  readonly events: WorkEventBus;
  readonly taskExecutor: SerialTaskExecutor;
  readonly workerFactory: WorkerFactory;
  /**
   * The input shape of a worker the runtime itself knows (the bundle's manifest, then a shaped definition),
   * so an enqueue stores Int/Long fields as the generated Kotlin builders do. Never asks a user's
   * `workerFactory`: creating a worker at enqueue would be a side effect androidx does not have.
   */
  readonly inputShapeOf: (workerName: string) => DataShape | undefined;
  /** What the runtime awaits outside workers (a merge in QuickJS), for `settle()`. */
  readonly pendingHostWork: PendingHostWork;
  /** Finds a work's input merger (androidx `Configuration.inputMergerFactory`, then reflection). */
  readonly inputMergers: InputMergerResolver;
  readonly workExecutor: WorkExecutor;
  /** The app's native services (`createWorkManager({ nativeServices })`). */
  readonly nativeServices: NativeServiceHost;
  /** Per-run execution limit in ms. */
  readonly executionTimeLimitMs: number;
  /** androidx `Configuration.contentUriTriggerWorkersLimit`: unfinished trigger workers allowed at once. */
  readonly contentUriTriggerWorkersLimit: number;
  /** androidx `Configuration.workerInitializationExceptionHandler`. */
  readonly workerInitializationExceptionHandler?: WorkerExceptionHandler | undefined;
}
