import { createWorkManager, type WorkManagerOptions } from '../create-work-manager.js';
import type { DeviceState } from '../constraints/device-state.js';
import { silentLogger } from '../logger.js';
import { WorkDatabase } from '../store/work-database.js';
import type { WorkManager } from '../work-manager.js';
import { TestClock } from './test-clock.js';
import type { TestDriver } from './test-driver.js';
import { TestScheduler, type TestSchedulingMode } from './test-scheduler.js';
import { DeviceTestDriver } from './device-test-driver.js';
import { GreedyScheduler } from '../scheduling/greedy-scheduler.js';

/** Options of {@link createTestWorkManager}: those of `createWorkManager` minus the ones it decides. */
export interface TestWorkManagerOptions extends Omit<
  WorkManagerOptions,
  'schedulers' | 'clock' | 'timer' | 'settleOperations'
> {
  /** The clock (also the timer). Default a new {@link TestClock}. */
  readonly clock?: TestClock;
  /**
   * `'driver'` (default): only TestDriver calls release delays and constraints; `'time-based'`: delays
   * follow the clock; `'device'`: the real GreedyScheduler on the TestClock and `deviceState`.
   */
  readonly scheduling?: TestSchedulingMode;
  /**
   * Whether operations wait for the work they made runnable (androidx's synchronous executors mode).
   * Default true.
   */
  readonly synchronous?: boolean;
}

/** What {@link createTestWorkManager} returns. */
export interface TestWorkManager {
  /** The WorkManager under test. */
  readonly workManager: WorkManager;
  /** The TestDriver (the TestScheduler itself, or a stop-only driver in `'device'` mode). */
  readonly driver: TestDriver;
  /** The clock and timer. */
  readonly clock: TestClock;
  /** The simulated device. */
  readonly deviceState: DeviceState;
  /** The in-memory (or given) database, for white-box assertions. */
  readonly database: WorkDatabase;
}

/**
 * A WorkManager for tests (androidx `WorkManagerTestInitHelper.initializeTestWorkManager`): in-memory
 * database, a {@link TestClock}, a {@link TestScheduler} as the only scheduler, a silent logger, and —
 * by default — operations that resolve only once unconstrained, undelayed work they released has run.
 * Runs have no execution time limit unless `executionTimeLimitMs` is given, as androidx's TestScheduler
 * has none; in the `'device'` mode (the real GreedyScheduler) the default is createWorkManager's.
 */
export function createTestWorkManager(options: TestWorkManagerOptions = {}): TestWorkManager {
  const clock = options.clock ?? new TestClock();
  const database =
    options.database instanceof WorkDatabase
      ? options.database
      : WorkDatabase.open({ filename: options.database ?? ':memory:' });
  const synchronous = options.synchronous ?? true;
  const mode = options.scheduling ?? 'driver';
  let driver: TestDriver | undefined;
  // Driver calls happen only after construction, so the closure never sees the binding uninitialised.
  const settle = async (): Promise<void> => {
    if (synchronous) await workManager.settle();
  };
  const workManager: WorkManager = createWorkManager({
    logger: silentLogger,
    // androidx's in-process time limit lives in GreedyScheduler (TimeLimiter); its test WorkManager runs
    // work through TestScheduler and has none. So only the 'device' mode (the real GreedyScheduler) stops
    // a long run by default; advancing the TestClock past ten minutes must not stop work in the others.
    ...(mode === 'device' ? {} : { executionTimeLimitMs: Infinity }),
    ...options,
    database,
    clock,
    timer: clock,
    settleOperations: synchronous,
    schedulers: (deps) => {
      if (mode === 'device') {
        driver = new DeviceTestDriver(deps.database, deps.launcher, settle);
        return [new GreedyScheduler({ ...deps, workSpecDao: deps.database.workSpecDao })];
      }
      const scheduler = new TestScheduler({ ...deps, mode, settle });
      driver = scheduler;
      return [scheduler];
    },
  });
  if (synchronous) clock.settle = () => workManager.settle();
  return { workManager, driver: driver as TestDriver, clock, deviceState: workManager.deviceState, database };
}
