import type { Int } from '../int.js';
import type { StopReason } from '../stop-reason.js';
import type { NativeService, NativeServiceRef } from './native-service.js';
import type { EmptyOutput, FailureResult, RetryResult, SuccessResult } from './result.js';

/**
 * The `AbortSignal` a worker receives. It aborts when WorkManager stops the run (cancellation, a lost
 * constraint, the time limit); `reason` is then the {@link StopReason}. Structurally a subset of the DOM
 * `AbortSignal`, so `fetch(url, { signal })`-style APIs accept it.
 */
export interface WorkSignal {
  /** True once the run has been stopped. */
  readonly aborted: boolean;
  /** The stop reason once aborted, otherwise undefined. */
  readonly reason: StopReason | undefined;
  /** Throws if the run has been stopped; handy inside loops. */
  throwIfAborted(): void;
  /** Registers a listener for the stop. */
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  /** Removes a listener registered with {@link WorkSignal.addEventListener}. */
  removeEventListener(type: 'abort', listener: () => void): void;
}

/** Structured logging; each host routes it to its log (Logcat on Android, the runtime's logger on Node). */
export interface WorkerLogger {
  /** Debug-level message. */
  debug(message: string, fields?: Readonly<Record<string, unknown>>): void;
  /** Info-level message. */
  info(message: string, fields?: Readonly<Record<string, unknown>>): void;
  /** Warning. */
  warn(message: string, fields?: Readonly<Record<string, unknown>>): void;
  /** Error. */
  error(message: string, fields?: Readonly<Record<string, unknown>>): void;
}

/** Options of {@link WorkerContext.fetch}: the subset of `RequestInit` that both hosts implement. */
export interface WorkerFetchInit {
  /** HTTP method. Default `'GET'`. */
  readonly method?: string;
  /** Request headers. Default none. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Request body as text. Default none. */
  readonly body?: string;
  /** Give up after this many milliseconds. Default: no timeout beyond the run's own limit. */
  readonly timeoutMs?: number;
}

/** The response of {@link WorkerContext.fetch}. */
export interface WorkerFetchResponse {
  /** HTTP status code. */
  readonly status: number;
  /** True for 2xx. */
  readonly ok: boolean;
  /** Final URL after redirects. */
  readonly url: string;
  /** Response headers, lower-cased names. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body as text. */
  text(): Promise<string>;
  /** The body parsed as JSON. */
  json<T = unknown>(): Promise<T>;
}

/** Key-value storage that outlives runs, persisted by the host (SharedPreferences on Android, SQLite on Node). */
export interface WorkerStorage {
  /** The value stored under `key`, or null. */
  get(key: string): Promise<string | null>;
  /** Stores `value` under `key`. */
  set(key: string, value: string): Promise<void>;
  /** Removes `key`. */
  delete(key: string): Promise<void>;
  /** Keys, optionally only those starting with `prefix`, sorted. */
  keys(prefix?: string): Promise<string[]>;
}

/**
 * What a worker's `run` receives besides its input: WorkManager's `WorkerParameters` plus host services.
 * @typeParam P - the progress type (`setProgress`).
 */
export interface WorkerContext<P = Readonly<Record<string, unknown>>> {
  /** The work's id (a UUID). */
  readonly id: string;
  /** The work's tags. */
  readonly tags: readonly string[];
  /** How many times this work ran before this run: 0 on the first run (`getRunAttemptCount()`). */
  readonly runAttemptCount: Int;
  /** How many times the work was updated (`WorkerParameters.generation`). */
  readonly generation: Int;
  /**
   * The content URIs whose changes started this run (`getTriggeredContentUris()`), as strings. Empty unless
   * the work has `constraints.contentUriTriggers` and a content change started this run. At most 50, as
   * JobScheduler reports them: when more changed, the others are missing here, so check
   * {@link WorkerContext.triggeredContentAuthorities} to learn whether content changes started the run.
   */
  readonly triggeredContentUris: readonly string[];
  /**
   * The authorities of the content changes that started this run (`getTriggeredContentAuthorities()`).
   * Empty unless the work has `constraints.contentUriTriggers` and a content change started this run.
   */
  readonly triggeredContentAuthorities: readonly string[];
  /** Aborts when the run is stopped; see {@link WorkSignal}. */
  readonly signal: WorkSignal;
  /** Publishes progress, readable through `WorkInfo.progress` while the work runs. */
  setProgress(progress: P): Promise<void>;
  /** Structured logs. */
  readonly log: WorkerLogger;
  /** HTTP from inside the worker, through the host. */
  fetch(url: string, init?: WorkerFetchInit): Promise<WorkerFetchResponse>;
  /** Persistent key-value storage. */
  readonly storage: WorkerStorage;
  /**
   * The native service behind `ref`, bound to this run: each method call crosses the bridge as
   * `native.<Service>.<method>` with its arguments as JSON and resolves with the app's (Kotlin, or on Node the
   * test's) implementation's return value. A service the host does not provide rejects with a `HostCallError`
   * of code `unknown-method`.
   */
  native<S extends NativeService>(ref: NativeServiceRef<S>): S;
  /** `Result.success(output)`. */
  success<O = EmptyOutput>(output?: O): SuccessResult<O>;
  /** `Result.failure(output)`. */
  failure<F = EmptyOutput>(output?: F): FailureResult<F>;
  /** `Result.retry()`. */
  retry(): RetryResult;
}
