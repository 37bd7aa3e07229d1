import type { WorkerDefinition } from '@workscript/api';
import { createTestWorkManager, TestClock } from '../../src/testing/index.js';

/**
 * A test WorkManager whose timing follows the clock: the real GreedyScheduler on a TestClock and the
 * simulated device (`scheduling: 'device'`), so delays, backoff and periods are asserted to the millisecond.
 * Pass `clock` when the workers need it before the WorkManager exists (to record when they ran).
 */
export function createDeviceWorkManager(workers: readonly WorkerDefinition[], clock = new TestClock()) {
  const t = createTestWorkManager({ workers, clock, scheduling: 'device' });
  /** Advances the clock; work due on the way runs at its own time. */
  const advance = (ms: number): Promise<void> => t.clock.advance(ms);
  return { ...t, advance };
}
