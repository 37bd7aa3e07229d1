import { defineWorker, Result } from '@workscript/api';

/** Test workers shared by the scenario tests. Names follow the androidx test workers they stand for. */

/** Succeeds with its input echoed as output. */
export const TestWorker = defineWorker({
  name: 'TestWorker',
  run: (input: Record<string, unknown>) => Result.success(input),
});

/** Fails with `{ reason: 'failed' }`. */
export const FailureWorker = defineWorker({
  name: 'FailureWorker',
  run: () => Result.failure({ reason: 'failed' }),
});

/** Always asks for a retry. */
export const RetryWorker = defineWorker({
  name: 'RetryWorker',
  run: () => Result.retry(),
});

/** Throws. */
export const ExceptionWorker = defineWorker({
  name: 'ExceptionWorker',
  run: (): never => {
    throw new Error('boom');
  },
});

/** Returns null instead of a Result. */
export const ReturnNullResultWorker = defineWorker({
  name: 'ReturnNullResultWorker',
  run: () => null as unknown as ReturnType<typeof Result.success>,
});

/** Runs until stopped (a suspending CoroutineWorker); records what it saw. */
export function createSuspendingWorker(name = 'SuspendingWorker') {
  const seen: {
    runAttemptCount: number;
    generation: number;
    tags: readonly string[];
    stopReason?: number;
  }[] = [];
  const worker = defineWorker({
    name,
    run: (_input: Record<string, unknown>, ctx) =>
      new Promise<ReturnType<typeof Result.success>>((resolve) => {
        const record: (typeof seen)[number] = {
          runAttemptCount: ctx.runAttemptCount,
          generation: ctx.generation,
          tags: ctx.tags,
        };
        seen.push(record);
        ctx.signal.addEventListener('abort', () => {
          if (ctx.signal.reason !== undefined) record.stopReason = ctx.signal.reason;
          resolve(Result.success());
        });
      }),
  });
  return { worker, seen };
}

/** A worker that waits for `release()`, then returns what `result` says; for mid-run assertions. */
export function createGatedWorker(name: string) {
  let releaseNext: (() => void) | undefined;
  const runs: { runAttemptCount: number; generation: number; tags: readonly string[]; stopped: boolean }[] =
    [];
  const worker = defineWorker({
    name,
    run: async (_input: Record<string, unknown>, ctx) => {
      const record = {
        runAttemptCount: ctx.runAttemptCount as number,
        generation: ctx.generation as number,
        tags: ctx.tags,
        stopped: false,
      };
      runs.push(record);
      ctx.signal.addEventListener('abort', () => (record.stopped = true));
      await ctx.setProgress({ step: 1 });
      await new Promise<void>((resolve) => (releaseNext = resolve));
      return Result.success({ done: true });
    },
  });
  return {
    worker,
    runs,
    release: () => {
      const r = releaseNext;
      releaseNext = undefined;
      r?.();
    },
  };
}

/** Counts runs. */
export function createCountingWorker(name = 'CountingWorker') {
  const counter = { count: 0 };
  const worker = defineWorker({
    name,
    run: () => {
      counter.count++;
      return Result.success();
    },
  });
  return { worker, counter };
}
