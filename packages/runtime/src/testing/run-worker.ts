import { randomUUID } from 'node:crypto';
import {
  Data,
  encodeData,
  type StopReason,
  type WorkerDefinition,
  type WorkerStorage,
} from '@workscript/api';
import { runInline } from '../execution/inline-work-executor.js';
import type { ExecutionOutcome } from '../execution/work-executor.js';
import { createWorkSignal } from '../execution/work-signal.js';
import { createWorkerFetch } from '../execution/worker-fetch.js';
import { createWorkerStorage } from '../execution/worker-storage.js';
import { silentLogger, type Logger } from '../logger.js';
import { createNativeServiceHost } from '../native/native-service-host.js';
import type { NativeServiceProvider } from '../native/provide-native-service.js';
import { WorkDatabase } from '../store/work-database.js';

/** Options of {@link runWorker}: the `WorkerParameters` and host services of the one run. */
export interface RunWorkerOptions {
  /**
   * The input: an object, encoded with the definition's input shape as a request would be (else
   * `Data.fromObject`), or Data as it is. Default empty.
   */
  readonly input?: Readonly<Record<string, unknown>> | Data;
  /** `ctx.id`. Default a random UUID. */
  readonly id?: string;
  /** `ctx.tags`. Default none (androidx's builder starts without tags; a request would add the worker name). */
  readonly tags?: readonly string[];
  /** `ctx.runAttemptCount`. Default 1, as androidx's `TestListenableWorkerBuilder`. */
  readonly runAttemptCount?: number;
  /** `ctx.generation`. Default 0. */
  readonly generation?: number;
  /** `ctx.storage`. Default a fresh in-memory store with the runtime's rules (non-empty keys, strings). */
  readonly storage?: WorkerStorage;
  /** The app's native services for `ctx.native`. Default none: every call rejects with `unknown-method`. */
  readonly nativeServices?: readonly NativeServiceProvider[];
  /** Receives `ctx.log` lines. Default silent. */
  readonly logger?: Logger;
}

/** One run started by {@link runWorker}. */
export interface WorkerRun {
  /**
   * The worker's result with its encoded output (EMPTY for retry). Rejects with what the worker threw, or a
   * TypeError when it returned something that is not a Result.
   */
  readonly result: Promise<ExecutionOutcome>;
  /** Every `ctx.setProgress`, encoded, in order (androidx's default progress updater keeps nothing). */
  readonly progress: readonly Data[];
  /** Stops the run with `reason`, as WorkManager would: `ctx.signal` aborts; the first stop wins. */
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
  const logger = options.logger ?? silentLogger;
  const tag = `workscript:worker:${definition.name}`;
  const id = options.id ?? randomUUID();
  const input = options.input ?? {};
  // The default storage is the runtime's own, on an in-memory database, so its rules are the same.
  const scratch = options.storage === undefined ? WorkDatabase.open({ filename: ':memory:' }) : undefined;
  const nativeServices = createNativeServiceHost(options.nativeServices ?? []);
  let started: Promise<ExecutionOutcome>;
  try {
    // The worker starts now, as on `startWork()`: a stop right after this call reaches a running worker.
    started = runInline({
      worker: definition,
      input:
        input instanceof Data
          ? input
          : definition.shapes?.input
            ? encodeData(input, definition.shapes.input)
            : Data.fromObject(input),
      params: {
        id,
        tags: options.tags ?? [],
        runAttemptCount: options.runAttemptCount ?? 1,
        generation: options.generation ?? 0,
      },
      signal: signal.signal,
      host: {
        setProgress: (p) => {
          progress.push(p);
          return Promise.resolve();
        },
        log: {
          debug: (m, f) => logger.log('debug', tag, m, { id, ...f }),
          info: (m, f) => logger.log('info', tag, m, { id, ...f }),
          warn: (m, f) => logger.log('warn', tag, m, { id, ...f }),
          error: (m, f) => logger.log('error', tag, m, { id, ...f }),
        },
        fetch: createWorkerFetch(() => signal.nativeSignal),
        storage: options.storage ?? createWorkerStorage(scratch as WorkDatabase),
        callNative: (method, argsJson) => nativeServices.answer(method, argsJson),
      },
    });
  } catch (e) {
    started = Promise.reject(e instanceof Error ? e : new Error(String(e)));
  }
  const result = started.finally(() => scratch?.close());
  return { result, progress, stop: (reason) => void signal.stop(reason) };
}
