// A TypeScript input merger for packages/android/generated-it's JUnit tests: the generated
// SumCountsInputMerger runs this merge in the bundle through Workscript.merge, and CountTotal's request
// factory sets it because its definition's default names it.
import { Data, defineInputMerger, defineWorker, type Int } from '@workscript/api';

/** Sums the int `count` of every input (0 where absent) and says how many inputs there were. */
export const sumCountsInputMerger = defineInputMerger({
  name: 'SumCountsInputMerger',
  merge(inputs) {
    if (inputs.some((input) => input.getString('fail') !== null)) throw new RangeError('asked to fail');
    const total = inputs.reduce((sum, input) => sum + input.getInt('count', 0), 0);
    return Data.builder().putInt('count', total).putInt('inputs', inputs.length).build();
  },
});

/** Reports the count its merged input carries. */
export const countTotal = defineWorker({
  name: 'CountTotal',
  inputMerger: sumCountsInputMerger,
  run(input: { count: Int; inputs: Int }, ctx) {
    return ctx.success({ total: input.count, inputs: input.inputs });
  },
});
