// A worker thread that dies (exits, or an error escapes the worker) is to its attempt what a crash is to an
// Android process: the attempt ends as a process death ends it (ENQUEUED, stop reason UNKNOWN, attempt
// count kept) and the work runs again (spec §12). A stop or close that comes while a thread is still being
// prepared must still keep the worker from running.
import { createOneTimeWorkRequest, StopReason } from '@workscript/api';
import { describe, expect, it } from 'vitest';
import { createThreadWorkExecutor } from '../../src/index.js';
import { createTestWorkManager } from '../../src/testing/index.js';
import { until } from '../helpers/until.js';
import { BroadcastChannel } from 'node:worker_threads';
import { GatedEcho, GatedSideEffect, LOAD_GATE } from '../fixtures/gated-load-workers.js';
import { ThreadEcho, ThreadExits, ThreadSideEffect, ThreadWaits } from '../fixtures/thread-workers.js';

const WORKERS_MODULE = new URL('../fixtures/thread-workers.ts', import.meta.url);
const GATED_MODULE = new URL('../fixtures/gated-load-workers.ts', import.meta.url);

describe('thread executor: threads that die, and stops that come early', () => {
  it('a thread that exits mid-attempt: the work goes back to ENQUEUED with UNKNOWN and runs again', async () => {
    const executor = createThreadWorkExecutor({ workersModule: WORKERS_MODULE, poolSize: 1 });
    const { workManager, clock } = createTestWorkManager({
      workers: [ThreadExits],
      executor,
      synchronous: false,
    });
    const failed: string[] = [];
    workManager.on('work:failed', (e) => failed.push(e.id));
    const request = createOneTimeWorkRequest(ThreadExits);
    await workManager.enqueue(request);
    const died = await until(
      workManager.watchWorkInfoById(request.id),
      (i) => i?.state === 'ENQUEUED' && i.runAttemptCount === 1,
    );
    expect(died).toMatchObject({ stopReason: StopReason.UNKNOWN });
    // As after a process death, the attempt counts as backed off (30 s by default).
    await clock.advance(30_000);
    const done = await until(workManager.watchWorkInfoById(request.id), (i) => i?.state === 'SUCCEEDED');
    expect(done).toMatchObject({ runAttemptCount: 2 });
    expect(failed).toEqual([]);
    await workManager.close();
  });

  it('work cancelled while it waits for a busy thread never runs', async () => {
    const executor = createThreadWorkExecutor({ workersModule: WORKERS_MODULE, poolSize: 1 });
    const { workManager, database, driver } = createTestWorkManager({
      workers: [ThreadWaits, ThreadSideEffect, ThreadEcho],
      executor,
      synchronous: false,
    });
    // The only thread is held by a worker that waits for its stop.
    const holder = createOneTimeWorkRequest(ThreadWaits);
    await workManager.enqueue(holder);
    await until(
      workManager.watchWorkInfoById(holder.id),
      (i) => i?.state === 'RUNNING' && i.progress.size > 0,
    );
    const request = createOneTimeWorkRequest(ThreadSideEffect);
    await workManager.enqueue(request);
    await until(workManager.watchWorkInfoById(request.id), (i) => i?.state === 'RUNNING');
    await workManager.cancelWorkById(request.id);
    await driver.stopRunningWorkWithReason(holder.id, StopReason.PREEMPT);
    // The same (only) thread runs the next work after it, so by then the cancelled one would have run.
    const next = createOneTimeWorkRequest(ThreadEcho, { input: { n: 1 } });
    await workManager.enqueue(next);
    await until(workManager.watchWorkInfoById(next.id), (i) => i?.state === 'SUCCEEDED');
    expect(database.workerStorageDao.get('side-effect')).toBeNull();
    expect((await workManager.getWorkInfoById(request.id))?.state).toBe('CANCELLED');
    await workManager.close();
  });

  it('work cancelled while its thread is still loading the workers module never runs', async () => {
    const gate = new BroadcastChannel(LOAD_GATE);
    let open = false;
    const loading = new Promise<void>((resolve) => {
      gate.onmessage = (event) => {
        if ((event as MessageEvent).data !== 'loading') return;
        resolve();
        // A thread that starts loading after the gate opened (a replacement) is let through at once.
        if (open) gate.postMessage('open');
      };
    });
    try {
      // A grace period longer than a loaded machine's module load: the cancelled attempt's thread must not
      // be terminated and replaced while it finishes loading, so the next work runs on that same thread.
      const executor = createThreadWorkExecutor({
        workersModule: GATED_MODULE,
        poolSize: 1,
        stopGracePeriodMs: 100_000,
      });
      const { workManager, database } = createTestWorkManager({
        workers: [GatedSideEffect, GatedEcho],
        executor,
        synchronous: false,
      });
      const request = createOneTimeWorkRequest(GatedSideEffect);
      await workManager.enqueue(request);
      // The attempt has its thread, and the thread is inside the module's top-level await.
      await loading;
      await workManager.cancelWorkById(request.id);
      open = true;
      gate.postMessage('open');
      // The only thread takes the next work once the cancelled attempt has ended there.
      const next = createOneTimeWorkRequest(GatedEcho);
      await workManager.enqueue(next);
      await until(workManager.watchWorkInfoById(next.id), (i) => i?.state === 'SUCCEEDED');
      expect(database.workerStorageDao.get('gated-side-effect')).toBeNull();
      expect((await workManager.getWorkInfoById(request.id))?.state).toBe('CANCELLED');
      await workManager.close();
    } finally {
      gate.close();
    }
  });
});
