import { createOneTimeWorkRequest, createPeriodicWorkRequest, type WorkRequest } from '@workscript/api';
import { describe, expect, it } from 'vitest';
import { createWorkManager, silentLogger, WorkDatabase } from '../../src/index.js';
import { TestClock } from '../../src/testing/index.js';
import { TestWorker } from '../helpers/workers.js';

// Spec §0: WorkSpec.traceTag is persisted (androidx work_spec.trace_tag). Nothing in WorkInfo shows it, so
// these tests read the stored spec.
function setUp() {
  const database = WorkDatabase.open({ filename: ':memory:' });
  const clock = new TestClock();
  const workManager = createWorkManager({
    database,
    workers: [TestWorker],
    clock,
    timer: clock,
    logger: silentLogger,
  });
  const stored = (id: string) => database.workSpecDao.get(id)?.traceTag;
  return { workManager, stored };
}

describe('traceTag (spec §0)', () => {
  it("is stored as the request gives it, the worker's name by default", async () => {
    const { workManager, stored } = setUp();
    const named = createOneTimeWorkRequest(TestWorker, { traceTag: 'sync:contacts', initialDelayMs: 60_000 });
    const plain = createOneTimeWorkRequest(TestWorker, { initialDelayMs: 60_000 });
    await workManager.enqueue([named, plain]);
    expect(stored(named.id)).toBe('sync:contacts');
    expect(stored(plain.id)).toBe('TestWorker');
  });

  it('updateWork replaces it, as it replaces the rest of the WorkSpec', async () => {
    const { workManager, stored } = setUp();
    const first = createPeriodicWorkRequest(TestWorker, {
      intervalMs: 900_000,
      initialDelayMs: 60_000,
      traceTag: 'nightly',
    });
    await workManager.enqueue(first);
    const next = createPeriodicWorkRequest(TestWorker, {
      id: first.id,
      intervalMs: 900_000,
      traceTag: 'hourly',
    });
    expect(await workManager.updateWork(next)).toBe('APPLIED_IMMEDIATELY');
    expect(stored(first.id)).toBe('hourly');
  });

  it("a hand-made request without one gets the worker's name, as WorkRequest.Builder.build() derives it", async () => {
    const { workManager, stored } = setUp();
    const { traceTag: _dropped, ...request } = createOneTimeWorkRequest(TestWorker, {
      initialDelayMs: 60_000,
    });
    await workManager.enqueue(request as unknown as WorkRequest);
    expect(stored(request.id)).toBe('TestWorker');
  });
});
