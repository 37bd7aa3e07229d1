// Audit of spec §3 (backoff) through the public API: rules the scenario tests did not pin down.
import { createOneTimeWorkRequest, defineWorker, Result } from '@workscript/api';
import { describe, expect, it } from 'vitest';
import { createDeviceWorkManager } from './device.js';

/** Retries until `successOn` attempts were made; records the runAttemptCount each run saw. */
function createFlakyWorker(name: string, successOn: number) {
  const seen: number[] = [];
  const worker = defineWorker({
    name,
    run: (_input: Record<string, unknown>, ctx) => {
      seen.push(ctx.runAttemptCount);
      return seen.length >= successOn ? Result.success() : Result.retry();
    },
  });
  return { worker, seen };
}

describe('§3 backoff', () => {
  it('§3 backoff is measured from the end of the failed attempt (lastEnqueueTime = end of the run)', async () => {
    let release: (() => void) | undefined;
    const seen: number[] = [];
    const slow = defineWorker({
      name: 'SlowRetry',
      run: async (_input: Record<string, unknown>, ctx) => {
        seen.push(ctx.runAttemptCount);
        if (seen.length > 1) return Result.success();
        await new Promise<void>((resolve) => (release = resolve));
        return Result.retry();
      },
    });
    const { workManager, clock, advance, database } = createDeviceWorkManager([slow]);
    const request = createOneTimeWorkRequest(slow);
    const t0 = clock.currentTimeMillis();
    await workManager.enqueue(request);
    await workManager.settle();
    await advance(50_000); // the attempt takes 50 s
    release?.();
    await workManager.settle();
    expect(await workManager.getWorkInfoById(request.id)).toMatchObject({
      state: 'ENQUEUED',
      runAttemptCount: 1,
      nextScheduleTimeMillis: t0 + 50_000 + 30_000,
    });
    expect(database.workSpecDao.get(request.id)?.lastEnqueueTime).toBe(t0 + 50_000);
    await advance(29_999);
    expect(seen).toEqual([0]);
    await advance(1);
    expect(seen).toEqual([0, 1]);
    expect(await workManager.getWorkInfoById(request.id)).toMatchObject({
      state: 'SUCCEEDED',
      runAttemptCount: 2,
    });
  });

  it('§3.1 LINEAR 10 s: retries wait 10 s, 20 s, 30 s; the worker sees 0, 1, 2, 3 and the stored count is 4', async () => {
    const { worker, seen } = createFlakyWorker('LinearFlaky', 4);
    const { workManager, clock, advance } = createDeviceWorkManager([worker]);
    const request = createOneTimeWorkRequest(worker, { backoff: { policy: 'LINEAR', delayMs: 10_000 } });
    const delays: number[] = [];
    workManager.on('work:retry-scheduled', (e) =>
      delays.push(e.nextScheduleTimeMillis - clock.currentTimeMillis()),
    );
    await workManager.enqueue(request);
    await workManager.settle();
    await advance(9_999);
    expect(seen).toEqual([0]);
    await advance(1);
    await advance(20_000);
    await advance(30_000);
    expect(delays).toEqual([10_000, 20_000, 30_000]);
    expect(seen).toEqual([0, 1, 2, 3]);
    expect(await workManager.getWorkInfoById(request.id)).toMatchObject({
      state: 'SUCCEEDED',
      runAttemptCount: 4,
    });
  });

  it('§3.1 EXPONENTIAL 10 s doubles per attempt and is capped at 18 000 000 ms (5 h) from attempt 12', async () => {
    const { worker, seen } = createFlakyWorker('ExponentialFlaky', 14);
    const { workManager, clock, advance } = createDeviceWorkManager([worker]);
    const request = createOneTimeWorkRequest(worker, { backoff: { policy: 'EXPONENTIAL', delayMs: 10_000 } });
    const delays: number[] = [];
    workManager.on('work:retry-scheduled', (e) =>
      delays.push(e.nextScheduleTimeMillis - clock.currentTimeMillis()),
    );
    await workManager.enqueue(request);
    await workManager.settle();
    while (seen.length < 14) await advance(delays.at(-1) ?? 0);
    expect(delays).toEqual([
      10_000, 20_000, 40_000, 80_000, 160_000, 320_000, 640_000, 1_280_000, 2_560_000, 5_120_000, 10_240_000,
      18_000_000, 18_000_000,
    ]);
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    expect((await workManager.getWorkInfoById(request.id))?.state).toBe('SUCCEEDED');
  });
});
