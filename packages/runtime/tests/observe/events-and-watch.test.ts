import { createOneTimeWorkRequest, Data, defineWorker, Result, StopReason } from '@workscript/api';
import { describe, expect, it } from 'vitest';
import { InvalidWorkQueryError, WorkManagerClosedError, type WorkInfo } from '../../src/index.js';
import { createTestWorkManager } from '../../src/testing/index.js';
import {
  createGatedWorker,
  createSuspendingWorker,
  FailureWorker,
  RetryWorker,
  TestWorker,
} from '../helpers/workers.js';

describe('typed events', () => {
  it('a run emits work:enqueued, work:started, work:succeeded in order', async () => {
    const { workManager } = createTestWorkManager({ workers: [TestWorker] });
    const log: string[] = [];
    workManager.on('work:enqueued', (e) => log.push(`enqueued ${e.state}`));
    workManager.on('work:started', (e) => log.push(`started ${e.runAttemptCount}`));
    workManager.on('work:succeeded', (e) => log.push(`succeeded ${JSON.stringify(e.output.toObject())}`));
    await workManager.enqueue(createOneTimeWorkRequest(TestWorker, { input: { n: 1 } }));
    expect(log).toEqual(['enqueued ENQUEUED', 'started 0', 'succeeded {"n":1}']);
  });

  it('failure, retry, cancel and stop have their own events', async () => {
    const { worker } = createSuspendingWorker();
    const { workManager, driver } = createTestWorkManager({ workers: [FailureWorker, RetryWorker, worker] });
    const log: string[] = [];
    workManager.on('work:failed', (e) => log.push(`failed ${String(e.output.getString('reason'))}`));
    workManager.on('work:retry-scheduled', (e) => log.push(`retry ${e.runAttemptCount}`));
    workManager.on('work:cancelled', () => log.push('cancelled'));
    workManager.on('work:stopped', (e) => log.push(`stopped ${e.reason}`));
    await workManager.enqueue(createOneTimeWorkRequest(FailureWorker));
    await workManager.enqueue(createOneTimeWorkRequest(RetryWorker));
    const running = createOneTimeWorkRequest(worker);
    await workManager.enqueue(running);
    await driver.stopRunningWorkWithReason(running.id, StopReason.PREEMPT);
    await workManager.cancelWorkById(running.id);
    expect(log).toEqual(['failed failed', 'retry 1', 'stopped 2', 'cancelled']);
  });
});

describe('typed events follow the commits', () => {
  it('an operation a watcher starts emits after the change that woke it: retry, then cancel', async () => {
    let release: (() => void) | undefined;
    const GatedRetry = defineWorker({
      name: 'GatedRetry',
      run: async () => {
        await new Promise<void>((r) => (release = r));
        return Result.retry();
      },
    });
    const { workManager } = createTestWorkManager({ workers: [GatedRetry], synchronous: false });
    const request = createOneTimeWorkRequest(GatedRetry);
    await workManager.enqueue(request);
    await workManager.settle();
    const log: string[] = [];
    workManager.on('work:retry-scheduled', () => log.push('retry-scheduled'));
    workManager.on('work:cancelled', () => log.push('cancelled'));
    // A watcher sees the retry's commit at once and cancels; the retry's event must still come first.
    let cancelled: Promise<void> | undefined;
    const watching = (async () => {
      for await (const info of workManager.watchWorkInfoById(request.id)) {
        if (info?.state === 'ENQUEUED') {
          cancelled = workManager.cancelWorkById(request.id);
          break;
        }
      }
    })();
    release?.();
    await watching;
    await cancelled;
    await workManager.settle();
    expect(log).toEqual(['retry-scheduled', 'cancelled']);
    expect((await workManager.getWorkInfoById(request.id))?.state).toBe('CANCELLED');
  });

  it('cancelling running work emits work:cancelled, then work:stopped with CANCELLED_BY_APP', async () => {
    const { worker } = createSuspendingWorker();
    const { workManager } = createTestWorkManager({ workers: [worker] });
    const request = createOneTimeWorkRequest(worker);
    await workManager.enqueue(request);
    const log: string[] = [];
    workManager.on('work:cancelled', () => log.push('cancelled'));
    workManager.on('work:stopped', (e) => log.push(`stopped ${e.reason}`));
    await workManager.cancelWorkById(request.id);
    await workManager.settle();
    expect(log).toEqual(['cancelled', `stopped ${StopReason.CANCELLED_BY_APP}`]);
  });

  it('a failure emits work:failed for the work, then for each dependent that failed with it', async () => {
    const { workManager } = createTestWorkManager({ workers: [FailureWorker, TestWorker] });
    const failing = createOneTimeWorkRequest(FailureWorker);
    const [b, c] = [createOneTimeWorkRequest(TestWorker), createOneTimeWorkRequest(TestWorker)];
    const log: string[] = [];
    workManager.on('work:failed', (e) => log.push(e.id));
    await workManager.beginWith(failing).then(b).then(c).enqueue();
    expect(log[0]).toBe(failing.id);
    expect(log.slice(1).sort()).toEqual([b.id, c.id].sort());
  });
});

