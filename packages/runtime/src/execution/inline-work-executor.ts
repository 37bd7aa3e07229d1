import { Data, encodeData, Result, type DataShape, type WorkerContext } from '@workscript/api';
import { nativeServiceClient } from '@workscript/api/guest';
import { decodeShapedInput } from '../model/widen-integral-doubles.js';
import { callNativeOf } from '../native/native-service-host.js';
import { createConcurrencyLimit, defaultPoolSize } from './concurrency-limit.js';
import { checkStopGracePeriod, DEFAULT_STOP_GRACE_PERIOD_MS, forwardStop } from './thread-pool.js';
import type { ExecutionOutcome, WorkExecutor, WorkTask } from './work-executor.js';

const decode = (data: Data, shape: DataShape | undefined, raw: boolean): unknown =>
  raw ? data : shape ? decodeShapedInput(data, shape) : data.toObject();

const encode = (value: unknown, shape: DataShape | undefined): Data => {
  if (value instanceof Data) return value;
  if (value === undefined || value === null) return Data.EMPTY;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new TypeError(`Worker output must be an object or Data, got ${JSON.stringify(value)}`);
  }
  // Through JSON first, as the bundle's results cross the bridge (QuickJS on Node, the Kotlin host on a
  // device): NaN and ±Infinity become null and -0 becomes 0 there, so a worker that only works inline
  // would pass its host tests and fail on the device.
  let json: string;
  try {
    json = JSON.stringify(value);
  } catch (e) {
    // A bigint or a cycle: the bridge's JSON fails on it the same way, so the work fails here too.
    throw new TypeError(
      `Worker output cannot cross the bridge as JSON (${(e as Error).message}); return numbers, strings, booleans, null and arrays of them`,
      { cause: e },
    );
  }
  const crossed = JSON.parse(json) as Record<string, unknown>;
  return shape ? encodeData(crossed, shape) : Data.fromObject(crossed);
};

/** Workers whose input is passed as Data untouched (the synthetic combine worker). */
const RAW_DATA_WORKERS = new Set(['CombineContinuationsWorker']);

/** Options of {@link createInlineWorkExecutor}. */
export interface InlineWorkExecutorOptions {
  /**
   * Attempts running at once; further attempts wait for a slot (their work is already RUNNING, as when
   * WorkManager's executor is busy). Default WorkManager's executor size, `max(2, min(CPUs − 1, 4))`.
   */
  readonly maxConcurrency?: number;
  /**
   * How long (real ms) a stopped worker that has not returned keeps its slot. An inline worker cannot be
   * terminated, so after this its slot is given to the next attempt and whatever the worker does later is
   * ignored (as a stopped CoroutineWorker's result is). Default {@link DEFAULT_STOP_GRACE_PERIOD_MS} (5 000).
   */
  readonly stopGracePeriodMs?: number;
}

/**
 * Runs workers in this thread, on the event loop: the simplest executor and the one to debug with.
 * Input is decoded with the worker's `shapes.input` (or `Data.toObject()` without shapes); outputs and
 * progress are encoded the same way, so the 10,240-byte limit applies exactly as on Android. At most
 * `maxConcurrency` attempts run at once; an attempt stopped while it waits for a slot never runs (androidx
 * skips a stopped Worker's pending execution). A stopped attempt still running `stopGracePeriodMs` later gives
 * up its slot, so workers that ignore their stop cannot hold the executor for good.
 * @throws RangeError when `maxConcurrency` is not a whole number ≥ 1, or `stopGracePeriodMs` is not a number of
 * ms from 0 to 2^31 − 1.
 */
export function createInlineWorkExecutor(options: InlineWorkExecutorOptions = {}): WorkExecutor {
  const slots = createConcurrencyLimit(options.maxConcurrency ?? defaultPoolSize(), 'maxConcurrency');
  const gracePeriodMs = checkStopGracePeriod(options.stopGracePeriodMs ?? DEFAULT_STOP_GRACE_PERIOD_MS);
  return {
    async execute(task: WorkTask): Promise<ExecutionOutcome> {
      const release = await slots.acquire();
      let settled = (): void => undefined;
      try {
        if (task.signal.aborted)
          throw new Error(`Work ${task.params.id} was stopped while it waited for an executor slot`);
        const graceOver = new Promise<never>((_, reject) => {
          settled = forwardStop(task, gracePeriodMs, {
            // The worker sees the stop through ctx.signal itself.
            stop: () => undefined,
            graceOver: () =>
              reject(
                new Error(
                  `Worker '${task.worker.name}' (${task.params.id}) ignored its stop (reason ${String(task.signal.reason)}) for ${gracePeriodMs} ms; its slot was given up (an inline worker cannot be terminated)`,
                ),
              ),
          });
        });
        return await Promise.race([runInline(task), graceOver]);
      } finally {
        settled();
        release();
      }
    },
    close: () => Promise.resolve(),
  };
}

/** Runs one attempt now, on this thread (no slot): what the executor does once it has one, and `runWorker`. */
export async function runInline(task: WorkTask): Promise<ExecutionOutcome> {
  const { worker, params, signal, host } = task;
  const shapes = worker.shapes;
  const raw = RAW_DATA_WORKERS.has(worker.name);
  // The bridge's runId (QuickJS passes its own); implementations do not see it, only the args.
  const runId = `${params.id}:${params.runAttemptCount}`;
  const ctx: WorkerContext<unknown> = {
    id: params.id,
    tags: params.tags,
    runAttemptCount: params.runAttemptCount as WorkerContext['runAttemptCount'],
    generation: params.generation as WorkerContext['generation'],
    // Frozen copies, as the guest's: the arrays may be the scheduler's own, which a worker must not change.
    triggeredContentUris: Object.freeze([...params.triggeredContentUris]),
    triggeredContentAuthorities: Object.freeze([...params.triggeredContentAuthorities]),
    signal,
    // async: Data over the limit must reject the returned promise, not throw at the call.
    setProgress: async (p) => host.setProgress(encode(p, shapes?.progress)),
    log: host.log,
    fetch: host.fetch,
    storage: host.storage,
    native: (ref) => nativeServiceClient(runId, ref, { call: callNativeOf(host) }),
    success: Result.success,
    failure: Result.failure,
    retry: Result.retry,
  };
  const result: unknown = await worker.run(decode(task.input, shapes?.input, raw) as never, ctx);
  const status = (result as { status?: unknown } | null | undefined)?.status;
  // androidx treats a null Result as failure; anything that is not a Result is the same mistake.
  if (status !== 'success' && status !== 'failure' && status !== 'retry') {
    throw new TypeError(
      `Worker '${worker.name}' returned ${JSON.stringify(result)}; return ctx.success(), ctx.failure() or ctx.retry()`,
    );
  }
  if (status === 'retry') return { status, output: Data.EMPTY };
  const output = (result as { output?: unknown }).output;
  return {
    status,
    output: encode(output, status === 'success' ? shapes?.output : shapes?.failureOutput),
  };
}
