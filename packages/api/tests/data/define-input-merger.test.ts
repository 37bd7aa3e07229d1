// defineInputMerger (spec §7.5: custom InputMerger classes) and requests that name a merger.
import { describe, expect, it } from 'vitest';
import {
  ArrayCreatingInputMerger,
  Data,
  InvalidInputMergerDefinitionError,
  InvalidWorkRequestError,
  createOneTimeWorkRequest,
  defineInputMerger,
  defineWorker,
  isInputMergerDefinition,
} from '../../src/index.js';

const sumCounts = defineInputMerger({
  name: 'SumCountsInputMerger',
  merge: (inputs) =>
    Data.builder()
      .putInt(
        'count',
        inputs.reduce((sum, input) => sum + input.getInt('count', 0), 0),
      )
      .build(),
});

describe('defineInputMerger', () => {
  it('returns a frozen merger that merges in list order', () => {
    expect(isInputMergerDefinition(sumCounts)).toBe(true);
    expect(Object.isFrozen(sumCounts)).toBe(true);
    const merged = sumCounts.merge([
      Data.builder().putInt('count', 2).build(),
      Data.builder().putInt('count', 3).build(),
    ]);
    expect(merged.getInt('count', -1)).toBe(5);
  });

  it('refuses a name that cannot be a Kotlin class, a built-in name and a missing merge', () => {
    expect(() => defineInputMerger({ name: '1Merger', merge: () => Data.EMPTY })).toThrow(
      'defineInputMerger name: "1Merger" is not a valid input merger name',
    );
    expect(() => defineInputMerger({ name: 'ArrayCreatingInputMerger', merge: () => Data.EMPTY })).toThrow(
      InvalidInputMergerDefinitionError,
    );
    expect(() => defineInputMerger({ name: 'M' } as never)).toThrow(
      "defineInputMerger merge: input merger 'M' needs a merge(inputs) function",
    );
  });

  it('fails a merge that returns something other than Data, naming the merger', () => {
    const bad = defineInputMerger({ name: 'Bad', merge: () => ({ count: 1 }) as never });
    expect(() => bad.merge([])).toThrow(
      "Input merger 'Bad' returned an object that is not a Data ([object Object]); merge(inputs) must return a Data",
    );
  });
});

describe('request option inputMerger', () => {
  const worker = defineWorker({
    name: 'Report',
    inputMerger: sumCounts,
    run: (_: object, ctx) => ctx.success(),
  });

  it('stores the name of a merger object, from the definition default or the request', () => {
    expect(createOneTimeWorkRequest(worker).inputMerger).toBe('SumCountsInputMerger');
    expect(createOneTimeWorkRequest(worker, { inputMerger: ArrayCreatingInputMerger }).inputMerger).toBe(
      'ArrayCreatingInputMerger',
    );
    expect(createOneTimeWorkRequest(worker, { inputMerger: 'OverwritingInputMerger' }).inputMerger).toBe(
      'OverwritingInputMerger',
    );
  });

  it('refuses a custom merger named by a string, so a typo cannot reach the database', () => {
    expect(() => createOneTimeWorkRequest(worker, { inputMerger: 'SumCountsInputMerger' as never })).toThrow(
      InvalidWorkRequestError,
    );
    expect(() => createOneTimeWorkRequest(worker, { inputMerger: {} as never })).toThrow(
      'inputMerger: an object that is not an input merger is not valid; use one of ' +
        "'OverwritingInputMerger', 'ArrayCreatingInputMerger', or a merger from defineInputMerger({ name, merge })",
    );
  });
});
