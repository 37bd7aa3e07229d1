import { createOneTimeWorkRequest, defineWorker, Result } from '@workscript/api';
import { describe, expect, it } from 'vitest';
import type { Logger, WorkerExceptionInfo, WorkerFactory } from '../../src/index.js';
import { createTestWorkManager } from '../../src/testing/index.js';
import { FailureWorker, TestWorker } from '../helpers/workers.js';

// androidx Configuration.workerInitializationExceptionHandler (spec §13.2, §13.3): told when a worker
// cannot be created; the work fails either way.

/** Records every handler call and every error log line. */
function recorder() {
  const calls: WorkerExceptionInfo[] = [];
  const errors: string[] = [];
  const logger: Logger = { log: (level, _tag, message) => void (level === 'error' && errors.push(message)) };
  return {
    calls,
    errors,
    options: {
      logger,
      workerInitializationExceptionHandler: (info: WorkerExceptionInfo) => void calls.push(info),
    },
  };
}

const Thrower = defineWorker({
  name: 'Thrower',
  run: (): never => {
    throw new RangeError('disk full');
  },
});

describe('workerInitializationExceptionHandler', () => {
  it('gets an unknown worker, with the parameters it would have run with and the error; the work FAILS', async () => {
    const r = recorder();
    const { workManager } = createTestWorkManager({ workers: [TestWorker], ...r.options });
    const Missing = defineWorker({ name: 'Missing', run: (_input: { n: number }) => Result.success() });
    const request = createOneTimeWorkRequest(Missing, { input: { n: 1 }, tags: ['nightly'] });
    await workManager.enqueue(request);
    expect((await workManager.getWorkInfoById(request.id))?.state).toBe('FAILED');
    expect(r.calls).toHaveLength(1);
    const [info] = r.calls;
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

  it('gets what a throwing factory threw, as the cause', async () => {
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
    expect(r.calls.map((i) => [i.workerName, i.error.message, i.error.cause])).toEqual([
      ['TestWorker', "Could not create worker 'TestWorker': no database connection", boom],
    ]);
  });

  it('hears nothing of workers that run: success, failure(), retry() and a throw are not creation errors', async () => {
    const r = recorder();
    const { workManager } = createTestWorkManager({
      workers: [TestWorker, FailureWorker, Thrower],
      ...r.options,
    });
    const thrown = createOneTimeWorkRequest(Thrower);
    await workManager.enqueue([
      createOneTimeWorkRequest(TestWorker),
      createOneTimeWorkRequest(FailureWorker),
      thrown,
    ]);
    expect((await workManager.getWorkInfoById(thrown.id))?.state).toBe('FAILED');
    expect(r.calls).toEqual([]);
  });

  it('a handler that throws is logged and changes nothing: the work still FAILS, later work still runs', async () => {
    const errors: string[] = [];
    const { workManager } = createTestWorkManager({
      workers: [TestWorker],
      logger: { log: (level, _tag, message) => void (level === 'error' && errors.push(message)) },
      workerInitializationExceptionHandler: () => {
        throw new Error('handler bug');
      },
    });
    const Missing = defineWorker({ name: 'Missing', run: () => Result.success() });
    const failing = createOneTimeWorkRequest(Missing);
    const after = createOneTimeWorkRequest(TestWorker);
    await workManager.enqueue(failing);
    await workManager.enqueue(after);
    expect((await workManager.getWorkInfoById(failing.id))?.state).toBe('FAILED');
    expect((await workManager.getWorkInfoById(after.id))?.state).toBe('SUCCEEDED');
    expect(errors).toContain(`Exception handler for Missing (${failing.id}) threw: handler bug`);
  });
});
