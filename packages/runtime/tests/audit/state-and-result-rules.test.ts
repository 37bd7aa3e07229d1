// Audit of spec §1 (states, transitions, WorkerWrapper guard rules) and §2 (results and what dependents
// get): rules the scenario tests did not pin down.
import { createOneTimeWorkRequest, Data, defineWorker, Result, StopReason } from '@workscript/api';
import { describe, expect, it } from 'vitest';
import { createTestWorkManager } from '../../src/testing/index.js';
import { createWrapperHarness } from '../helpers/wrapper-harness.js';
import {
  createGatedWorker,
  createSuspendingWorker,
  FailureWorker,
  RetryWorker,
  TestWorker,
} from '../helpers/workers.js';
import { createDeviceWorkManager } from './device.js';

/** Succeeds with a fixed output, ignoring its input. */
const FixedOutputWorker = defineWorker({
  name: 'FixedOutputWorker',
  run: (input: { out?: string }) => Result.success({ from: input.out ?? 'none' }),
});

describe('§1.1 transitions', () => {
  it('BLOCKED → ENQUEUED only once *all* prerequisites SUCCEEDED, with lastEnqueueTime = that time', async () => {
    const a = createGatedWorker('A');
    const b = createGatedWorker('B');
    const { workManager, database, advance, clock } = createDeviceWorkManager([
      a.worker,
      b.worker,
      TestWorker,
    ]);
    const t0 = clock.currentTimeMillis();
    const ra = createOneTimeWorkRequest(a.worker);
    const rb = createOneTimeWorkRequest(b.worker);
    const rc = createOneTimeWorkRequest(TestWorker, { initialDelayMs: 60_000 });
    await workManager.beginWith([ra, rb]).then(rc).enqueue();
    await advance(1_000);
    a.release();
    await workManager.settle();
    expect(database.workSpecDao.get(rc.id)).toMatchObject({ state: 'BLOCKED', lastEnqueueTime: -1 });
    await advance(1_000);
    b.release();
    await workManager.settle();
    expect(database.workSpecDao.get(rc.id)).toMatchObject({ state: 'ENQUEUED', lastEnqueueTime: t0 + 2_000 });
  });

  it('a stop keeps lastEnqueueTime and the incremented runAttemptCount; next run = old lastEnqueueTime + backoff', async () => {
    const { worker } = createSuspendingWorker('Charger');
    const { workManager, database, deviceState, advance, clock } = createDeviceWorkManager([worker]);
    const t0 = clock.currentTimeMillis();
    const request = createOneTimeWorkRequest(worker, { constraints: { requiresCharging: true } });
    await workManager.enqueue(request);
    await advance(60_000);
    deviceState.setCharging(false);
    await workManager.settle();
    expect(database.workSpecDao.get(request.id)).toMatchObject({
      state: 'ENQUEUED',
      lastEnqueueTime: t0,
      runAttemptCount: 1,
      stopReason: StopReason.CONSTRAINT_CHARGING,
    });
    expect((await workManager.getWorkInfoById(request.id))?.nextScheduleTimeMillis).toBe(t0 + 30_000);
  });
});

