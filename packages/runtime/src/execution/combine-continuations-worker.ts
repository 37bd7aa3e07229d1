import { defineWorker, Result, type Data } from '@workscript/api';

/** Name of the synthetic worker `combine()` inserts (androidx `CombineContinuationsWorker`). */
export const COMBINE_CONTINUATIONS_WORKER_NAME = 'CombineContinuationsWorker';

/**
 * Succeeds with its (array-merged) input, so work after `combine(...)` receives every branch's output.
 * The runtime hands Data straight through: the input arrives as Data and is returned as Data.
 */
export const CombineContinuationsWorker = defineWorker<Data, Data>({
  name: COMBINE_CONTINUATIONS_WORKER_NAME,
  inputMerger: 'ArrayCreatingInputMerger',
  run: (input) => Result.success(input),
});
