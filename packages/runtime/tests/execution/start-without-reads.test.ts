import { createOneTimeWorkRequest, Data, defineWorker, Result } from '@workscript/api';
import { describe, expect, it } from 'vitest';
import { createTestWorkManager } from '../../src/testing/index.js';

// An attempt of work this process enqueued takes its tags and "no prerequisites" from the enqueue
// (WorkSpecDao.insertedWork) instead of reading work_tag and dependency; these pin down that the worker
// sees exactly what the tables hold, also after updateWork replaced the tags.
function createRecordingWorker() {
  const seen: { tags: readonly string[]; input: Record<string, unknown> }[] = [];
  const worker = defineWorker({
    name: 'Recording',
    run: (input: Record<string, unknown>, ctx) => {
      seen.push({ tags: ctx.tags, input });
      return Result.success({ n: Object.keys(input).length });
    },
  });
  return { worker, seen };
}

describe('an attempt of work enqueued by this process', () => {
  it('sees its tags in UTF-16 order (as Kotlin sorts them on Android) and its own input', async () => {
    const { worker, seen } = createRecordingWorker();
    const { workManager } = createTestWorkManager({ workers: [worker] });
    const tags = ['zeta', 'Alpha', '\u{1F600}', '\uFF01', '\u00E9'];
    const request = createOneTimeWorkRequest(worker, { tags, input: { a: 1 } });
    await workManager.enqueue(request);
    await workManager.settle();
    const info = await workManager.getWorkInfoById(request.id);
    expect(info?.state).toBe('SUCCEEDED');
    // UTF-16 order puts U+1F600 (a surrogate pair, 0xD83D…) before U+FF01; UTF-8 byte order would not.
    expect(seen).toEqual([
      { tags: ['Alpha', 'Recording', 'zeta', '\u00E9', '\u{1F600}', '\uFF01'], input: { a: 1 } },
    ]);
    expect(info?.tags).toEqual(seen[0]?.tags);
  });

  it('sees the tags updateWork stored before it started', async () => {
    const { worker, seen } = createRecordingWorker();
    const { workManager } = createTestWorkManager({ workers: [worker] });
    const request = createOneTimeWorkRequest(worker, {
      tags: ['before'],
      constraints: { requiresCharging: true },
    });
    await workManager.enqueue(request);
    expect(
      await workManager.updateWork(createOneTimeWorkRequest(worker, { id: request.id, tags: ['after'] })),
    ).toBe('APPLIED_IMMEDIATELY');
    await workManager.settle();
    expect(seen.map((s) => s.tags)).toEqual([['Recording', 'after']]);
  });

  it('with prerequisites gets their outputs merged into its input', async () => {
    const { worker, seen } = createRecordingWorker();
    const { workManager } = createTestWorkManager({ workers: [worker] });
    const first = createOneTimeWorkRequest(worker, { input: { x: 1, y: 2 } });
    const second = createOneTimeWorkRequest(worker, { input: { own: true } });
    await workManager.beginWith(first).then(second).enqueue();
    await workManager.settle();
    expect(seen.map((s) => s.input)).toEqual([
      { x: 1, y: 2 },
      { own: true, n: 2 },
    ]);
    expect((await workManager.getWorkInfoById(second.id))?.outputData).toEqual(Data.fromObject({ n: 2 }));
  });
});
