import { createOneTimeWorkRequest, StopReason } from '@workscript/api';
import { describe, expect, it } from 'vitest';
import { createThreadWorkExecutor, createWorkManager } from '../../src/index.js';
import { createTestWorkManager } from '../../src/testing/index.js';
import { until } from '../helpers/until.js';
import { ThreadEcho, ThreadThrows, ThreadWaits } from '../fixtures/thread-workers.js';

const WORKERS_MODULE = new URL('../fixtures/thread-workers.ts', import.meta.url);

describe('thread executor (worker_threads)', () => {
  it('runs workers off the main thread; output, storage and logs cross back', async () => {
    const executor = createThreadWorkExecutor({ workersModule: WORKERS_MODULE, poolSize: 2 });
    const logs: string[] = [];
    const { workManager, database } = createTestWorkManager({
      workers: [ThreadEcho, ThreadWaits, ThreadThrows],
      executor,
      synchronous: false,
      logger: { log: (_level, _tag, message) => logs.push(message) },
    });
    const request = createOneTimeWorkRequest(ThreadEcho, { input: { n: 21 } });
    await workManager.enqueue(request);
    await until(workManager.watchWorkInfoById(request.id), (i) => i?.state === 'SUCCEEDED');
    const output = (await workManager.getWorkInfoById(request.id))?.outputData.toObject();
    expect(output?.['n']).toBe(42);
    expect(output?.['threadId']).not.toBe(0);
    expect(database.workerStorageDao.get('thread:last')).toBe('21');
    expect(logs).toContain('echo');
    await workManager.close();
  });

  it('progress is stored from the thread and a stop reaches the worker there', async () => {
    const executor = createThreadWorkExecutor({ workersModule: WORKERS_MODULE, poolSize: 1 });
    const { workManager, driver } = createTestWorkManager({
      workers: [ThreadWaits],
      executor,
      synchronous: false,
    });
    const request = createOneTimeWorkRequest(ThreadWaits);
    await workManager.enqueue(request);
    await until(
      workManager.watchWorkInfoById(request.id),
      (i) => i?.state === 'RUNNING' && i.progress.size > 0,
    );
    await driver.stopRunningWorkWithReason(request.id, StopReason.CONSTRAINT_CHARGING);
    await until(workManager.watchWorkInfoById(request.id), (i) => i?.state === 'ENQUEUED');
    expect(await workManager.getWorkInfoById(request.id)).toMatchObject({
      stopReason: StopReason.CONSTRAINT_CHARGING,
      runAttemptCount: 1,
    });
    await workManager.close();
  });

  it('an exception in the thread fails the work', async () => {
    const executor = createThreadWorkExecutor({ workersModule: WORKERS_MODULE, poolSize: 1 });
    const { workManager } = createTestWorkManager({ workers: [ThreadThrows], executor, synchronous: false });
    const errors: string[] = [];
    workManager.on('work:failed', (e) => errors.push(`${e.error?.name}: ${e.error?.message}`));
    const request = createOneTimeWorkRequest(ThreadThrows);
    await workManager.enqueue(request);
    await until(workManager.watchWorkInfoById(request.id), (i) => i?.state === 'FAILED');
    expect(errors).toEqual(['RangeError: thrown in a thread']);
    await workManager.close();
  });

  it('a workers module that fails to load fails the work with its error (it used to be retried for ever)', async () => {
    const broken = new URL('../fixtures/broken-workers.ts', import.meta.url);
    const executor = createThreadWorkExecutor({ workersModule: broken, poolSize: 1 });
    const { workManager } = createTestWorkManager({ workers: [ThreadEcho], executor, synchronous: false });
    const errors: string[] = [];
    workManager.on('work:failed', (e) => errors.push(e.error?.message ?? ''));
    const request = createOneTimeWorkRequest(ThreadEcho, { input: { n: 1 } });
    await workManager.enqueue(request);
    const failed = await until(workManager.watchWorkInfoById(request.id), (i) => i?.state === 'FAILED');
    expect(failed?.runAttemptCount).toBe(1);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`The workers module ${broken.href} failed to load: broken on purpose`);
    await workManager.close();
  });

  it('a workers module path that names no file is refused at once, naming it', () => {
    expect(() => createThreadWorkExecutor({ workersModule: '/no/such/workers.js' })).toThrow(
      'workersModule /no/such/workers.js does not exist',
    );
  });
});

describe('createWorkManager({ workersModule })', () => {
  it('runs work off the main thread by default when it knows the workers module', async () => {
    const workManager = createWorkManager({
      workers: [ThreadEcho],
      workersModule: WORKERS_MODULE,
      database: ':memory:',
      logger: { log: () => undefined },
    });
    const request = createOneTimeWorkRequest(ThreadEcho, { input: { n: 2 } });
    await workManager.enqueue(request);
    await until(workManager.watchWorkInfoById(request.id), (i) => i?.state === 'SUCCEEDED');
    const output = (await workManager.getWorkInfoById(request.id))?.outputData.toObject();
    expect(output?.['n']).toBe(4);
    expect(output?.['threadId']).not.toBe(0);
    await workManager.close();
  });

  it('stays on the main thread without it (the inline executor, for debugging)', async () => {
    const workManager = createWorkManager({
      workers: [ThreadEcho],
      database: ':memory:',
      logger: { log: () => undefined },
    });
    const request = createOneTimeWorkRequest(ThreadEcho, { input: { n: 2 } });
    await workManager.enqueue(request);
    await until(workManager.watchWorkInfoById(request.id), (i) => i?.state === 'SUCCEEDED');
    expect((await workManager.getWorkInfoById(request.id))?.outputData.toObject()['threadId']).toBe(0);
    await workManager.close();
  });
});
