import type { WorkerDefinition } from '@workscript/api';
import { createWorkManager, silentLogger, type WorkManagerOptions } from '../../src/index.js';
import { TestClock } from '../../src/testing/index.js';

/** A real WorkManager (GreedyScheduler, in-memory database) driven by a TestClock. */
export function createGreedyWorkManager(
  workers: readonly WorkerDefinition[],
  options: Partial<WorkManagerOptions> = {},
) {
  const clock = new TestClock();
  const workManager = createWorkManager({
    database: ':memory:',
    workers,
    clock,
    timer: clock,
    logger: silentLogger,
    ...options,
  });
  clock.settle = () => workManager.settle();
  /** Advances the clock; work released on the way runs at its due time. */
  const advance = (ms: number): Promise<void> => clock.advance(ms);
  return { workManager, clock, advance, deviceState: workManager.deviceState };
}
