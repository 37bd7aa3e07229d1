import { createOneTimeWorkRequest, defineWorker, type OneTimeWorkRequest } from '@workscript/api';
import { describe, expect, it } from 'vitest';
import { CyclicWorkContinuationError, type WorkContinuation } from '../../src/index.js';
import { createTestWorkManager } from '../../src/testing/index.js';

// `then()` may be called as often as a user likes. Every walk over a continuation's ancestry (the cycle
// check, the enqueue, the content-URI trigger count, getWorkInfos) was recursive and overflowed the stack
// at a few thousand levels, and the cycle check compared every level with all levels above it.

const DEPTH = 20_000;
const Fails = defineWorker({ name: 'Fails', run: (_input: Record<string, never>, ctx) => ctx.failure() });

function chain(head: WorkContinuation, depth: number): { tail: WorkContinuation; last: OneTimeWorkRequest } {
  let tail = head;
  let last = createOneTimeWorkRequest(Fails);
  for (let i = 0; i < depth; i++) {
    last = createOneTimeWorkRequest(Fails);
    tail = tail.then(last);
  }
  return { tail, last };
}

describe(`a chain ${DEPTH.toLocaleString('en')} levels deep`, () => {
  it('enqueues in one transaction, is listed whole by getWorkInfos, and a cancel of its root reaches the end', async () => {
    const { workManager } = createTestWorkManager({ workers: [Fails] });
    const root = createOneTimeWorkRequest(Fails, { initialDelayMs: 86_400_000 });
    const { tail, last } = chain(workManager.beginWith(root), DEPTH);
    await tail.enqueue();
    expect((await workManager.getWorkInfoById(last.id))?.state).toBe('BLOCKED');
    const infos = await tail.getWorkInfos();
    expect(infos).toHaveLength(DEPTH + 1);
    expect(infos[0]?.id).toBe(last.id);
    expect(infos.at(-1)?.id).toBe(root.id);
    await workManager.cancelWorkById(root.id);
    expect((await workManager.getWorkInfoById(last.id))?.state).toBe('CANCELLED');
    await workManager.close();
  });

  it('fails to its end when the root fails', async () => {
    const { workManager } = createTestWorkManager({ workers: [Fails] });
    const root = createOneTimeWorkRequest(Fails);
    const { tail, last } = chain(workManager.beginWith(root), DEPTH);
    await tail.enqueue();
    expect((await workManager.getWorkInfoById(root.id))?.state).toBe('FAILED');
    expect((await workManager.getWorkInfoById(last.id))?.state).toBe('FAILED');
    await workManager.close();
  });

  it('with its root repeated at the end is a cycle, refused before anything is written', async () => {
    const { workManager, database } = createTestWorkManager({ workers: [Fails] });
    const root = createOneTimeWorkRequest(Fails, { initialDelayMs: 86_400_000 });
    const { tail, last } = chain(workManager.beginWith(root), DEPTH);
    await expect(tail.then(root).enqueue()).rejects.toThrow(new CyclicWorkContinuationError(root.id));
    expect(database.workSpecDao.get(root.id)).toBeNull();
    expect(database.workSpecDao.get(last.id)).toBeNull();
    await workManager.close();
  });
});