describe('watchWorkInfoById', () => {
  it('yields the current WorkInfo, then each distinct change, deduplicated', async () => {
    const gated = createGatedWorker('Gated');
    const { workManager } = createTestWorkManager({ workers: [gated.worker], synchronous: false });
    const request = createOneTimeWorkRequest(gated.worker);
    const seen: (string | null)[] = [];
    const iterator = workManager.watchWorkInfoById(request.id);
    const consumer = (async () => {
      for await (const info of iterator) {
        seen.push(info === null ? null : `${info.state}${info.progress.size ? ' +progress' : ''}`);
        if (info?.state === 'SUCCEEDED') break;
      }
    })();
    await workManager.enqueue(request);
    await workManager.settle();
    gated.release();
    await consumer;
    expect(seen).toEqual([null, 'ENQUEUED', 'RUNNING', 'RUNNING +progress', 'SUCCEEDED']);
  });

  it('watchWorkInfos follows a query', async () => {
    const { workManager } = createTestWorkManager({ workers: [TestWorker] });
    const iterator = workManager.watchWorkInfos({ tags: ['t'] });
    const first = await iterator.next();
    expect(first.value).toEqual([]);
    await workManager.enqueue(createOneTimeWorkRequest(TestWorker, { tags: ['t'] }));
    const states: WorkInfo['state'][][] = [];
    for (;;) {
      const next = await iterator.next();
      const infos = next.value as WorkInfo[];
      states.push(infos.map((i) => i.state));
      if (infos[0]?.state === 'SUCCEEDED') break;
    }
    await iterator.return?.();
    expect(states.at(-1)).toEqual(['SUCCEEDED']);
  });
});

