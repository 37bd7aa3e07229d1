import { createOneTimeWorkRequest, StopReason } from '@workscript/api';
import { describe, expect, it } from 'vitest';
import { createGreedyWorkManager } from '../helpers/greedy.js';
import { createSuspendingWorker } from '../helpers/workers.js';

// Spec §12, androidx GreedyScheduler.throttleIfNeeded: per work generation first seen at attempt count a0
// and time t0, the earliest run is max(calculateNextRunTime, t0 + max(runAttemptCount − a0 − 5, 0) × 30 s).
// Backoff grows faster than that after a retry (lastEnqueueTime moves); after a *stop* it does not (the
// stop keeps lastEnqueueTime), so work stopped again and again by its time limit is where it shows.

/** Start times (seconds) of the first `attempts` attempts of work that is stopped 1 s into every attempt. */
async function startTimesOfTimedOutWork(attempts: number, update?: { afterAttempt: number }) {
  const { worker, seen } = createSuspendingWorker();
  const { workManager, clock, advance } = createGreedyWorkManager([worker], { executionTimeLimitMs: 1_000 });
  const starts: number[] = [];
  const t0 = clock.currentTimeMillis();
  workManager.on('work:started', () => starts.push((clock.currentTimeMillis() - t0) / 1_000));
  const request = createOneTimeWorkRequest(worker, { backoff: { policy: 'LINEAR', delayMs: 10_000 } });
  await workManager.enqueue(request);
  await workManager.settle();
  let updated = false;
  while (starts.length < attempts) {
    if (update && !updated && starts.length === update.afterAttempt) {
      updated = true;
      await workManager.updateWork(
        createOneTimeWorkRequest(worker, {
          id: request.id,
          backoff: { policy: 'LINEAR', delayMs: 10_000 },
          tags: ['updated'],
        }),
      );
    }
    await advance(1_000);
  }
  await workManager.cancelWorkById(request.id);
  await workManager.settle();
  return { starts, seen };
}

describe('GreedyScheduler in-process throttling (spec §12)', () => {
  it('spaces out the attempts of work stopped again and again: from the 6th run-attempt count, t0 + 30 s each', async () => {
    const { starts, seen } = await startTimesOfTimedOutWork(11);
    expect(seen.slice(0, 9).map((s) => s.stopReason)).toEqual(Array(9).fill(StopReason.TIMEOUT));
    // Linear backoff from the unchanged enqueue time alone would give 0, 10, …, 100. The throttle takes
    // over at the 9th attempt (count 8: 0 + (8 − 0 − 5) × 30 = 90 s > 80 s), then adds 30 s an attempt.
    expect(starts).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 90, 120, 150]);
  });

  it('starts over for a new generation: updateWork resets the first-seen attempt count and time', async () => {
    const { starts, seen } = await startTimesOfTimedOutWork(11, { afterAttempt: 8 });
    expect(seen.map((s) => s.generation)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1]);
    // Attempts 1–8 as above. The update (at 70 s, while attempt 8 runs: applied for the next run) makes
    // generation 1 first seen when attempt 8 times out, at count 8 and 71 s, so its throttle is
    // 71 + max(count − 8 − 5, 0) × 30 s: not binding yet, and the linear backoff (80, 90, 100) decides again.
    expect(starts).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
  });
});
