import {
  ArrayCreatingInputMerger,
  createOneTimeWorkRequest,
  Data,
  defineWorker,
  isFinished,
  OverwritingInputMerger,
  type DataValue,
  type Int,
  type InputMerger,
  type WorkerDefinition,
} from '@workscript/api';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestWorkManager, type TestWorkManager } from '../../src/testing/index.js';
import { buildParityBundle } from '../engines/helpers/fixture-bundle.js';
import { asyncWork } from '../engines/workers/parity-workers.js';

// On a device a request is built by the generated Kotlin builder, which puts an `Int` field with putInt. On
// Node a request built from a TS import without shapes holds every number as Double (`Data.fromObject`).
// When the runtime knows the worker's shape (the bundle's manifest, or a shaped definition), the enqueue
// stores the device's types, so an input merger, which sees the stored input, merges what a device merges.

/** The worker as a plain TS import has it: the same definition without the shapes the codegen adds. */
function withoutShapes(worker: WorkerDefinition): WorkerDefinition {
  const { shapes: _shapes, ...rest } = worker;
  return Object.freeze(rest);
}

/** `AsyncWork` as a plain TS import. */
const shapeless = withoutShapes(asyncWork);

/** Adds up the Ints it is given: its input is the Int[] an ArrayCreatingInputMerger makes of `sum`. */
const total = defineWorker({
  name: 'Total',
  shapes: {
    input: { fields: [{ name: 'sum', type: { kind: 'array', element: { kind: 'int' } } }] },
    output: { fields: [{ name: 'total', type: { kind: 'int' } }] },
  },
  run: (input: { sum: Int[] }, ctx) => ctx.success({ total: input.sum.reduce((a, b) => a + b, 0) as Int }),
});
const shapelessTotal = withoutShapes(total);

/** A TS worker without shapes: its output's numbers are Doubles. */
const emit = defineWorker({ name: 'Emit', run: (_input: object, ctx) => ctx.success({ n: 4 }) });

let bundlePath: string;
beforeAll(async () => {
  bundlePath = await buildParityBundle({ asyncWork });
});

let test: TestWorkManager | undefined;
afterEach(async () => {
  await test?.workManager.close();
  test = undefined;
});

/** A merger factory that records what each merge was given, then merges with WorkManager's own merger. */
function recordingMergers() {
  const seen: Record<string, DataValue | undefined>[][] = [];
  const record =
    (merger: InputMerger): InputMerger['merge'] =>
    (inputs) => {
      seen.push(inputs.map((input) => Object.fromEntries(input.keys().map((k) => [k, input.get(k)]))));
      return merger.merge(inputs);
    };
  const factory = {
    createInputMerger: (name: string): InputMerger | null =>
      name === 'ArrayCreatingInputMerger'
        ? { name, merge: record(ArrayCreatingInputMerger) }
        : { name, merge: record(OverwritingInputMerger) },
  };
  return { seen, factory };
}

/** The work's WorkInfo once it finished: QuickJS runs on threads, so after `enqueue()` returned. */
async function finished(id: string) {
  if (test === undefined) throw new Error('no work manager: create one first');
  const wm = test.workManager;
  await vi.waitFor(
    async () => expect(isFinished((await wm.getWorkInfoById(id))?.state ?? 'BLOCKED')).toBe(true),
    { timeout: 60_000, interval: 20 },
  );
  return wm.getWorkInfoById(id);
}

