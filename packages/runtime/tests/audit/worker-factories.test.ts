import { createOneTimeWorkRequest, defineWorker, Result, type WorkerDefinition } from '@workscript/api';
import { describe, expect, it } from 'vitest';
import { createDelegatingWorkerFactory, createWorkerRegistry, type WorkerFactory } from '../../src/index.js';
import { createTestWorkManager } from '../../src/testing/index.js';
import { TestWorker } from '../helpers/workers.js';

// Audit of spec §13.2 (WorkerFactory / DelegatingWorkerFactory) and the WorkerParameters a worker gets.

const DAY = 86_400_000;

/** A worker named `Shared` whose output says which definition ran. */
const sharedWorker = (from: string) => defineWorker({ name: 'Shared', run: () => Result.success({ from }) });

/** A factory that throws for every name, as a user factory with a bug would. */
const throwingFactory: WorkerFactory = {
  createWorker: (name) => {
    throw new Error(`factory cannot build ${name}`);
  },
  knownWorkerNames: [],
};

describe('§13.2 worker factories', () => {
  it('the configured factory is consulted first; the first non-null result wins', async () => {
    const fromFactory = sharedWorker('factory');
    const { workManager } = createTestWorkManager({
      workers: [sharedWorker('workers')],
      workerFactory: createWorkerRegistry([fromFactory]),
    });
    const request = createOneTimeWorkRequest(fromFactory);
    await workManager.enqueue(request);
    expect((await workManager.getWorkInfoById(request.id))?.outputData.toObject()).toEqual({
      from: 'factory',
    });
  });

  it('a factory that returns undefined (a Map miss) falls back too', async () => {
    const byName = new Map<string, WorkerDefinition>();
    const mapFactory = {
      createWorker: (name: string) => byName.get(name),
      knownWorkerNames: [],
    } as unknown as WorkerFactory;
    const fallback = sharedWorker('workers');
    const { workManager } = createTestWorkManager({ workers: [fallback], workerFactory: mapFactory });
    const request = createOneTimeWorkRequest(fallback);
    await workManager.enqueue(request);
    expect(await workManager.getWorkInfoById(request.id)).toMatchObject({ state: 'SUCCEEDED' });
  });

  it('a factory that returns something that is not a worker: FAILED without running, and the handler is told', async () => {
    const odd = { createWorker: () => ({}), knownWorkerNames: [] } as unknown as WorkerFactory;
    const told: string[] = [];
    const worker = sharedWorker('workers');
    const { workManager } = createTestWorkManager({
      workers: [worker],
      workerFactory: odd,
      workerInitializationExceptionHandler: (info) => void told.push(info.error.message),
    });
    const request = createOneTimeWorkRequest(worker);
    await workManager.enqueue(request);
    expect(await workManager.getWorkInfoById(request.id)).toMatchObject({
      state: 'FAILED',
      runAttemptCount: 0,
    });
    expect(told).toEqual([
      expect.stringMatching(
        /returned an object with keys \[\] for 'Shared'; return a definition made with defineWorker/,
      ),
    ]);
  });

  it('a factory that returns null falls back to the `workers` definitions', async () => {
    const nothing: WorkerFactory = { createWorker: () => null, knownWorkerNames: [] };
    const fallback = sharedWorker('workers');
    const { workManager } = createTestWorkManager({ workers: [fallback], workerFactory: nothing });
    const request = createOneTimeWorkRequest(fallback);
    await workManager.enqueue(request);
    expect(await workManager.getWorkInfoById(request.id)).toMatchObject({ state: 'SUCCEEDED' });
    expect((await workManager.getWorkInfoById(request.id))?.outputData.toObject()).toEqual({
      from: 'workers',
    });
  });

  it('createDelegatingWorkerFactory: delegates in order, first non-null wins; all-null → null', () => {
    const first = sharedWorker('first');
    const delegating = createDelegatingWorkerFactory([
      { createWorker: () => null, knownWorkerNames: [] },
      createWorkerRegistry([first]),
      createWorkerRegistry([sharedWorker('second')]),
    ]);
    expect(delegating.createWorker('Shared')).toBe(first);
    expect(delegating.createWorker('Unknown')).toBeNull();
  });

  it('a delegate that throws aborts the lookup (the error is rethrown, later delegates are not asked)', () => {
    let asked = false;
    const later: WorkerFactory = {
      createWorker: () => ((asked = true), sharedWorker('later') as WorkerDefinition),
      knownWorkerNames: [],
    };
    const delegating = createDelegatingWorkerFactory([throwingFactory, later]);
    expect(() => delegating.createWorker('Shared')).toThrow('factory cannot build Shared');
    expect(asked).toBe(false);
  });

  it('a factory that throws → the work is FAILED without running, and its dependents FAILED', async () => {
    let ran = false;
    const worker = defineWorker({ name: 'Shared', run: () => ((ran = true), Result.success()) });
    const failures: { id: string; message: string | undefined }[] = [];
    const { workManager } = createTestWorkManager({
      workers: [worker, TestWorker],
      workerFactory: throwingFactory,
    });
    workManager.on('work:failed', (e) => failures.push({ id: e.id, message: e.error?.message }));
    const request = createOneTimeWorkRequest(worker);
    const dependent = createOneTimeWorkRequest(TestWorker, { initialDelayMs: 10 * DAY });
    await workManager.beginWith(request).then(dependent).enqueue();
    expect(ran).toBe(false);
    const info = await workManager.getWorkInfoById(request.id);
    expect(info).toMatchObject({ state: 'FAILED', runAttemptCount: 0 });
    expect(info?.outputData.size).toBe(0);
    expect((await workManager.getWorkInfoById(dependent.id))?.state).toBe('FAILED');
    expect(failures).toEqual([
      { id: request.id, message: expect.stringMatching(/cannot build Shared/) },
      { id: dependent.id, message: undefined },
    ]);
  });

  it('an unknown worker name → FAILED without running, and its dependents FAILED', async () => {
    const ghost = defineWorker({ name: 'Ghost', run: () => Result.success() });
    const { workManager } = createTestWorkManager({ workers: [TestWorker] });
    const request = createOneTimeWorkRequest(ghost);
    const dependent = createOneTimeWorkRequest(TestWorker);
    await workManager.beginWith(request).then(dependent).enqueue();
    expect(await workManager.getWorkInfoById(request.id)).toMatchObject({
      state: 'FAILED',
      runAttemptCount: 0,
    });
    expect((await workManager.getWorkInfoById(dependent.id))?.state).toBe('FAILED');
  });
});