describe('§2 results and dependents', () => {
  it('one-time failure fails every transitive dependent, leaves a CANCELLED one CANCELLED, and writes no dependent output', async () => {
    const { workManager, driver, database } = createTestWorkManager({ workers: [FailureWorker, TestWorker] });
    // A waits for a constraint so that C can be cancelled before A runs.
    const a = createOneTimeWorkRequest(FailureWorker, { constraints: { requiresCharging: true } });
    const b = createOneTimeWorkRequest(TestWorker);
    const d = createOneTimeWorkRequest(TestWorker);
    const c = createOneTimeWorkRequest(TestWorker);
    const chain = workManager.beginWith(a);
    await chain.then(b).then(d).enqueue();
    await chain.then(c).enqueue();
    await workManager.cancelWorkById(c.id);
    expect([b, c, d].map((r) => database.workSpecDao.getState(r.id))).toEqual([
      'BLOCKED',
      'CANCELLED',
      'BLOCKED',
    ]);
    await driver.setAllConstraintsMet(a.id);
    const infos = await Promise.all([a, b, c, d].map((r) => workManager.getWorkInfoById(r.id)));
    expect(infos.map((i) => i?.state)).toEqual(['FAILED', 'FAILED', 'CANCELLED', 'FAILED']);
    expect(infos[0]?.outputData.toObject()).toEqual({ reason: 'failed' });
    expect(infos.slice(1).map((i) => i?.outputData.size)).toEqual([0, 0, 0]);
    expect(infos.map((i) => i?.runAttemptCount)).toEqual([1, 0, 0, 0]);
  });

  it('a dependent gets the outputs of its direct prerequisites only, not of their prerequisites', async () => {
    const { workManager, database } = createTestWorkManager({ workers: [FixedOutputWorker, TestWorker] });
    const a = createOneTimeWorkRequest(FixedOutputWorker, { input: { out: 'a' } });
    const b = createOneTimeWorkRequest(FixedOutputWorker, { input: { out: 'b' } });
    const c = createOneTimeWorkRequest(TestWorker, { input: { own: 'c' } });
    await workManager.beginWith(a).then(b).then(c).enqueue();
    // TestWorker echoes its merged input: its own plus B's output; A's output reached B only.
    expect(database.workSpecDao.get(c.id)?.output.toObject()).toEqual({ own: 'c', from: 'b' });
  });

  it('retry leaves dependents BLOCKED with lastEnqueueTime −1', async () => {
    const { workManager, database } = createTestWorkManager({ workers: [RetryWorker, TestWorker] });
    const a = createOneTimeWorkRequest(RetryWorker);
    const b = createOneTimeWorkRequest(TestWorker);
    await workManager.beginWith(a).then(b).enqueue();
    expect(await workManager.getWorkInfoById(a.id)).toMatchObject({ state: 'ENQUEUED', runAttemptCount: 1 });
    expect(database.workSpecDao.get(b.id)).toMatchObject({ state: 'BLOCKED', lastEnqueueTime: -1 });
  });

  it('progress is deleted when a retry or a failure is applied, not only a success', async () => {
    for (const status of ['retry', 'failure'] as const) {
      const gated = createGatedWorker(`Gated${status}`);
      const worker = {
        ...gated.worker,
        run: async (i: Record<string, unknown>, ctx: Parameters<typeof gated.worker.run>[1]) => (
          await gated.worker.run(i, ctx),
          { status, output: Data.EMPTY }
        ),
      } as unknown as typeof gated.worker;
      const { workManager } = createTestWorkManager({ workers: [worker] });
      const request = createOneTimeWorkRequest(worker);
      await workManager.enqueue(request);
      expect((await workManager.getWorkInfoById(request.id))?.progress.toObject()).toEqual({ step: 1 });
      gated.release();
      await workManager.settle();
      const info = await workManager.getWorkInfoById(request.id);
      expect(info?.state).toBe(status === 'retry' ? 'ENQUEUED' : 'FAILED');
      expect(info?.progress.size).toBe(0);
    }
  });
});

// The two states below cannot be reached through the public API while a worker runs (androidx's
// WorkerWrapperTest also writes them into the database directly), so the white-box harness is used.
describe('§1.2 results that arrive when the stored state moved on', () => {
  it('unfinished but not RUNNING → rescheduled with stop reason UNKNOWN (−512), lastEnqueueTime = now', async () => {
    const gated = createGatedWorker('Gated');
    const h = createWrapperHarness([gated.worker]);
    const { id } = h.insert(createOneTimeWorkRequest(gated.worker));
    const running = h.run(id);
    await new Promise((r) => setImmediate(r));
    expect(h.spec(id)).toMatchObject({ state: 'RUNNING', runAttemptCount: 1 });
    h.database.runInTransaction(() => h.database.workSpecDao.setState(id, 'ENQUEUED'));
    await h.clock.advance(5_000);
    gated.release();
    expect(await running).toBe(true);
    expect(h.spec(id)).toMatchObject({
      state: 'ENQUEUED',
      stopReason: StopReason.UNKNOWN,
      lastEnqueueTime: h.clock.currentTimeMillis(),
      runAttemptCount: 1,
      scheduleRequestedAt: -1,
    });
    expect(h.spec(id).output.size).toBe(0);
    expect(h.database.workProgressDao.getProgressForWorkSpecId(id).size).toBe(0);
  });

  it('row deleted meanwhile (REPLACE) → the result is ignored and nothing is rescheduled', async () => {
    const gated = createGatedWorker('Gated');
    const h = createWrapperHarness([gated.worker]);
    const { id } = h.insert(createOneTimeWorkRequest(gated.worker));
    const running = h.run(id);
    await new Promise((r) => setImmediate(r));
    h.database.runInTransaction(() => h.database.workSpecDao.delete(id));
    gated.release();
    expect(await running).toBe(false);
    expect(h.database.workSpecDao.get(id)).toBeNull();
  });
});
