import { describe, expectTypeOf, it } from 'vitest';
import {
  defineWorker,
  type FailureOutputOf,
  type InputOf,
  type Int,
  type OutputOf,
  type ProgressOf,
  type WorkerContext,
  type WorkResult,
} from '../../src/index.js';

interface SyncInput {
  since: string;
  pageSize: Int;
  kinds?: ('contact' | 'photo')[];
}
interface SyncProgress {
  percent: Int;
}

describe('defineWorker infers its types from run', () => {
  const sync = defineWorker({
    name: 'SyncContacts',
    async run(input: SyncInput, ctx: WorkerContext<SyncProgress>) {
      await ctx.setProgress({ percent: 10 as Int });
      if (input.since === '') return ctx.failure({ reason: 'no since' });
      if (input.pageSize === 0) return ctx.retry();
      return ctx.success({ fetched: 42 as Int });
    },
  });

  it('input from the parameter annotation', () => {
    expectTypeOf<InputOf<typeof sync>>().toEqualTypeOf<SyncInput>();
  });
  it('success and failure outputs from what run returns', () => {
    expectTypeOf<OutputOf<typeof sync>>().toEqualTypeOf<{ fetched: Int }>();
    expectTypeOf<FailureOutputOf<typeof sync>>().toEqualTypeOf<{ reason: string }>();
  });
  it('progress from the context annotation', () => {
    expectTypeOf<ProgressOf<typeof sync>>().toEqualTypeOf<SyncProgress>();
    expectTypeOf(sync.run).returns.toEqualTypeOf<
      | Promise<WorkResult<{ fetched: Int }, { reason: string }>>
      | WorkResult<{ fetched: Int }, { reason: string }>
    >();
  });
  it('setProgress only accepts the progress type', () => {
    defineWorker({
      name: 'P',
      async run(_: object, ctx: WorkerContext<SyncProgress>) {
        // @ts-expect-error percent must be an Int, not a string
        await ctx.setProgress({ percent: 'ten' });
        return ctx.success();
      },
    });
  });
  it('the Int brand keeps plain numbers out', () => {
    // @ts-expect-error a number is not an Int without int() or a cast
    const bad: Int = 3;
    expectTypeOf(bad).toEqualTypeOf<Int>();
  });
  it('request defaults use WorkManager vocabulary', () => {
    defineWorker({
      name: 'V',
      // @ts-expect-error 'WIFI' is not a NetworkType
      constraints: { requiredNetworkType: 'WIFI' },
      run: (_: object, ctx) => ctx.success(),
    });
  });
});