describe('§13.2 WorkerParameters', () => {
  it('the worker gets its id, merged input, tags, runAttemptCount before the increment and generation', async () => {
    const seen: unknown[] = [];
    const worker = defineWorker({
      name: 'Params',
      run: (input: Record<string, unknown>, ctx) => {
        seen.push({
          id: ctx.id,
          input,
          tags: ctx.tags,
          runAttemptCount: ctx.runAttemptCount,
          generation: ctx.generation,
        });
        return seen.length === 1 ? Result.retry() : Result.success();
      },
    });
    const producer = defineWorker({ name: 'Producer', run: () => Result.success({ fromParent: 'p' }) });
    const { workManager, driver } = createTestWorkManager({ workers: [worker, producer] });
    const parent = createOneTimeWorkRequest(producer);
    const request = createOneTimeWorkRequest(worker, { input: { own: 'o' }, tags: ['t'] });
    await workManager.beginWith(parent).then(request).enqueue();
    await workManager.updateWork(
      createOneTimeWorkRequest(worker, { id: request.id, input: { own: 'o2' }, tags: ['t'] }),
    );
    await driver.setInitialDelayMet(request.id); // releases the backed-off retry
    expect(seen).toEqual([
      {
        id: request.id,
        input: { own: 'o', fromParent: 'p' },
        tags: ['Params', 't'],
        runAttemptCount: 0,
        generation: 0,
      },
      {
        id: request.id,
        input: { own: 'o2', fromParent: 'p' },
        tags: ['Params', 't'],
        runAttemptCount: 1,
        generation: 1,
      },
    ]);
  });
});
