import type {
  Data,
  WorkerContext,
  WorkerDefinition,
  WorkerLogger,
  WorkerStorage,
  WorkSignal,
} from '@workscript/api';

/** What one run of a worker needs, independent of where it runs. */
export interface WorkTask {
  /** The worker to run. */
  readonly worker: WorkerDefinition;
  /** Merged input Data. */
  readonly input: Data;
  /** `WorkerParameters`: id, tags, attempt count (pre-increment), generation, triggered content. */
  readonly params: {
    readonly id: string;
    readonly tags: readonly string[];
    readonly runAttemptCount: number;
    readonly generation: number;
    /**
     * `WorkerParameters.triggeredContentUris`: the content URIs whose changes started this run (at most 50),
     * in the order they were reported; empty unless the work has content-URI triggers and a change started it.
     */
    readonly triggeredContentUris: readonly string[];
    /** `WorkerParameters.triggeredContentAuthorities`: the authorities of those changes, each once. */
    readonly triggeredContentAuthorities: readonly string[];
  };
  /** Aborts with the stop reason when the run is stopped. */
  readonly signal: WorkSignal;
  /**
   * Subscribes to the stop without making `signal` create its AbortController (which costs more than the
   * rest of an attempt's signal, and most attempts never stop); returns the unsubscribe function. The
   * executors use it to forward a stop and start the grace period. Absent (a hand-made task): they listen on
   * `signal` instead.
   */
  readonly onStop?: (listener: () => void) => () => void;
  /** Host services the worker calls back into. */
  readonly host: {
    /** Persists progress (already encoded). */
    setProgress(progress: Data): Promise<void>;
    /** The worker's logger. */
    readonly log: WorkerLogger;
    /** `ctx.fetch`. */
    readonly fetch: WorkerContext['fetch'];
    /** `ctx.storage`. */
    readonly storage: WorkerStorage;
    /**
     * Answers a `native.<Service>.<method>` call (argsJson `{"runId","args":[...]}`) with the bridge's
     * HostReplyJson; never rejects. The implementations live on the main thread. Default (absent): no
     * native services, every call replies `unknown-method`.
     */
    callNative?(method: string, argsJson: string): Promise<string>;
  };
}

/** The outcome of a run that returned normally. */
export interface ExecutionOutcome {
  /** `Result` kind. */
  readonly status: 'success' | 'failure' | 'retry';
  /** Encoded output (EMPTY for retry). */
  readonly output: Data;
}

/**
 * Runs workers. The inline executor runs them on the main thread; a `worker_threads` executor (planned)
 * implements the same interface, which is why tasks carry Data, not decoded objects.
 */
export interface WorkExecutor {
  /** Runs one attempt. Rejects when the worker throws or returns something that is not a Result. */
  execute(task: WorkTask): Promise<ExecutionOutcome>;
  /** Releases threads, if any. */
  close(): Promise<void>;
}