describe('watchers: ending, concurrency, queries', () => {
  it('close() ends a watcher whose next() is pending, so a for-await loop finishes', async () => {
    const { workManager } = createTestWorkManager({ workers: [TestWorker] });
    const seen: unknown[] = [];
    const loop = (async () => {
      for await (const info of workManager.watchWorkInfoById('missing')) seen.push(info);
    })();
    await workManager.settle();
    await workManager.close();
    await loop;
    expect(seen).toEqual([null]);
  });

  it('next() calls in flight are answered in call order, one change each', async () => {
    const { workManager } = createTestWorkManager({ workers: [TestWorker] });
    const request = createOneTimeWorkRequest(TestWorker, { initialDelayMs: 60_000 });
    const iterator = workManager.watchWorkInfoById(request.id);
    expect((await iterator.next()).value).toBeNull();
    const [a, b] = [iterator.next(), iterator.next()];
    await workManager.enqueue(request);
    await workManager.cancelWorkById(request.id);
    expect([(await a).value?.state, (await b).value?.state]).toEqual(['ENQUEUED', 'CANCELLED']);
    await iterator.return?.();
  });

  it('a reader that falls behind gets the latest value, not every one in between (conflated, as LiveData)', async () => {
    const { workManager } = createTestWorkManager({ workers: [TestWorker] });
    const request = createOneTimeWorkRequest(TestWorker, { initialDelayMs: 60_000 });
    const iterator = workManager.watchWorkInfoById(request.id);
    expect((await iterator.next()).value).toBeNull();
    await workManager.enqueue(request);
    await workManager.cancelWorkById(request.id);
    expect((await iterator.next()).value?.state).toBe('CANCELLED');
    await iterator.return?.();
  });

  it('after return(), next() is done even with changes buffered', async () => {
    const { workManager } = createTestWorkManager({ workers: [TestWorker] });
    const request = createOneTimeWorkRequest(TestWorker, { initialDelayMs: 60_000 });
    const iterator = workManager.watchWorkInfoById(request.id);
    await workManager.enqueue(request); // buffers null, then ENQUEUED
    await iterator.return?.();
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
  });

  it('watching after close() throws WorkManagerClosedError', async () => {
    const { workManager } = createTestWorkManager({ workers: [TestWorker] });
    await workManager.close();
    expect(() => workManager.watchWorkInfoById('x')).toThrow(WorkManagerClosedError);
    expect(() => workManager.watchWorkInfos({ tags: ['t'] })).toThrow(WorkManagerClosedError);
  });

  it('a watched query is copied: changing the caller’s object later changes nothing', async () => {
    const { workManager } = createTestWorkManager({ workers: [TestWorker] });
    const tags = ['t'];
    const iterator = workManager.watchWorkInfos({ tags });
    expect((await iterator.next()).value).toEqual([]);
    tags[0] = 'u';
    const request = createOneTimeWorkRequest(TestWorker, { tags: ['t'] });
    await workManager.enqueue([request, createOneTimeWorkRequest(TestWorker, { tags: ['u'] })]);
    expect(((await iterator.next()).value as WorkInfo[]).map((i) => i.id)).toEqual([request.id]);
    await iterator.return?.();
  });

  it('a query with an unknown state or a list that is not an array is refused, naming what is valid', () => {
    const { workManager } = createTestWorkManager({ workers: [TestWorker] });
    expect(() => workManager.getWorkInfos({ states: ['BOGUS' as WorkInfo['state']] })).toThrow(
      /states holds "BOGUS"; valid states are ENQUEUED, RUNNING, SUCCEEDED, FAILED, BLOCKED, CANCELLED/,
    );
    expect(() => workManager.getWorkInfos({ ids: 'abc' as unknown as string[] })).toThrow(
      InvalidWorkQueryError,
    );
    expect(() => workManager.getWorkInfos({ tags: [42 as unknown as string] })).toThrow(
      /tags holds 42; it must hold strings/,
    );
  });
});

describe('combine and lifecycle', () => {
  it('§9 combine passes every branch\u2019s output on, array-merged', async () => {
    const { workManager, database } = createTestWorkManager({ workers: [TestWorker] });
    const a = createOneTimeWorkRequest(TestWorker, { input: Data.builder().putInt('k', 1).build() });
    const b = createOneTimeWorkRequest(TestWorker, { input: Data.builder().putInt('k', 2).build() });
    const after = createOneTimeWorkRequest(TestWorker);
    await workManager
      .combine([workManager.beginWith(a), workManager.beginWith(b)])
      .then(after)
      .enqueue();
    // The combiner array-merges the branches' outputs; TestWorker echoes its input as plain numbers (double).
    const output = database.workSpecDao.get(after.id)?.output;
    expect(output?.get('k')).toEqual({ type: 'double[]', value: [1, 2] });
  });

  it('a closed WorkManager rejects further operations', async () => {
    const { workManager } = createTestWorkManager({ workers: [TestWorker] });
    await workManager.close();
    await expect(workManager.enqueue(createOneTimeWorkRequest(TestWorker))).rejects.toThrow(
      WorkManagerClosedError,
    );
  });
});
