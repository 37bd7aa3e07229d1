import { createOneTimeWorkRequest, defineWorker, Result } from '@workscript/api';
import { describe, expect, it } from 'vitest';
import type { Logger, WorkerExceptionInfo, WorkerFactory } from '../../src/index.js';
import { createTestWorkManager } from '../../src/testing/index.js';
import { FailureWorker, TestWorker } from '../helpers/workers.js';

// androidx Configuration.workerInitializationExceptionHandler / workerExecutionExceptionHandler (spec §13.2,
// §13.3): told when a worker cannot be created or throws while it runs; the work fails either way.

/** Records every handler call and every error log line. */
function recorder() {
  const initialization: WorkerExceptionInfo[] = [];
  const execution: WorkerExceptionInfo[] = [];
  const errors: string[] = [];
  const logger: Logger = { log: (level, _tag, message) => void (level === 'error' && errors.push(message)) };
  return {
    initialization,
    execution,
    errors,
    options: {
      logger,
      workerInitializationExceptionHandler: (info: WorkerExceptionInfo) => void initialization.push(info),
      workerExecutionExceptionHandler: (info: WorkerExceptionInfo) => void execution.push(info),
    },
  };
}

const Thrower = defineWorker({
  name: 'Thrower',
  run: (_input: { path: string }): never => {
    throw new RangeError('disk full');
  },
});
const Rejecter = defineWorker({ name: 'Rejecter', run: () => Promise.reject(new Error('offline')) });

describe('worker exception handlers', () => {
  it('the initialization handler gets an unknown worker, with the parameters and the error; the work FAILS', async () => {
    const r = recorder();
    const { workManager } = createTestWorkManager({ workers: [TestWorker], ...r.options });
    const Missing = defineWorker({ name: 'Missing', run: (_input: { n: number }) => Result.success() });
    const request = createOneTimeWorkRequest(Missing, { input: { n: 1 }, tags: ['nightly'] });
    await workManager.enqueue(request);
    expect((await workManager.getWorkInfoById(request.id))?.state).toBe('FAILED');
    expect(r.execution).toEqual([]);
    expect(r.initialization).toHaveLength(1);
    const [info] = r.initialization;
    expect(info?.workerName).toBe('Missing');
    expect(info?.params).toMatchObject({
      id: request.id,
      tags: ['Missing', 'nightly'],
      runAttemptCount: 0,
      generation: 0,
    });
    expect(info?.params.input.toObject()).toEqual({ n: 1 });
    expect(info?.error.message).toMatch(/^Unknown worker 'Missing'\. Known workers: TestWorker\./);
  });

  it('the initialization handler gets what a throwing factory threw, as the cause', async () => {
    const r = recorder();
    const boom = new Error('no database connection');
    const factory: WorkerFactory = {
      createWorker: () => {
        throw boom;
      },
      knownWorkerNames: [],
    };
    const { workManager } = createTestWorkManager({
      workers: [TestWorker],
      workerFactory: factory,
      ...r.options,
    });
    const request = createOneTimeWorkRequest(TestWorker);
    await workManager.enqueue(request);
    expect((await workManager.getWorkInfoById(request.id))?.state).toBe('FAILED');
    expect(r.initialization.map((i) => [i.workerName, i.error.message, i.error.cause])).toEqual([
      ['TestWorker', "Could not create worker 'TestWorker': no database connection", boom],
    ]);
  });

  it('the execution handler gets a worker that throws or rejects, with its attempt; the work FAILS', async () => {
    const r = recorder();
    const { workManager } = createTestWorkManager({ workers: [Thrower, Rejecter], ...r.options });
    const thrown = createOneTimeWorkRequest(Thrower, { input: { path: '/tmp' } });
    const rejected = createOneTimeWorkRequest(Rejecter);
    await workManager.enqueue([thrown, rejected]);
    expect((await workManager.getWorkInfoById(thrown.id))?.state).toBe('FAILED');
    expect((await workManager.getWorkInfoById(rejected.id))?.state).toBe('FAILED');
    expect(r.initialization).toEqual([]);
    const byName = new Map(r.execution.map((i) => [i.workerName, i]));
    expect(byName.get('Thrower')?.error).toBeInstanceOf(RangeError);
    expect(byName.get('Thrower')?.error.message).toBe('disk full');
    expect(byName.get('Thrower')?.params).toMatchObject({ id: thrown.id, runAttemptCount: 0 });
    expect(byName.get('Thrower')?.params.input.toObject()).toEqual({ path: '/tmp' });
    expect(byName.get('Rejecter')?.error.message).toBe('offline');
    expect(r.execution).toHaveLength(2);
  });

  it('neither handler hears of results: success, failure() and retry() are not exceptions', async () => {
    const r = recorder();
    const { workManager } = createTestWorkManager({ workers: [TestWorker, FailureWorker], ...r.options });
    await workManager.enqueue([
      createOneTimeWorkRequest(TestWorker),
      createOneTimeWorkRequest(FailureWorker),
    ]);
    expect(r.initialization).toEqual([]);
    expect(r.execution).toEqual([]);
  });

  it('a handler that throws is logged and changes nothing: the work still FAILS, later work still runs', async () => {
    const errors: string[] = [];
    const { workManager } = createTestWorkManager({
      workers: [Thrower, TestWorker],
      logger: { log: (level, _tag, message) => void (level === 'error' && errors.push(message)) },
      workerExecutionExceptionHandler: () => {
        throw new Error('handler bug');
      },
    });
    const failing = createOneTimeWorkRequest(Thrower);
    const after = createOneTimeWorkRequest(TestWorker);
    await workManager.beginWith(failing).enqueue();
    await workManager.enqueue(after);
    expect((await workManager.getWorkInfoById(failing.id))?.state).toBe('FAILED');
    expect((await workManager.getWorkInfoById(after.id))?.state).toBe('SUCCEEDED');
    expect(errors).toContain(`Exception handler for Thrower (${failing.id}) threw: handler bug`);
  });
});
