import {
  createOneTimeWorkRequest,
  INT_MAX_VALUE,
  isInt,
  type Data,
  type StopReason,
  type WorkerDefinition,
  type WorkerStorage,
  type WorkRequest,
} from '@workscript/api';
import { runInline } from '../execution/inline-work-executor.js';
import type { ExecutionOutcome } from '../execution/work-executor.js';
import { createWorkSignal } from '../execution/work-signal.js';
import { createWorkerFetch } from '../execution/worker-fetch.js';
import { createWorkerLogger } from '../execution/worker-logger.js';
import { createWorkerStorage } from '../execution/worker-storage.js';
import { silentLogger, type Logger } from '../logger.js';
import { createNativeServiceHost } from '../native/native-service-host.js';
import type { NativeServiceProvider } from '../native/provide-native-service.js';
import { WorkDatabase } from '../store/work-database.js';
import { sortTags } from '../store/work-tag-dao.js';
import { hasMethods } from '../internal/argument-checks.js';
import { showValue } from '../internal/show-value.js';
import { checkStopReason } from './driver-checks.js';

/** Options of {@link runWorker}: the `WorkerParameters` and host services of the one run. */
export interface RunWorkerOptions {
  /**
   * A request to take the id, tags and input from, as androidx's `TestListenableWorkerBuilder.from(context,
   * workRequest)` does: its tags plus the implicit one (the worker's name), as a WorkManager run would see
   * them. `id`, `tags` and `input` given beside it win. It must be a request for this worker. Default none.
   */
  readonly request?: WorkRequest;
  /**
   * The input: an object, encoded as `createOneTimeWorkRequest` encodes it (with the definition's input
   * shape, else `Data.fromObject`), or Data as it is. Default empty.
   */
  readonly input?: Readonly<Record<string, unknown>> | Data;
  /** `ctx.id`, a UUID. Default a random one. */
  readonly id?: string;
  /**
   * `ctx.tags`, an array of strings. Default none (androidx's builder starts without tags; a request would
   * add the worker name).
   */
  readonly tags?: readonly string[];
  /**
   * `ctx.runAttemptCount`, a whole number from 0 to 2,147,483,647 (Kotlin `Int`). Default 1, as androidx's
   * `TestListenableWorkerBuilder`.
   */
  readonly runAttemptCount?: number;
  /** `ctx.generation`, a whole number from 0 to 2,147,483,647 (Kotlin `Int`). Default 0. */
  readonly generation?: number;
  /**
   * `ctx.triggeredContentUris`, as androidx's `setTriggeredContentUris`: the content URIs whose changes
   * started this run, as strings. Default none.
   */
  readonly triggeredContentUris?: readonly string[];
  /**
   * `ctx.triggeredContentAuthorities`, as androidx's `setTriggeredContentAuthorities`: the authorities of
   * those changes. Default none.
   */
  readonly triggeredContentAuthorities?: readonly string[];
  /**
   * `ctx.storage`: an object with `get`, `set`, `delete` and `keys`. Default a fresh in-memory store with
   * the runtime's rules (non-empty keys, strings).
   */
  readonly storage?: WorkerStorage;
  /**
   * The app's native services for `ctx.native`: an array of `provideNativeService(...)` providers. Default
   * none: every call rejects with `unknown-method`.
   */
  readonly nativeServices?: readonly NativeServiceProvider[];
  /** Receives `ctx.log` lines: an object with a `log` method. Default silent. */
  readonly logger?: Logger;
}

/** One run started by {@link runWorker}. */
export interface WorkerRun {
  /**
   * The worker's result with its encoded output (EMPTY for retry). Rejects with what the worker threw, or a
   * TypeError when it returned something that is not a Result; without running the worker, with the
   * `InvalidWorkRequestError` of a bad input or id, a TypeError naming an option of the wrong type (or
   * options that are not an object, or a definition without `run`), or a RangeError naming a count out of
   * range.
   */
  readonly result: Promise<ExecutionOutcome>;
  /** Every `ctx.setProgress`, encoded, in order (androidx's default progress updater keeps nothing). */
  readonly progress: readonly Data[];
  /**
   * Stops the run with `reason`, as WorkManager would: `ctx.signal` aborts; the first stop wins.
   * @param reason - what the TestDriver's `stopRunningWorkWithReason` takes: a {@link StopReason}, or any
   *   integer in Kotlin `Int` range other than NOT_STOPPED.
   * @throws InvalidStopReasonError for any other value, without stopping the run.
   */
  stop(reason: StopReason): void;
}

/**
 * Runs one attempt of a worker definition without a WorkManager or its database (androidx
 * `TestListenableWorkerBuilder`: build the worker with chosen parameters, call `startWork()`, inspect the
 * Result). The worker runs inline, on this thread, with its shapes applied to input, output and progress
 * exactly as in a WorkManager, so the 10,240-byte Data limit holds too. Nothing is stored; `ctx.fetch` is
 * Node's, aborted by {@link WorkerRun.stop}.
 */
