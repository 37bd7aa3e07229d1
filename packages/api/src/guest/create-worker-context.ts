import type { Int } from '../int.js';
import { Result } from '../worker/result.js';
import type {
  WorkerContext,
  WorkerFetchInit,
  WorkerLogger,
  WorkSignal,
  WorkerStorage,
} from '../worker/worker-context.js';
import type { NativeService, NativeServiceRef } from '../worker/native-service.js';
import { createFetchResponse } from './create-fetch-response.js';
import { createNativeService } from './create-native-service.js';
import type { CallHost } from './host-channel.js';
import type { RunContext } from './run-context.js';

type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/**
 * Builds the `ctx` a worker's `run` receives. Every host call carries the key order of the protocol table
 * (`runId` first), because conformance compares argsJson byte for byte.
 */
export function createWorkerContext(run: RunContext, signal: WorkSignal, callHost: CallHost): WorkerContext {
  const { runId } = run;
  const log = createLogger(runId, callHost);
  const storage: WorkerStorage = Object.freeze({
    get: (key: string) =>
      callHost('storage.get', { key: String(key) }).then((v) => (v === null ? null : String(v))),
    set: (key: string, value: string) =>
      callHost('storage.set', { key: String(key), value: String(value) }).then(() => undefined),
    delete: (key: string) => callHost('storage.delete', { key: String(key) }).then(() => undefined),
    keys: (prefix?: string) =>
      callHost('storage.keys', { prefix: prefix === undefined ? null : String(prefix) }).then((v) =>
        Array.isArray(v) ? v.map(String) : [],
      ),
  });
  return Object.freeze({
    id: run.id,
    tags: run.tags,
    runAttemptCount: run.runAttemptCount as Int,
    generation: run.generation as Int,
    // Frozen by parseRunContext, so a worker cannot change what the next reader of ctx sees.
    triggeredContentUris: run.triggeredContentUris,
    triggeredContentAuthorities: run.triggeredContentAuthorities,
    signal,
    setProgress: (progress: unknown) =>
      callHost('progress.set', { runId, progress: progress ?? {} }).then(() => undefined),
    log,
    fetch: (url: string, init?: WorkerFetchInit) =>
      callHost('fetch', {
        runId,
        url: String(url),
        method: init?.method ?? 'GET',
        headers: init?.headers ?? {},
        body: init?.body ?? null,
        timeoutMs: init?.timeoutMs ?? null,
      }).then(createFetchResponse),
    storage,
    native: <S extends NativeService>(ref: NativeServiceRef<S>) => createNativeService(runId, ref, callHost),
    success: Result.success,
    failure: Result.failure,
    retry: Result.retry,
  });
}

/**
 * Logging is fire-and-forget: the worker does not await it, so a failed log call is dropped rather than
 * surfacing as an unhandled rejection.
 */
function createLogger(runId: string, callHost: CallHost): WorkerLogger {
  const emit = (level: LogLevel) => (message: string, fields?: Readonly<Record<string, unknown>>) => {
    callHost('log', { runId, level, message: String(message), fields: fields ?? {} }).catch(() => undefined);
  };
  return Object.freeze({
    debug: emit('debug'),
    info: emit('info'),
    warn: emit('warn'),
    error: emit('error'),
  });
}
