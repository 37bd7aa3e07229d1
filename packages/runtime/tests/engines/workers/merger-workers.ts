/**
 * A chain whose last step merges with a custom input merger: bundled with `createBundle` for the QuickJS
 * engine, imported as TS definitions for the inline one. Each merge says which engine ran it.
 */
import { Data, defineInputMerger, defineWorker } from '@workscript/api';

/** Where this code runs: QuickJS has no `process`. */
const engine = (): string =>
  typeof (globalThis as { process?: unknown }).process === 'object' ? 'node' : 'quickjs';

export const sumCounts = defineInputMerger({
  name: 'SumCountsInputMerger',
  merge: (inputs) =>
    Data.builder()
      .putInt(
        'count',
        inputs.reduce((sum, input) => sum + input.getInt('count', 0), 0),
      )
      .putString('mergedIn', engine())
      .build(),
});

/** Never returns: only the engine's merge time limit ends it. */
export const forever = defineInputMerger({
  name: 'ForeverInputMerger',
  merge: () => {
    for (;;) {
      // spin
    }
  },
});

/** Outputs its input's `count` as an Int. */
export const count = defineWorker({
  name: 'Count',
  shapes: {
    input: { fields: [{ name: 'count', type: { kind: 'int' } }] },
    output: { fields: [{ name: 'count', type: { kind: 'int' } }] },
  },
  run: (input: { count: number }, ctx) => ctx.success({ count: input.count }),
});

/** Outputs what it was given, after the merge. */
export const report = defineWorker({
  name: 'Report',
  inputMerger: sumCounts,
  run: (input: { count: number; mergedIn: string }, ctx) => ctx.success({ ...input, ranIn: engine() }),
});
