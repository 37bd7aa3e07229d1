import { createOneTimeWorkRequest, defineWorker } from '@workscript/api';
import { afterEach, describe, expect, it } from 'vitest';
import { createThreadWorkExecutor, type Logger } from '../../src/index.js';
import { createTestWorkManager } from '../../src/testing/index.js';
import { ThreadEcho } from '../fixtures/thread-workers.js';
import { until } from '../helpers/until.js';

// The runtime logs from workers, timers, thread messages and its own bookkeeping. A logger that throws used
// to fail the work that logged (inline) or end the process (a thread's log line became an unhandled
// rejection). Logging must not change what work does.

const WORKERS_MODULE = new URL('../fixtures/thread-workers.ts', import.meta.url);

const throwing: Logger = {
  log: () => {
    throw new Error('the log sink is gone');
  },
};

const warnings: Error[] = [];
const onWarning = (w: Error): void => void warnings.push(w);
process.on('warning', onWarning);
afterEach(() => {
  warnings.length = 0;
});

const Logs = defineWorker({
  name: 'Logs',
  run: (_input: Record<string, never>, ctx) => {
    ctx.log.info('one');
    ctx.log.warn('two');
    return ctx.success({ logged: true });
  },
});

describe('a logger that throws', () => {
  it('does not fail inline work that logs; the first throw is reported once as a process warning', async () => {
    const { workManager } = createTestWorkManager({ workers: [Logs], logger: throwing });
    const requests = [createOneTimeWorkRequest(Logs), createOneTimeWorkRequest(Logs)];
    await workManager.enqueue(requests);
    for (const r of requests)
      expect(await workManager.getWorkInfoById(r.id)).toMatchObject({ state: 'SUCCEEDED' });
    // process.emitWarning reports on the next tick.
    await new Promise((resolve) => setImmediate(resolve));
    const ours = warnings.filter((w) => (w as { code?: string }).code === 'WORKSCRIPT_LOGGER_THREW');
    expect(ours.map((w) => w.message)).toEqual([
      'The logger given to createWorkManager threw (the log sink is gone) for a record (info) of workscript:worker:Logs; Workscript goes on and drops what it cannot log',
    ]);
    await workManager.close();
  });

  it("does not end the process when a worker thread's log line reaches it", async () => {
    const { workManager } = createTestWorkManager({
      workers: [ThreadEcho],
      executor: createThreadWorkExecutor({ workersModule: WORKERS_MODULE, poolSize: 1 }),
      synchronous: false,
      logger: throwing,
    });
    const request = createOneTimeWorkRequest(ThreadEcho, { input: { n: 2 } });
    await workManager.enqueue(request);
    await until(workManager.watchWorkInfoById(request.id), (i) => i?.state === 'SUCCEEDED');
    expect((await workManager.getWorkInfoById(request.id))?.outputData.toObject()['n']).toBe(4);
    await workManager.close();
  });
});
