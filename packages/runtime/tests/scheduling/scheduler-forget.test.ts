import { createOneTimeWorkRequest } from '@workscript/api';
import { describe, expect, it } from 'vitest';
import { GreedyScheduler, type Scheduler } from '../../src/index.js';
import { createGreedyWorkManager } from '../helpers/greedy.js';
import { RetryWorker, TestWorker } from '../helpers/workers.js';

/**
 * Schedulers keep per-work memory for later runs (GreedyScheduler's attempt throttle, TestScheduler's pending
 * state). Work cancelled or replaced before it ran never reaches the "finished" path that drops it, so
 * without `forget` a long-lived process kept an entry for each (~165 B; a soak of 20,000 cancels showed it).
 */
describe('Scheduler.forget', () => {
  it('is called for work cancelled (with its dependents) or replaced, and not after an attempt that retries', async () => {
    const forgotten: string[] = [];
    const recorder: Scheduler = {
      hasLimitedSlots: false,
      schedule: () => undefined,
      cancel: () => undefined,
      close: () => undefined,
      forget: (id) => forgotten.push(id),
    };
    const { workManager, advance } = createGreedyWorkManager([TestWorker, RetryWorker], {
      schedulers: (deps) => [
        new GreedyScheduler({ ...deps, workSpecDao: deps.database.workSpecDao }),
        recorder,
      ],
    });
    const delayed = createOneTimeWorkRequest(TestWorker, { initialDelayMs: 86_400_000 });
    const dependent = createOneTimeWorkRequest(TestWorker);
    await workManager.beginWith(delayed).then(dependent).enqueue();
    await workManager.cancelWorkById(delayed.id);
    expect(forgotten.sort()).toEqual([delayed.id, dependent.id].sort());

    forgotten.length = 0;
    const first = createOneTimeWorkRequest(TestWorker, { initialDelayMs: 86_400_000 });
    await workManager.enqueueUniqueWork('debounce', 'REPLACE', first);
    await workManager.enqueueUniqueWork('debounce', 'REPLACE', createOneTimeWorkRequest(TestWorker));
    expect(forgotten).toEqual([first.id]);

    forgotten.length = 0;
    const retrying = createOneTimeWorkRequest(RetryWorker);
    await workManager.enqueue(retrying);
    await advance(60_000);
    expect((await workManager.getWorkInfoById(retrying.id))?.runAttemptCount).toBeGreaterThanOrEqual(1);
    expect(forgotten).toEqual([]);
    await workManager.close();
  });
});
