import {
  createOneTimeWorkRequest,
  createPeriodicWorkRequest,
  Data,
  LONG_MAX_VALUE,
  StopReason,
} from '@workscript/api';
import { describe, expect, it } from 'vitest';
import { nextRunTimeOf } from '../../src/model/work-spec.js';
import { createTestWorkManager, TestClock } from '../../src/testing/index.js';
import { createWrapperHarness } from '../helpers/wrapper-harness.js';
import {
  createGatedWorker,
  createSuspendingWorker,
  ExceptionWorker,
  FailureWorker,
  RetryWorker,
  ReturnNullResultWorker,
  TestWorker,
} from '../helpers/workers.js';

const HOUR = 3_600_000;

describe('15.3 WorkerWrapper outcomes', () => {
  it('15.3 #19 a succeeding worker → SUCCEEDED, runAttemptCount 1, no reschedule', async () => {
    const h = createWrapperHarness([TestWorker]);
    const { id } = h.insert(createOneTimeWorkRequest(TestWorker));
    expect(await h.run(id)).toBe(false);
    expect(h.spec(id)).toMatchObject({ state: 'SUCCEEDED', runAttemptCount: 1 });
  });

  // Node has no worker classes: androidx's workerClassName is our worker name, resolved by the WorkerFactory.
  it('15.3 #21 an unknown worker name → FAILED without running; the error lists known workers', async () => {
    for (const name of ['INVALID_CLASS_NAME', 'dummy', 'Bad class name']) {
      const { workManager, database } = createTestWorkManager({ workers: [TestWorker] });
      const errors: string[] = [];
      workManager.on('work:failed', (e) => errors.push(e.error?.message ?? ''));
      const request = { ...createOneTimeWorkRequest({ name: 'TestWorker' }), workerName: name };
      await workManager.enqueue(request);
      expect(database.workSpecDao.get(request.id)).toMatchObject({ state: 'FAILED', runAttemptCount: 0 });
      expect(errors[0]).toContain(`Unknown worker '${name}'. Known workers: TestWorker`);
    }
  });

  it('a work that fails before running (unknown worker, unknown merger) is logged as an error, as androidx logs it', async () => {
    const lines: string[] = [];
    const { workManager } = createTestWorkManager({
      workers: [TestWorker],
      logger: { log: (level, _tag, message) => void lines.push(`${level} ${message}`) },
    });
    const unknownWorker = { ...createOneTimeWorkRequest({ name: 'TestWorker' }), workerName: 'Typo' };
    const unknownMerger = createOneTimeWorkRequest(TestWorker, {
      inputMerger: { name: 'MissingMerger', merge: (inputs: readonly Data[]) => inputs[0] ?? Data.EMPTY },
    });
    await workManager.enqueue([unknownWorker, unknownMerger]);
    expect(lines.filter((l) => l.startsWith('error'))).toEqual([
      `error Unknown worker 'Typo'. Known workers: TestWorker. Pass it in createWorkManager({ workers: [...] }). Work ${unknownWorker.id} fails without running.`,
      expect.stringMatching(
        new RegExp(
          `^error Could not merge the inputs of ${unknownMerger.id}: Could not create input merger 'MissingMerger'.*It fails without running\\.$`,
        ),
      ),
    ]);
  });

  // inputMergerClassName is stored as the merger's simple name; an unknown one cannot come from the api's
  // validated requests, so the spec row is written directly, as androidx's test does.
  it('15.3 #22 an unknown input merger → FAILED', async () => {
    const h = createWrapperHarness([TestWorker]);
    const { id } = h.insert(createOneTimeWorkRequest(TestWorker), { inputMerger: 'INVALID_CLASS_NAME' });
    expect(await h.run(id)).toBe(false);
    expect(h.spec(id).state).toBe('FAILED');
  });

  it('15.3 #23 initial state RUNNING → nothing executes; needs reschedule', async () => {
    let ran = false;
    const h = createWrapperHarness([
      { ...TestWorker, run: () => ((ran = true), { status: 'success', output: {} }) } as typeof TestWorker,
    ]);
    const { id } = h.insert(createOneTimeWorkRequest(TestWorker), { state: 'RUNNING' });
    expect(await h.run(id)).toBe(true);
    expect(ran).toBe(false);
    expect(h.spec(id).state).toBe('ENQUEUED');
  });

  it('§1.2 BLOCKED work stays BLOCKED and is not rescheduled (deliberate: the spec writes it back ENQUEUED)', async () => {
    // The spec (and androidx HEAD's resetWorkerStatus) would write any unfinished state back as ENQUEUED,
    // which lets a dependent run before its prerequisites once a scheduler hands it over. No scheduler
    // selects BLOCKED work, so only a custom scheduler that starts stale ids reaches this; the runtime
    // keeps older androidx's answer (resolveIncorrectStatus: BLOCKED is left alone, no reschedule).
    let ran = false;
    const h = createWrapperHarness([
      { ...TestWorker, run: () => ((ran = true), { status: 'success', output: {} }) } as typeof TestWorker,
    ]);
    const { id } = h.insert(createOneTimeWorkRequest(TestWorker), { state: 'BLOCKED' });
    expect(await h.run(id)).toBe(false);
    expect(ran).toBe(false);
    expect(h.spec(id).state).toBe('BLOCKED');
  });

  it('§1.2 CANCELLED work stays CANCELLED and is not rescheduled', async () => {
    const h = createWrapperHarness([TestWorker]);
    const { id } = h.insert(createOneTimeWorkRequest(TestWorker), { state: 'CANCELLED' });
    expect(await h.run(id)).toBe(false);
    expect(h.spec(id).state).toBe('CANCELLED');
  });

  it('15.3 #25 a throwing worker → FAILED with empty output; a null result → FAILED', async () => {
    const h = createWrapperHarness([ExceptionWorker, ReturnNullResultWorker]);
    const a = h.insert(createOneTimeWorkRequest(ExceptionWorker));
    const b = h.insert(createOneTimeWorkRequest(ReturnNullResultWorker));
    await h.run(a.id);
    await h.run(b.id);
    expect(h.spec(a.id)).toMatchObject({ state: 'FAILED' });
    expect(h.spec(a.id).output.size).toBe(0);
    expect(h.spec(b.id).state).toBe('FAILED');
  });

  it('§2 failure stores its output', async () => {
    const h = createWrapperHarness([FailureWorker]);
    const { id } = h.insert(createOneTimeWorkRequest(FailureWorker));
    await h.run(id);
    expect(h.spec(id).output.toObject()).toEqual({ reason: 'failed' });
  });

  it('15.3 #26 a 501-long chain: failing the first fails the last', async () => {
    const h = createWrapperHarness([FailureWorker, TestWorker]);
    const first = h.insert(createOneTimeWorkRequest(FailureWorker));
    let previous = first.id;
    for (let i = 0; i < 500; i++)
      previous = h.insert(createOneTimeWorkRequest(TestWorker), { state: 'BLOCKED', lastEnqueueTime: -1 }, [
        previous,
      ]).id;
    await h.run(first.id);
    expect(h.spec(first.id).state).toBe('FAILED');
    expect(h.spec(previous).state).toBe('FAILED');
  });

  it('15.3 #27 success enqueues BLOCKED dependents and leaves CANCELLED ones alone', async () => {
    const h = createWrapperHarness([TestWorker]);
    const a = h.insert(createOneTimeWorkRequest(TestWorker));
    const b = h.insert(createOneTimeWorkRequest(TestWorker), { state: 'BLOCKED', lastEnqueueTime: -1 }, [
      a.id,
    ]);
    const c = h.insert(createOneTimeWorkRequest(TestWorker), { state: 'CANCELLED', lastEnqueueTime: -1 }, [
      a.id,
    ]);
    await h.clock.advance(1_000);
    await h.run(a.id);
    expect(h.spec(a.id).state).toBe('SUCCEEDED');
    expect(h.spec(b.id)).toMatchObject({ state: 'ENQUEUED', lastEnqueueTime: h.clock.currentTimeMillis() });
    expect(h.spec(c.id).state).toBe('CANCELLED');
  });

  it('§2 dependents receive their own input overridden by prerequisites\u2019 outputs (OverwritingInputMerger)', async () => {
    const { workManager, database } = createTestWorkManager({ workers: [TestWorker] });
    const a = createOneTimeWorkRequest(TestWorker, { input: { k: 'from-a', a: true } });
    const b = createOneTimeWorkRequest(TestWorker, { input: { k: 'own', own: 1 } });
    await workManager.beginWith(a).then(b).enqueue();
    expect(database.workSpecDao.get(b.id)?.output.toObject()).toEqual({ k: 'from-a', own: 1, a: true });
  });

  it('15.3 #30 a backed-off worker whose next run is 1 h away does not execute', async () => {
    const h = createWrapperHarness([RetryWorker]);
    const { id } = h.insert(createOneTimeWorkRequest(RetryWorker), {
      runAttemptCount: 1,
      lastEnqueueTime: h.clock.currentTimeMillis() + HOUR,
    });
    expect(await h.run(id)).toBe(true);
    expect(h.spec(id)).toMatchObject({ state: 'ENQUEUED', runAttemptCount: 1 });
  });

  it('§1.2 an attempt that does not run records NOT_STOPPED, as androidx resetWorkerStatus() does', async () => {
    const h = createWrapperHarness([RetryWorker]);
    const { id } = h.insert(createOneTimeWorkRequest(RetryWorker), {
      runAttemptCount: 1,
      lastEnqueueTime: h.clock.currentTimeMillis() + HOUR,
      stopReason: StopReason.CONSTRAINT_CHARGING,
      scheduleRequestedAt: h.clock.currentTimeMillis(),
    });
    expect(await h.run(id)).toBe(true);
    expect(h.spec(id)).toMatchObject({
      state: 'ENQUEUED',
      stopReason: StopReason.NOT_STOPPED,
      scheduleRequestedAt: -1,
    });
  });

  it('§10 an attempt stopped before it started records the stop reason and goes back to the schedulers', async () => {
    let ran = false;
    const h = createWrapperHarness([
      { ...TestWorker, run: () => ((ran = true), { status: 'success', output: {} }) } as typeof TestWorker,
    ]);
    const { id } = h.insert(createOneTimeWorkRequest(TestWorker));
    const wrapper = h.wrapper(id);
    wrapper.interrupt(StopReason.PREEMPT);
    expect(await h.run(id, wrapper)).toBe(true);
    expect(ran).toBe(false);
    expect(h.spec(id)).toMatchObject({
      state: 'ENQUEUED',
      stopReason: StopReason.PREEMPT,
      runAttemptCount: 0,
    });
  });

  it('15.3 #31 periodic success and failure → ENQUEUED, attempts 0, no reschedule; retry → attempts 1, reschedule', async () => {
    const h = createWrapperHarness([TestWorker, FailureWorker, RetryWorker]);
    const make = (w: typeof TestWorker) =>
      h.insert(createPeriodicWorkRequest(w, { intervalMs: 15 * 60_000 }));
    const ok = make(TestWorker);
    const failed = make(FailureWorker as unknown as typeof TestWorker);
    const retry = make(RetryWorker as unknown as typeof TestWorker);
    expect(await h.run(ok.id)).toBe(false);
    expect(await h.run(failed.id)).toBe(false);
    expect(await h.run(retry.id)).toBe(true);
    expect(h.spec(ok.id)).toMatchObject({ state: 'ENQUEUED', runAttemptCount: 0, periodCount: 1 });
    expect(h.spec(ok.id).output.size).toBe(0);
    expect(h.spec(failed.id)).toMatchObject({ state: 'ENQUEUED', runAttemptCount: 0, periodCount: 1 });
    expect(h.spec(retry.id)).toMatchObject({ state: 'ENQUEUED', runAttemptCount: 1, periodCount: 0 });
  });

  it('15.3 #32 periodic work with periodCount 1 that is not yet due is skipped', async () => {
    const h = createWrapperHarness([TestWorker]);
    const { id } = h.insert(createPeriodicWorkRequest(TestWorker, { intervalMs: 15 * 60_000 }), {
      periodCount: 1,
      lastEnqueueTime: h.clock.currentTimeMillis() + 15 * 60_000,
    });
    expect(await h.run(id)).toBe(true);
    expect(h.spec(id)).toMatchObject({ periodCount: 1, runAttemptCount: 0 });
  });

  it('15.3 #34 an override delays the first run; the run at the override clears it', async () => {
    const clock = new TestClock(5 * HOUR);
    const h = createWrapperHarness([TestWorker], clock);
    const { id } = h.insert(
      createPeriodicWorkRequest(TestWorker, { intervalMs: HOUR, nextScheduleTimeOverride: 14 * HOUR }),
      { lastEnqueueTime: 4 * HOUR },
    );
    await clock.advance(1);
    expect(await h.run(id)).toBe(true);
    expect(h.spec(id)).toMatchObject({ nextScheduleTimeOverride: 14 * HOUR, periodCount: 0 });
    expect(nextRunTimeOf(h.spec(id))).toBe(14 * HOUR);
    await clock.advance(14 * HOUR - clock.currentTimeMillis());
    await h.run(id);
    expect(h.spec(id)).toMatchObject({ nextScheduleTimeOverride: LONG_MAX_VALUE, periodCount: 1 });
    expect(nextRunTimeOf(h.spec(id))).toBe(15 * HOUR);
  });

  for (const [scenario, outcome] of [
    ['15.3 #36', 'success'],
    ['15.3 #37', 'retry'],
  ] as const) {
    it(`${scenario} an override replaced while running survives the ${outcome}`, async () => {
      const clock = new TestClock(14 * HOUR);
      const gated = createGatedWorker('Gated');
      const worker =
        outcome === 'success'
          ? gated.worker
          : {
              ...gated.worker,
              run: async (i: Record<string, unknown>, c: Parameters<typeof gated.worker.run>[1]) => (
                await gated.worker.run(i, c),
                { status: 'retry' as const }
              ),
            };
      const h = createWrapperHarness([worker as typeof gated.worker], clock);
      const { id } = h.insert(
        createPeriodicWorkRequest(gated.worker, { intervalMs: HOUR, nextScheduleTimeOverride: 14 * HOUR }),
        {
          lastEnqueueTime: 4 * HOUR,
          nextScheduleTimeOverrideGeneration: 2,
        },
      );
      const running = h.run(id);
      await new Promise((r) => setImmediate(r));
      // updateWork during the run sets a new override and bumps its generation.
      h.database.runInTransaction(() => {
        h.database.workSpecDao.update({
          ...h.spec(id),
          nextScheduleTimeOverride: 34 * HOUR,
          nextScheduleTimeOverrideGeneration: 3,
        });
      });
      gated.release();
      await running;
      expect(h.spec(id)).toMatchObject(
        outcome === 'success'
          ? {
              periodCount: 1,
              runAttemptCount: 0,
              nextScheduleTimeOverrideGeneration: 3,
              nextScheduleTimeOverride: 34 * HOUR,
            }
          : {
              periodCount: 0,
              runAttemptCount: 1,
              nextScheduleTimeOverrideGeneration: 3,
              nextScheduleTimeOverride: 34 * HOUR,
            },
      );
      expect(nextRunTimeOf(h.spec(id))).toBe(34 * HOUR);
    });
  }

  it('15.3 #40 a running worker interrupted with reason 6 → stopped with 6, ENQUEUED', async () => {
    const { worker, seen } = createSuspendingWorker();
    const h = createWrapperHarness([worker]);
    const { id } = h.insert(createOneTimeWorkRequest(worker));
    const wrapper = h.wrapper(id);
    const running = h.run(id, wrapper);
    await new Promise((r) => setImmediate(r));
    wrapper.interrupt(StopReason.CONSTRAINT_CHARGING);
    expect(await running).toBe(true);
    expect(seen[0]?.stopReason).toBe(StopReason.CONSTRAINT_CHARGING);
    expect(h.spec(id)).toMatchObject({ state: 'ENQUEUED', stopReason: 6, runAttemptCount: 1 });
  });

  it('15.3 #41 interrupting after the worker finished never reaches the worker', async () => {
    let stopped = false;
    const worker = {
      ...TestWorker,
      run: (_i: unknown, ctx: { signal: { addEventListener: (t: 'abort', l: () => void) => void } }) => {
        ctx.signal.addEventListener('abort', () => (stopped = true));
        return { status: 'success' as const, output: {} };
      },
    } as unknown as typeof TestWorker;
    const h = createWrapperHarness([worker]);
    const { id } = h.insert(createOneTimeWorkRequest(TestWorker));
    const wrapper = h.wrapper(id);
    await h.run(id, wrapper);
    wrapper.interrupt(StopReason.CONSTRAINT_CHARGING);
    expect(stopped).toBe(false);
    expect(h.spec(id).state).toBe('SUCCEEDED');
  });

  it('15.3 #42 interrupted before it runs → only marked unscheduled', async () => {
    const h = createWrapperHarness([TestWorker]);
    const { id } = h.insert(createOneTimeWorkRequest(TestWorker), { scheduleRequestedAt: 12_345 });
    const wrapper = h.wrapper(id);
    wrapper.interrupt(StopReason.CONSTRAINT_CHARGING);
    expect(await h.run(id, wrapper)).toBe(true);
    expect(h.spec(id)).toMatchObject({ scheduleRequestedAt: -1, state: 'ENQUEUED', runAttemptCount: 0 });
  });

  it('§11.3 progress is stored only while RUNNING and deleted when the result is applied', async () => {
    const gated = createGatedWorker('Gated');
    const { workManager } = createTestWorkManager({ workers: [gated.worker] });
    const request = createOneTimeWorkRequest(gated.worker);
    await workManager.enqueue(request);
    expect((await workManager.getWorkInfoById(request.id))?.progress.toObject()).toEqual({ step: 1 });
    gated.release();
    await workManager.settle();
    const info = await workManager.getWorkInfoById(request.id);
    expect(info?.state).toBe('SUCCEEDED');
    expect(info?.progress.size).toBe(0);
  });
});
