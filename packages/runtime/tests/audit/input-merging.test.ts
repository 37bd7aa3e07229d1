import { createOneTimeWorkRequest, Data, defineWorker, Result } from '@workscript/api';
import { describe, expect, it } from 'vitest';
import { createTestWorkManager } from '../../src/testing/index.js';
import { TestWorker } from '../helpers/workers.js';

// Audit of spec §7 where the runtime applies it: input merging when a dependent runs. (Data itself and
// the mergers' rules are pinned in packages/api/tests: scenarios-15-7, data/*.)

/** Succeeds with `output` as its Data, types included (an Int stays an Int, a Long a Long). */
const producer = (name: string, output: Data) => defineWorker({ name, run: () => Result.success(output) });

describe('§7 input merging at run time', () => {
  it('§7.4 ArrayCreatingInputMerger: prerequisites\u2019 outputs and the own input arrive as arrays', async () => {
    const seen: unknown[] = [];
    const a = producer('A', Data.builder().putInt('n', 1).build());
    const b = producer('B', Data.builder().putInt('n', 2).build());
    const sink = defineWorker({
      name: 'Sink',
      run: (input: Record<string, unknown>) => (seen.push(input), Result.success()),
    });
    const { workManager } = createTestWorkManager({ workers: [a, b, sink] });
    const [ra, rb] = [createOneTimeWorkRequest(a), createOneTimeWorkRequest(b)];
    const rs = createOneTimeWorkRequest(sink, {
      inputMerger: 'ArrayCreatingInputMerger',
      input: { own: 'x' },
    });
    await workManager.beginWith([ra, rb]).then(rs).enqueue();
    expect((await workManager.getWorkInfoById(rs.id))?.state).toBe('SUCCEEDED');
    const input = seen[0] as { own: string[]; n: number[] };
    expect(input.own).toEqual(['x']);
    // The prerequisites' order is not specified (androidx reads them with an unordered query).
    expect([...input.n].sort()).toEqual([1, 2]);
  });

  it('§7.4 a merge conflict (Int then Long under one key) fails the dependent without running it, and its dependents', async () => {
    let ran = false;
    const ints = producer('Ints', Data.builder().putInt('k', 1).build());
    const longs = producer('Longs', Data.builder().putLong('k', 2).build());
    const sink = defineWorker({ name: 'Sink', run: () => ((ran = true), Result.success()) });
    const { workManager } = createTestWorkManager({ workers: [ints, longs, sink, TestWorker] });
    const [ri, rl] = [createOneTimeWorkRequest(ints), createOneTimeWorkRequest(longs)];
    const rs = createOneTimeWorkRequest(sink, { inputMerger: 'ArrayCreatingInputMerger' });
    const after = createOneTimeWorkRequest(TestWorker);
    const errors: string[] = [];
    workManager.on('work:failed', (e) => errors.push(e.error?.message ?? ''));
    await workManager.beginWith([ri, rl]).then(rs).then(after).enqueue();
    expect((await workManager.getWorkInfos({ ids: [ri.id, rl.id] })).map((i) => i.state)).toEqual([
      'SUCCEEDED',
      'SUCCEEDED',
    ]);
    // The dependent failed with it gets its own event, after the cause's, with no error of its own.
    expect(errors).toEqual([expect.stringMatching(/'k'.*ArrayCreatingInputMerger/), '']);
    expect(ran).toBe(false);
    expect(await workManager.getWorkInfoById(rs.id)).toMatchObject({ state: 'FAILED', runAttemptCount: 0 });
    expect((await workManager.getWorkInfoById(after.id))?.state).toBe('FAILED');
  });

  it('§7.3 the merged input is rebuilt as Data, so a merge over 10 240 bytes fails the dependent', async () => {
    let ran = false;
    // Each output alone is under the limit (one 6 000-char string ≈ 6 014 bytes); together they are over it.
    const left = producer('Left', Data.builder().putString('left', 'l'.repeat(6_000)).build());
    const right = producer('Right', Data.builder().putString('right', 'r'.repeat(6_000)).build());
    const sink = defineWorker({ name: 'Sink', run: () => ((ran = true), Result.success()) });
    const { workManager } = createTestWorkManager({ workers: [left, right, sink] });
    const [rl, rr] = [createOneTimeWorkRequest(left), createOneTimeWorkRequest(right)];
    const rs = createOneTimeWorkRequest(sink);
    await workManager.beginWith([rl, rr]).then(rs).enqueue();
    expect((await workManager.getWorkInfoById(rl.id))?.state).toBe('SUCCEEDED');
    expect((await workManager.getWorkInfoById(rr.id))?.state).toBe('SUCCEEDED');
    expect(ran).toBe(false);
    expect(await workManager.getWorkInfoById(rs.id)).toMatchObject({ state: 'FAILED', runAttemptCount: 0 });
  });
});
