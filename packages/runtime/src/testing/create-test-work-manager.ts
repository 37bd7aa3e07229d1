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
import { showValue } from '../internal/show-value.js';

const SCHEDULING_MODES: readonly TestSchedulingMode[] = ['driver', 'time-based', 'device'];

/** Options of {@link createTestWorkManager}: those of `createWorkManager` minus the ones it decides. */
export interface TestWorkManagerOptions extends Omit<
  WorkManagerOptions,
  'schedulers' | 'clock' | 'timer' | 'settleOperations'
> {
  /** The clock (also the timer): a {@link TestClock}. Default a new one. */
  readonly clock?: TestClock;
  /**
   * `'driver'` (default): only TestDriver calls release delays and constraints; `'time-based'`: delays
   * follow the clock; `'device'`: the real GreedyScheduler on the TestClock and `deviceState`. Any other
   * value is refused.
   */
  readonly scheduling?: TestSchedulingMode;
  /**
   * Whether operations wait for the work they made runnable (androidx's synchronous executors mode): true
   * or false. Default true.
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
 * has none; in the `'device'` mode (the real GreedyScheduler) the default is createWorkManager's. Finished
 * work is pruned only when the WorkManager is created unless `expiredWorkPruneIntervalMs` is given.
 * @throws TypeError or RangeError naming an option of this function (`clock`, `scheduling`, `synchronous`,
 *   `database`) that is not one it takes, and createWorkManager's errors for its own options; either way
 *   before anything is opened, or with what was opened closed again.
 */
export function createTestWorkManager(options: TestWorkManagerOptions = {}): TestWorkManager {
  checkTestOptions(options);
  const clock = options.clock ?? new TestClock();
  const synchronous = options.synchronous ?? true;
  const mode = options.scheduling ?? 'driver';
  const opened = !(options.database instanceof WorkDatabase);
  const database = opened
    ? WorkDatabase.open({ filename: options.database ?? ':memory:' })
    : (options.database as WorkDatabase);
  let driver: TestDriver | undefined;
  // Driver calls happen only after construction, so the closure never sees the binding uninitialised.
  const settle = async (): Promise<void> => {
    if (synchronous) await workManager.settle();
  };
  let workManager: WorkManager;
  try {
    workManager = createWorkManager({
      logger: silentLogger,
      // androidx's in-process time limit lives in GreedyScheduler (TimeLimiter); its test WorkManager runs
      // work through TestScheduler and has none. So only the 'device' mode (the real GreedyScheduler) stops
      // a long run by default; advancing the TestClock past ten minutes must not stop work in the others.
      ...(mode === 'device' ? {} : { executionTimeLimitMs: Infinity }),
      // androidx's test WorkManager prunes finished work only when it is initialised, as every start does.
      expiredWorkPruneIntervalMs: Infinity,
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
  } catch (e) {
    // createWorkManager closes only a database it opened itself; this one was opened here, and a file's
    // lock would refuse every later open of it until the process exits.
    if (opened) database.close();
    throw e;
  }
  if (synchronous) clock.settle = () => workManager.settle();
  return { workManager, driver: driver as TestDriver, clock, deviceState: workManager.deviceState, database };
}

/**
 * The options this function decides, checked before anything is opened: a misspelt mode would otherwise
 * quietly run as `'driver'`, and a clock that is not a TestClock fail at the first enqueue.
 * @throws TypeError or RangeError naming the option and what it takes.
 */
function checkTestOptions(options: TestWorkManagerOptions): void {
  if (typeof options !== 'object' || options === null)
    throw new TypeError(`createTestWorkManager options must be an object, got ${showValue(options)}`);
  const { clock, scheduling, synchronous, database } = options;
  if (clock !== undefined && !(clock instanceof TestClock))
    throw new TypeError(
      `createTestWorkManager option clock must be a TestClock (new TestClock(startMillis)), got ${showValue(clock)}`,
    );
  if (scheduling !== undefined && !SCHEDULING_MODES.includes(scheduling))
    throw new RangeError(
      `createTestWorkManager option scheduling must be one of ${SCHEDULING_MODES.map((m) => `'${m}'`).join(', ')}, got ${showValue(scheduling)}`,
    );
  if (synchronous !== undefined && typeof synchronous !== 'boolean')
    throw new TypeError(
      `createTestWorkManager option synchronous must be true or false, got ${showValue(synchronous)}`,
    );
  // Opened here rather than by createWorkManager (the default differs: ':memory:'), so checked here too.
  if (database !== undefined && typeof database !== 'string' && !(database instanceof WorkDatabase))
    throw new TypeError(
      `createTestWorkManager option database must be a file path, ':memory:' or a WorkDatabase, got ${showValue(database)}`,
    );
}