describe('an enqueue stores Int fields as the generated Kotlin builders do', () => {
  it('with the bundle’s manifest: a Double 3 from a shapeless request is stored as Int 3', async () => {
    const { seen, factory } = recordingMergers();
    test = createTestWorkManager({ bundlePath, inputMergerFactory: factory });
    const request = createOneTimeWorkRequest(shapeless, { input: { n: 3 } });
    expect(request.input.get('n')).toEqual({ type: 'double', value: 3 });
    await test.workManager.enqueue(request);
    expect(await finished(request.id)).toMatchObject({ state: 'SUCCEEDED' });
    expect(seen).toEqual([[{ n: { type: 'int', value: 3 } }]]);
  });

  it('with a shaped definition on the inline engine, and without a manifest', async () => {
    const { seen, factory } = recordingMergers();
    test = createTestWorkManager({ workers: [asyncWork], inputMergerFactory: factory });
    await test.workManager.enqueue(createOneTimeWorkRequest(shapeless, { input: { n: 2 } }));
    expect(seen).toEqual([[{ n: { type: 'int', value: 2 } }]]);
  });

  it('so ArrayCreatingInputMerger joins the request’s own Ints with a prerequisite’s Int output', async () => {
    // Before, the request's Double[] beside the prerequisite's Int was a type conflict, and the work FAILED
    // on Node where a device merges them into one int[].
    test = createTestWorkManager({ workers: [asyncWork, total] });
    const first = createOneTimeWorkRequest(asyncWork, { input: Data.builder().putInt('n', 2).build() });
    const second = createOneTimeWorkRequest(shapelessTotal, {
      input: { sum: [10, 20] },
      inputMerger: 'ArrayCreatingInputMerger',
    });
    await test.workManager.beginWith(first).then(second).enqueue();
    expect(await finished(second.id)).toMatchObject({ state: 'SUCCEEDED' });
    expect((await test.workManager.getWorkInfoById(second.id))?.outputData.get('total')).toEqual({
      type: 'int',
      value: 33,
    });
  });

  it('leaves what the shape does not name, and values no Int can hold, as they are', async () => {
    const { seen, factory } = recordingMergers();
    test = createTestWorkManager({ bundlePath, inputMergerFactory: factory });
    const fractional = createOneTimeWorkRequest(shapeless, { input: { n: 1.5, extra: 7 } });
    const tooBig = createOneTimeWorkRequest(shapeless, { input: { n: 2 ** 31 } });
    const failures: string[] = [];
    test.workManager.on('work:failed', (e) => failures.push(e.error?.message ?? ''));
    await test.workManager.enqueue([fractional, tooBig]);
    expect(await finished(fractional.id)).toMatchObject({ state: 'FAILED' });
    expect(await finished(tooBig.id)).toMatchObject({ state: 'FAILED' });
    expect(seen).toEqual(
      expect.arrayContaining([
        [{ n: { type: 'double', value: 1.5 }, extra: { type: 'double', value: 7 } }],
        [{ n: { type: 'double', value: 2 ** 31 } }],
      ]),
    );
    // The run still names the field, as before.
    expect(failures).toEqual([expect.stringContaining("'n'"), expect.stringContaining("'n'")]);
  });

  it('updateWork stores the new input the same way', async () => {
    const { seen, factory } = recordingMergers();
    test = createTestWorkManager({ bundlePath, inputMergerFactory: factory });
    const request = createOneTimeWorkRequest(shapeless, { input: { n: 1 }, initialDelayMs: 60_000 });
    await test.workManager.enqueue(request);
    await test.workManager.updateWork({
      ...createOneTimeWorkRequest(shapeless, { input: { n: 5 } }),
      id: request.id,
    });
    await finished(request.id);
    expect(seen).toEqual([[{ n: { type: 'int', value: 5 } }]]);
  });
});

describe('an input merged from a shapeless worker’s Double output', () => {
  // No device has this chain (every generated worker is shaped); both engines still read it alike.
  it.each([
    ['inline', () => ({ workers: [emit, asyncWork] })],
    ['QuickJS', () => ({ bundlePath, workers: [emit] })],
  ])('reads as the Int its shape names, on the %s engine', async (_engine, options) => {
    test = createTestWorkManager(options());
    const first = createOneTimeWorkRequest(emit);
    const second = createOneTimeWorkRequest(asyncWork);
    await test.workManager.beginWith(first).then(second).enqueue();
    expect(await finished(second.id)).toMatchObject({ state: 'SUCCEEDED' });
    expect((await test.workManager.getWorkInfoById(second.id))?.outputData.toObject()).toEqual({ sum: 10 });
  });
});
