/**
 * Messages between the QuickJS engine's pool (main thread) and `engine-thread` (one worker thread each).
 * Bridge values cross as the protocol's JSON strings; the main thread owns the database, fetch and logs.
 */
export type MainToEngine =
  | {
      readonly type: 'run';
      readonly taskId: number;
      readonly worker: string;
      readonly inputJson: string;
      readonly contextJson: string;
      readonly runId: string;
    }
  | { readonly type: 'stop'; readonly taskId: number; readonly reason: number }
  /** Sent after the grace period of a stop: end the run whatever the guest is doing. */
  | { readonly type: 'abandon'; readonly taskId: number }
  | { readonly type: 'reply'; readonly taskId: number; readonly callId: number; readonly replyJson: string }
  /**
   * Run `__workscript.merge(merger, inputsJson)` synchronously; the guest is interrupted once it has run for
   * `timeLimitMs`. Sent only to the merge thread, which runs no attempts.
   */
  | {
      readonly type: 'merge';
      readonly taskId: number;
      readonly merger: string;
      readonly inputsJson: string;
      readonly timeLimitMs: number;
    };

export type EngineToMain =
  | {
      readonly type: 'call';
      readonly taskId: number;
      readonly callId: number;
      readonly method: string;
      readonly argsJson: string;
    }
  /** `__workscript.run` settled; `stack` is the error's stack mapped to the `.ts` sources, if there was one. */
  | { readonly type: 'result'; readonly taskId: number; readonly resultJson: string; readonly stack?: string }
  /** `__workscript.merge` returned MergeResultJson; `stack` as for `result`. */
  | { readonly type: 'merged'; readonly taskId: number; readonly resultJson: string; readonly stack?: string }
  /** The bundle has no `__workscript.merge`: it was built before custom input mergers. */
  | { readonly type: 'no-merge'; readonly taskId: number }
  /** The attempt or merge ended without a result: interrupted, out of memory, or the bundle did not load. */
  | { readonly type: 'broken'; readonly taskId: number; readonly message: string };

/** What the main thread hands each engine thread at start. */
export interface EngineThreadData {
  readonly bundlePath: string;
  readonly memoryLimitBytes: number;
  readonly maxStackSizeBytes: number;
  readonly contexts: 'fresh' | 'reuse';
  /**
   * One Int32: the main thread stores `taskId + 1` there to interrupt that task. The interrupt handler reads
   * it, so it works while the guest loops and the thread cannot receive messages.
   */
  readonly interruptFlag: SharedArrayBuffer;
}
