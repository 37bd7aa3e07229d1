import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  createOneTimeWorkRequest,
  Data,
  defineInputMerger,
  defineWorker,
  OverwritingInputMerger,
  Result,
  type InputMerger,
} from '@workscript/api';
import { afterEach, describe, expect, it } from 'vitest';
import { createWorkManager } from '../../src/index.js';
import { createTestWorkManager } from '../../src/testing/index.js';

// Spec §7.5 (androidx InputMergerFactory): the configured factory first; else the merger by name (androidx:
// reflection; here WorkManager's own, then the defineInputMerger definitions, then the bundle's); an unknown
// merger fails the work without running it. A merger that throws fails it too (§7.4, WorkerWrapper).

const producer = (name: string, count: number) =>
  defineWorker({ name, run: () => Result.success(Data.builder().putInt('count', count).build()) });

const sumCounts = defineInputMerger({
  name: 'SumCountsInputMerger',
  merge: (inputs) =>
    Data.builder()
      .putInt(
        'count',
        inputs.reduce((sum, input) => sum + input.getInt('count', 0), 0),
      )
      .putInt('inputs', inputs.length)
      .build(),
});

/** Records the input of each run, types included. */
function sink(options: { inputMerger?: InputMerger } = {}) {
  const seen: Record<string, unknown>[] = [];
  const worker = defineWorker({
    name: 'Report',
    ...options,
    run: (input: Record<string, unknown>) => (seen.push(input), Result.success()),
  });
  return { worker, seen };
}

const failures = (workManager: { on: (e: 'work:failed', f: (e: { error?: Error }) => void) => unknown }) => {
  const errors: string[] = [];
  workManager.on('work:failed', (e) => errors.push(e.error?.message ?? ''));
  return errors;
};

