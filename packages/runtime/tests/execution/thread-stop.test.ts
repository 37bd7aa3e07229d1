import { createOneTimeWorkRequest, StopReason } from '@workscript/api';
import { describe, expect, it } from 'vitest';
import { createThreadWorkExecutor, DEFAULT_STOP_GRACE_PERIOD_MS } from '../../src/index.js';
import { createTestWorkManager } from '../../src/testing/index.js';
import { until } from '../helpers/until.js';
import { ThreadBusyLoop, ThreadEcho } from '../fixtures/thread-workers.js';

const WORKERS_MODULE = new URL('../fixtures/thread-workers.ts', import.meta.url);
const LIMIT_MS = 60_000;

describe('thread executor: a worker that ignores its stop', () => {
  it('is stopped by the time limit with TIMEOUT, its thread is terminated and replaced, and the next work runs', async () => {
    // One thread, so the replacement is visible: the work after the busy loop can only run on a new thread.
    const executor = createThreadWorkExecutor({
      workersModule: WORKERS_MODULE,
      poolSize: 1,
      stopGracePeriodMs: 50,
    });
    const { workManager, clock } = createTestWorkManager({
      workers: [ThreadEcho, ThreadBusyLoop],
      executor,
      synchronous: false,
      executionTimeLimitMs: LIMIT_MS,
    });
    const stopped: number[] = [];
    workManager.on('work:stopped', (e) => stopped.push(e.reason));

    const first = createOneTimeWorkRequest(ThreadEcho, { input: { n: 1 } });
    await workManager.enqueue(first);
    const before = await until(workManager.watchWorkInfoById(first.id), (i) => i?.state === 'SUCCEEDED');
    const firstThread = before?.outputData.toObject()['threadId'];

    const busy = createOneTimeWorkRequest(ThreadBusyLoop);
    await workManager.enqueue(busy);
    await until(workManager.watchWorkInfoById(busy.id), (i) => i?.state === 'RUNNING');
    await clock.advance(LIMIT_MS);

    // The stop's transition happened once, at the stop: TIMEOUT recorded, attempt count kept. The retry
    // (attempt 1) returns at once on the replacement thread.
    const done = await until(workManager.watchWorkInfoById(busy.id), (i) => i?.state === 'SUCCEEDED');
    expect(stopped).toEqual([StopReason.TIMEOUT]);
    expect(done).toMatchObject({ runAttemptCount: 2 });
    const replacement = done?.outputData.toObject()['threadId'];
    expect(replacement).not.toBe(firstThread);

    const next = createOneTimeWorkRequest(ThreadEcho, { input: { n: 2 } });
    await workManager.enqueue(next);
    const after = await until(workManager.watchWorkInfoById(next.id), (i) => i?.state === 'SUCCEEDED');
    expect(after?.outputData.toObject()).toMatchObject({ n: 4, threadId: replacement });
    await workManager.close();
  });

  it('is cancelled at the stop, without waiting for its thread', async () => {
    const executor = createThreadWorkExecutor({
      workersModule: WORKERS_MODULE,
      poolSize: 1,
      stopGracePeriodMs: 60_000, // the thread outlives this test's checks; close() terminates it
    });
    const { workManager } = createTestWorkManager({
      workers: [ThreadBusyLoop],
      executor,
      synchronous: false,
    });
    const busy = createOneTimeWorkRequest(ThreadBusyLoop);
    await workManager.enqueue(busy);
    await until(workManager.watchWorkInfoById(busy.id), (i) => i?.state === 'RUNNING');
    await workManager.cancelWorkById(busy.id);
    // Cancelled at once, even though the thread is still spinning inside the grace period.
    expect(await workManager.getWorkInfoById(busy.id)).toMatchObject({
      state: 'CANCELLED',
      stopReason: StopReason.CANCELLED_BY_APP,
      runAttemptCount: 1,
    });
    await workManager.close();
  });

  it('refuses a grace period that is negative or longer than a Node timer, naming the option', () => {
    expect(() => createThreadWorkExecutor({ workersModule: WORKERS_MODULE, stopGracePeriodMs: -1 })).toThrow(
      /stopGracePeriodMs must be a number of milliseconds from 0 to 2147483647 \(about 24.8 days\), got -1/,
    );
    // setTimeout would fire such a grace period after 1 ms.
    expect(() =>
      createThreadWorkExecutor({ workersModule: WORKERS_MODULE, stopGracePeriodMs: 2 ** 31 }),
    ).toThrow(/got 2147483648/);
    expect(DEFAULT_STOP_GRACE_PERIOD_MS).toBe(5_000);
  });
});