export function runWorker(definition: WorkerDefinition, options: RunWorkerOptions = {}): WorkerRun {
  const progress: Data[] = [];
  const signal = createWorkSignal();
  let scratch: WorkDatabase | undefined;
  let started: Promise<ExecutionOutcome>;
  try {
    // Checked first, and inside the try: a bad option rejects `result` without running anything.
    checkOptions(options);
    // The worker, the input and a chosen id go through the request builder, so they are encoded and checked
    // exactly as for a request (InvalidWorkRequestError names a bad one), a non-worker before `.name` is read.
    const built = createOneTimeWorkRequest(definition as WorkerDefinition<never>, {
      ...(options.input === undefined ? {} : { input: options.input as never }),
      ...(options.id === undefined ? {} : { id: options.id }),
    });
    const from = requestOption(options.request, definition.name);
    // The request builder takes a bare { name } too; running one needs the run function.
    if (typeof (definition as { run?: unknown }).run !== 'function')
      throw new TypeError(
        `runWorker: worker '${definition.name}' has no run(input, ctx) function; pass a defineWorker() definition`,
      );
    // A request's fields fill in what the options leave out; its tags gain the implicit one, as stored.
    const id = options.id === undefined && from ? from.id : built.id;
    const input = options.input === undefined && from ? from.input : built.input;
    const tags = options.tags ?? (from ? sortTags(new Set([...from.tags, from.workerName])) : []);
    const nativeServices = createNativeServiceHost(options.nativeServices ?? []);
    // The default storage is the runtime's own, on an in-memory database, so its rules are the same.
    scratch = options.storage === undefined ? WorkDatabase.open({ filename: ':memory:' }) : undefined;
    // The worker starts now, as on `startWork()`: a stop right after this call reaches a running worker.
    started = runInline({
      worker: definition,
      input,
      params: {
        id,
        tags,
        runAttemptCount: options.runAttemptCount ?? 1,
        generation: options.generation ?? 0,
        triggeredContentUris: options.triggeredContentUris ?? [],
        triggeredContentAuthorities: options.triggeredContentAuthorities ?? [],
      },
      signal: signal.signal,
      host: {
        setProgress: (p) => {
          progress.push(p);
          return Promise.resolve();
        },
        log: createWorkerLogger(options.logger ?? silentLogger, definition.name, id),
        fetch: createWorkerFetch(() => signal.nativeSignal),
        storage: options.storage ?? createWorkerStorage(scratch as WorkDatabase),
        callNative: (method, argsJson) => nativeServices.answer(method, argsJson),
      },
    });
  } catch (e) {
    started = Promise.reject(e instanceof Error ? e : new Error(String(e)));
  }
  const result = started.finally(() => scratch?.close());
  const stop = (reason: StopReason): void => {
    // The TestDriver's check: a run stopped here must see only what a WorkManager stop could give it.
    checkStopReason(reason);
    signal.stop(reason);
  };
  return { result, progress, stop };
}

/**
 * The options whose type TypeScript cannot enforce at run time (a JS caller or a cast can pass anything), so
 * that a worker never sees, say, a string as `ctx.tags`. `request`, `input` and `id` are checked where they
 * are used.
 * @throws TypeError naming an option of the wrong type; RangeError naming a count out of range.
 */
function checkOptions(options: RunWorkerOptions): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options))
    throw new TypeError(`runWorker options must be an object (RunWorkerOptions), got ${showValue(options)}`);
  for (const name of ['tags', 'triggeredContentUris', 'triggeredContentAuthorities'] as const)
    checkStrings(name, options[name]);
  for (const name of ['runAttemptCount', 'generation'] as const) {
    const value: unknown = options[name];
    if (value !== undefined && !(isInt(value) && value >= 0))
      throw new (typeof value === 'number' ? RangeError : TypeError)(
        `runWorker option ${name} must be a whole number from 0 to ${INT_MAX_VALUE} (ctx.${name} is a Kotlin Int), got ${showValue(value)}`,
      );
  }
  const { storage, logger, nativeServices } = options as Record<string, unknown>;
  if (storage !== undefined && !hasMethods(storage, ['get', 'set', 'delete', 'keys']))
    throw new TypeError(
      `runWorker option storage must be a WorkerStorage (an object with get, set, delete and keys), got ${showValue(storage)}`,
    );
  if (logger !== undefined && !hasMethods(logger, ['log']))
    throw new TypeError(
      `runWorker option logger must be a Logger (an object with log), got ${showValue(logger)}`,
    );
  if (nativeServices !== undefined && !(Array.isArray(nativeServices) && nativeServices.every(isProvider)))
    throw new TypeError(
      `runWorker option nativeServices must be an array of provideNativeService() providers, got ${showValue(nativeServices)}`,
    );
}

const isProvider = (value: unknown): boolean =>
  typeof value === 'object' &&
  value !== null &&
  (value as { kind?: unknown }).kind === 'workscript.native-service-provider';

/**
 * The `request` option, checked: a request made for `workerName` (a request for another worker would run
 * this worker with someone else's input).
 * @throws TypeError naming the option.
 */
function requestOption(request: WorkRequest | undefined, workerName: string): WorkRequest | undefined {
  if (request === undefined) return undefined;
  if (typeof request !== 'object' || request === null || typeof request.id !== 'string')
    throw new TypeError(
      'runWorker option request must be a work request (createOneTimeWorkRequest, createPeriodicWorkRequest)',
    );
  if (request.workerName !== workerName)
    throw new TypeError(
      `runWorker option request is for worker '${request.workerName}', not '${workerName}'; build it from this worker's definition`,
    );
  return request;
}

/**
 * Checks the string-list option `name`. A worker reading a string as a list would fail far from the mistake
 * (or, for tags, see `ctx.tags === "abc"`).
 * @throws TypeError naming the option when it is given and not an array of strings.
 */
function checkStrings(
  name: 'tags' | 'triggeredContentUris' | 'triggeredContentAuthorities',
  value: unknown,
): void {
  if (value !== undefined && !(Array.isArray(value) && value.every((v) => typeof v === 'string')))
    throw new TypeError(
      `runWorker option ${name} must be an array of strings, got ${JSON.stringify(value) ?? String(value)}`,
    );
}
