import type { StopReason } from '@workscript/api';
import { TestDriverModeError, WorkNotEnqueuedError, WorkNotRunningError } from '../errors.js';
import type { WorkLauncher } from '../execution/work-launcher.js';
import type { WorkDatabase } from '../store/work-database.js';
import { checkOpen, checkStopReason, checkWorkId } from './driver-checks.js';
import type { TestDriver } from './test-driver.js';

/**
 * The {@link TestDriver} of `createTestWorkManager({ scheduling: 'device' })`, where the real
 * GreedyScheduler decides from the TestClock and the simulated device. Pretending a constraint or a delay
 * is met would bypass exactly what that mode tests, so those calls throw; stopping running work works.
 */
export class DeviceTestDriver implements TestDriver {
  readonly #database: WorkDatabase;
  readonly #launcher: WorkLauncher;
  readonly #settle: () => Promise<void>;

  constructor(database: WorkDatabase, launcher: WorkLauncher, settle: () => Promise<void>) {
    this.#database = database;
    this.#launcher = launcher;
    this.#settle = settle;
  }

  /** @inheritDoc */
  async setAllConstraintsMet(id: string): Promise<void> {
    this.#load('setAllConstraintsMet', id);
    throw new TestDriverModeError('setAllConstraintsMet', 'set deviceState instead');
  }

  /** @inheritDoc */
  async setInitialDelayMet(id: string): Promise<void> {
    this.#load('setInitialDelayMet', id);
    throw new TestDriverModeError('setInitialDelayMet');
  }

  /** @inheritDoc */
  async setPeriodDelayMet(id: string): Promise<void> {
    this.#load('setPeriodDelayMet', id);
    throw new TestDriverModeError('setPeriodDelayMet');
  }

  /** @inheritDoc */
  async stopRunningWorkWithReason(id: string, reason: StopReason): Promise<void> {
    checkWorkId('stopRunningWorkWithReason', id);
    checkOpen(this.#database);
    checkStopReason(reason);
    if (!this.#launcher.isRunning(id)) throw new WorkNotRunningError(id);
    this.#launcher.stopWork(id, reason);
    await this.#settle();
  }

  #load(method: string, id: string): void {
    checkWorkId(method, id);
    checkOpen(this.#database);
    if (this.#database.workSpecDao.getState(id) === null) throw new WorkNotEnqueuedError(id);
  }
}
