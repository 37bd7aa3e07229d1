import { checkStopGracePeriod, DEFAULT_STOP_GRACE_PERIOD_MS } from '../../execution/thread-pool.js';

/** Limits and settings of the QuickJS engine; the defaults are the Kotlin runtime's (`WorkscriptRuntime.Config`). */
export interface QuickJsEngineOptions {
  /** Path of the bundle (`workers.js` from `workscript generate`); its source map is read from `<bundlePath>.map`. */
  readonly bundlePath: string;
  /**
   * Path of the manifest (`workscript.json`) that lists the workers and their Data shapes. Default: the
   * `workscript.json` beside the bundle, when it exists. Without one, inputs are decoded with
   * `Data.toObject()`, outputs encoded with `Data.fromObject()`, and every worker name is sent to the bundle.
   */
  readonly manifestPath?: string;
  /** QuickJS heap limit per attempt; past it allocations throw "out of memory". Default 64 MiB. */
  readonly memoryLimitBytes?: number;
  /** QuickJS stack limit; deeper recursion throws a catchable "stack overflow". Default 1 MiB. */
  readonly maxStackSizeBytes?: number;
  /** After a stop, how long a worker may take to honour `ctx.signal` before the engine is interrupted. Default 5 000. */
  readonly stopGracePeriodMs?: number;
  /**
   * `'fresh'` (default, as on Android): a new QuickJS runtime per attempt, so no state, memory or broken engine
   * survives an attempt. `'reuse'`: each thread keeps one loaded context and runs attempts in it one at a
   * time (module-level state persists between attempts; a context that ran out of memory or was interrupted
   * is replaced).
   */
  readonly contexts?: 'fresh' | 'reuse';
  /** Engine threads. Default WorkManager's pool size, `max(2, min(CPUs − 1, 4))`. */
  readonly poolSize?: number;
  /**
   * How long one custom input merger may run before the engine interrupts it and the merge rejects (so its
   * work FAILS, as a merger that throws does). androidx has no such limit: a merger that never returns
   * blocks its executor thread for good; here it would block every merge. Default 10 000.
   */
  readonly mergeTimeLimitMs?: number;
}

/** The options with every default applied. */
export interface ResolvedQuickJsLimits {
  readonly memoryLimitBytes: number;
  readonly maxStackSizeBytes: number;
  readonly contexts: 'fresh' | 'reuse';
  readonly mergeTimeLimitMs: number;
}

export const DEFAULT_MEMORY_LIMIT_BYTES = 64 * 1024 * 1024;
export const DEFAULT_MAX_STACK_SIZE_BYTES = 1024 * 1024;
/**
 * A merge reads at most a few 10 KB inputs and returns one; real mergers take microseconds to milliseconds,
 * so 10 s only ever ends a merger that loops, while keeping the merges queued behind it waiting briefly.
 */
export const DEFAULT_MERGE_TIME_LIMIT_MS = 10_000;

/**
 * Applies the defaults.
 * @throws RangeError naming the option when a limit is not a positive number.
 */
export function resolveLimits(options: QuickJsEngineOptions): ResolvedQuickJsLimits {
  const memoryLimitBytes = options.memoryLimitBytes ?? DEFAULT_MEMORY_LIMIT_BYTES;
  const maxStackSizeBytes = options.maxStackSizeBytes ?? DEFAULT_MAX_STACK_SIZE_BYTES;
  const mergeTimeLimitMs = options.mergeTimeLimitMs ?? DEFAULT_MERGE_TIME_LIMIT_MS;
  for (const [name, value] of [
    ['memoryLimitBytes', memoryLimitBytes],
    ['maxStackSizeBytes', maxStackSizeBytes],
    ['mergeTimeLimitMs', mergeTimeLimitMs],
  ] as const) {
    if (!Number.isFinite(value) || value < 0 || value === 0) {
      throw new RangeError(
        `QuickJS engine option ${name} must be a positive number of ${name.endsWith('Ms') ? 'milliseconds' : 'bytes'}, got ${value}`,
      );
    }
  }
  checkStopGracePeriod(options.stopGracePeriodMs ?? DEFAULT_STOP_GRACE_PERIOD_MS);
  return { memoryLimitBytes, maxStackSizeBytes, contexts: options.contexts ?? 'fresh', mergeTimeLimitMs };
}