describe('§7.5 custom input mergers', () => {
  it("a worker's default merger is known without being listed, and merges own input + prerequisites' outputs", async () => {
    const [a, b] = [producer('A', 2), producer('B', 3)];
    const { worker, seen } = sink({ inputMerger: sumCounts });
    const { workManager } = createTestWorkManager({ workers: [a, b, worker] });
    const report = createOneTimeWorkRequest(worker, { input: Data.builder().putInt('count', 10).build() });
    expect(report.inputMerger).toBe('SumCountsInputMerger');
    await workManager
      .beginWith([createOneTimeWorkRequest(a), createOneTimeWorkRequest(b)])
      .then(report)
      .enqueue();
    expect((await workManager.getWorkInfoById(report.id))?.state).toBe('SUCCEEDED');
    expect(seen).toEqual([{ count: 15, inputs: 3 }]);
  });

  it('a request names a merger given in inputMergers; without prerequisites it merges the own input alone', async () => {
    const { worker, seen } = sink();
    const { workManager } = createTestWorkManager({ workers: [worker], inputMergers: [sumCounts] });
    await workManager.enqueue(
      createOneTimeWorkRequest(worker, {
        inputMerger: sumCounts,
        input: Data.builder().putInt('count', 4).build(),
      }),
    );
    expect(seen).toEqual([{ count: 4, inputs: 1 }]);
  });

  it('an unknown merger fails the work without running it and names the known ones and the fix', async () => {
    const { worker, seen } = sink();
    const { workManager } = createTestWorkManager({ workers: [worker] });
    const errors = failures(workManager);
    const request = createOneTimeWorkRequest(worker, { inputMerger: sumCounts });
    await workManager.enqueue(request);
    expect(await workManager.getWorkInfoById(request.id)).toMatchObject({
      state: 'FAILED',
      runAttemptCount: 0,
    });
    expect(seen).toEqual([]);
    expect(errors).toEqual([
      "Could not create input merger 'SumCountsInputMerger'; known mergers: ArrayCreatingInputMerger, " +
        'OverwritingInputMerger. Pass a custom one in createWorkManager({ inputMergers: [...] })',
    ]);
  });

  it('the configured factory is asked first, even for WorkManager\u2019s own names; null falls back', async () => {
    const asked: string[] = [];
    const reversed: InputMerger = {
      name: 'OverwritingInputMerger',
      // Earlier inputs win: the opposite of the built-in, so the test sees which one ran.
      merge: (inputs) => OverwritingInputMerger.merge([...inputs].reverse()),
    };
    const { worker, seen } = sink();
    const a = producer('A', 2);
    const { workManager } = createTestWorkManager({
      workers: [a, worker],
      inputMergers: [sumCounts],
      inputMergerFactory: {
        createInputMerger: (name) => (asked.push(name), name === 'OverwritingInputMerger' ? reversed : null),
      },
    });
    const first = createOneTimeWorkRequest(worker, { input: Data.builder().putInt('count', 7).build() });
    const second = createOneTimeWorkRequest(worker, {
      input: Data.builder().putInt('count', 7).build(),
      inputMerger: sumCounts,
    });
    await workManager.beginWith(createOneTimeWorkRequest(a)).then(first).then(second).enqueue();
    // Every one-time attempt asks, prerequisites or not (A, first, second), as androidx's WorkerWrapper does.
    expect(asked).toEqual(['OverwritingInputMerger', 'OverwritingInputMerger', 'SumCountsInputMerger']);
    // first: own input {count 7} wins over A's {count 2}; second: 7 + nothing from `first` (empty output).
    expect(seen).toEqual([{ count: 7 }, { count: 7, inputs: 2 }]);
  });

  it('a factory or a merger that throws, or a merge that is not Data or too large, fails the work and its dependents without running them', async () => {
    const throwing = defineInputMerger({
      name: 'Throwing',
      merge: () => {
        throw new RangeError('no merge today');
      },
    });
    const huge = defineInputMerger({
      name: 'Huge',
      merge: () => Data.builder().putString('s', 'x'.repeat(10_240)).build(),
    });
    const plain: InputMerger = { name: 'Plain', merge: () => ({ count: 1 }) as never };
    const cases: [InputMerger, string][] = [
      [throwing, 'no merge today'],
      [huge, 'Data cannot occupy more than 10240 bytes'],
      [plain, "Input merger 'Plain' returned something that is not a Data"],
      [{ name: 'Broken', merge: () => Data.EMPTY }, 'factory broke'],
    ];
    for (const [merger, message] of cases) {
      const { worker, seen } = sink();
      const after = producer('After', 1);
      const { workManager } = createTestWorkManager({
        workers: [worker, after],
        inputMergers: [throwing, huge],
        inputMergerFactory: {
          createInputMerger: (name) => {
            if (name === 'Broken') throw new Error('factory broke');
            return name === 'Plain' ? plain : null;
          },
        },
      });
      const errors = failures(workManager);
      const request = { ...createOneTimeWorkRequest(worker), inputMerger: merger.name };
      const dependent = createOneTimeWorkRequest(after);
      await workManager.beginWith(request).then(dependent).enqueue();
      expect(await workManager.getWorkInfoById(request.id)).toMatchObject({
        state: 'FAILED',
        runAttemptCount: 0,
      });
      expect((await workManager.getWorkInfoById(dependent.id))?.state).toBe('FAILED');
      expect(seen).toEqual([]);
      expect(errors[0]).toContain(message);
    }
  });

  it('two different mergers with one name are refused before the database is opened', () => {
    const twin = defineInputMerger({ name: 'SumCountsInputMerger', merge: () => Data.EMPTY });
    const { worker } = sink({ inputMerger: sumCounts });
    expect(() =>
      createWorkManager({ database: '/nonexistent/dir/work.db', workers: [worker], inputMergers: [twin] }),
    ).toThrow(
      "Two input mergers are named 'SumCountsInputMerger' (the default of worker 'Report'); merger names must be unique",
    );
    expect(() =>
      createWorkManager({ database: '/nonexistent/dir/work.db', inputMergers: [{} as never] }),
    ).toThrow('createWorkManager: inputMergers[0] is not an input merger');
  });
});

describe('§7.5 custom mergers across a restart', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('the merger name is stored, and the next process merges with the merger it is given', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'ws-mergers-'));
    const database = path.join(dir, 'work.db');
    const a = producer('A', 5);
    const { worker, seen } = sink();
    const first = createTestWorkManager({ database, workers: [a, worker] });
    const prerequisite = createOneTimeWorkRequest(a, { initialDelayMs: 60_000 });
    const report = createOneTimeWorkRequest(worker, {
      inputMerger: sumCounts,
      input: Data.builder().putInt('count', 1).build(),
    });
    await first.workManager.beginWith(prerequisite).then(report).enqueue();
    expect((await first.workManager.getWorkInfoById(report.id))?.state).toBe('BLOCKED');
    await first.workManager.close();

    const second = createTestWorkManager({ database, workers: [a, worker], inputMergers: [sumCounts] });
    await second.driver.setInitialDelayMet(prerequisite.id);
    expect((await second.workManager.getWorkInfoById(report.id))?.state).toBe('SUCCEEDED');
    expect(seen).toEqual([{ count: 6, inputs: 2 }]);
    await second.workManager.close();
  });
});
