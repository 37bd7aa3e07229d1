import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Data, type StopReason } from '@workscript/api';
import { defaultPoolSize } from './concurrency-limit.js';
import {
  checkStopGracePeriod,
  createThreadPool,
  DEFAULT_STOP_GRACE_PERIOD_MS,
  forwardStop,
  type PooledThread,
} from './thread-pool.js';
import { startThread } from '../internal/start-thread.js';
import { callNativeOf } from '../native/native-service-host.js';
import type { HostMethod, MainToThread, ThreadToMain } from './thread-protocol.js';
import type { ExecutionOutcome, WorkExecutor, WorkTask } from './work-executor.js';

/** Options of {@link createThreadWorkExecutor}. */
export interface ThreadWorkExecutorOptions {
  /**
   * The module (path or file URL) whose exports include the `defineWorker` definitions; every thread
   * imports it once. Workers are found by their `name`.
   */
  readonly workersModule: string | URL;
  /** Threads in the pool. Default WorkManager's `max(2, min(CPUs − 1, 4))`. */
  readonly poolSize?: number;
  /**
   * How long (real ms) a stopped worker may keep its thread before the thread is terminated and replaced.
   * Default {@link DEFAULT_STOP_GRACE_PERIOD_MS} (5 000).
   */
  readonly stopGracePeriodMs?: number;
}

type Slot = PooledThread<{
  task: WorkTask;
  resolve: (o: ExecutionOutcome) => void;
  reject: (e: Error) => void;
}>;

/**
 * Runs workers off the main thread on a pool of `worker_threads` (WorkManager's `Configuration.executor`).
 * Each attempt occupies one thread; extra attempts wait for a free thread (their work is already RUNNING,
 * as on Android). Progress and storage go back to the main thread, which owns the database. A stop aborts
 * the worker's signal in its thread; a worker that has not returned `stopGracePeriodMs` later (a busy loop
 * never even sees the signal) has its thread terminated, and the next attempt gets a fresh thread. The
 * stopped attempt was already resolved at the stop, so termination writes nothing.
 */
export function createThreadWorkExecutor(options: ThreadWorkExecutorOptions): WorkExecutor {
  const poolSize = options.poolSize ?? defaultPoolSize();
  const stopGracePeriodMs = checkStopGracePeriod(options.stopGracePeriodMs ?? DEFAULT_STOP_GRACE_PERIOD_MS);
  const moduleUrl =
    options.workersModule instanceof URL || /^[a-z]+:/i.test(String(options.workersModule))
      ? String(options.workersModule)
      : pathToFileURL(String(options.workersModule)).href;
  // A path that names no file is a typo: found now, not as a thread that dies at every attempt.
  if (moduleUrl.startsWith('file:') && !existsSync(fileURLToPath(moduleUrl)))
    throw new Error(
      `workersModule ${fileURLToPath(moduleUrl)} does not exist; pass the module that exports your defineWorker definitions`,
    );
  let nextTaskId = 0;
  let closed = false;

  const pool = createThreadPool<Slot>(poolSize, () => {
    const thread = startThread(import.meta.url, 'thread-entry', { workerData: { workersModule: moduleUrl } });
    const slot: Slot = { thread, busy: false, tasks: new Map() };
    thread.on('message', (msg: ThreadToMain) => void onMessage(slot, msg));
    thread.on('error', (e) => pool.fail(slot, e));
    thread.on('exit', (code) => pool.fail(slot, new Error(`Worker thread exited with code ${code}`)));
    return slot;
  });

  const onMessage = async (slot: Slot, msg: ThreadToMain): Promise<void> => {
    const entry = slot.tasks.get(msg.taskId);
    if (entry === undefined) return;
    const { task } = entry;
    switch (msg.type) {
      case 'result':
        slot.tasks.delete(msg.taskId);
        entry.resolve({ status: msg.status, output: Data.fromByteArray(msg.output) });
        return;
      case 'error': {
        slot.tasks.delete(msg.taskId);
        const error = new Error(msg.message);
        error.name = msg.name;
        if (msg.stack) error.stack = msg.stack;
        entry.reject(error);
        return;
      }
      case 'log':
        task.host.log[msg.level](msg.message, msg.fields);
        return;
      case 'call': {
        const reply = (m: Omit<Extract<MainToThread, { type: 'reply' }>, 'type' | 'callId'>): void =>
          slot.thread.postMessage({ type: 'reply', callId: msg.callId, ...m } satisfies MainToThread);
        try {
          const value = await answerCall(task.host, msg.method, msg.args);
          reply({ ok: true, value });
        } catch (e) {
          reply({ ok: false, error: (e as Error).message });
        }
        return;
      }
    }
  };

  return {
    async execute(task: WorkTask): Promise<ExecutionOutcome> {
      if (closed) throw new Error('The thread executor is closed');
      const slot = await pool.acquire();
      if (task.signal.aborted) {
        // Stopped while waiting for a thread: the attempt is already resolved as stopped; run nothing.
        pool.release(slot);
        throw new Error(`Worker '${task.worker.name}' was stopped before a thread was free`);
      }
      const taskId = nextTaskId++;
      let settled = (): void => undefined;
      try {
        return await new Promise<ExecutionOutcome>((resolve, reject) => {
          slot.tasks.set(taskId, { task, resolve, reject });
          slot.thread.postMessage({
            type: 'run',
            taskId,
            workerName: task.worker.name,
            input: task.input.toByteArray(),
            params: {
              ...task.params,
              tags: [...task.params.tags],
              triggeredContentUris: [...task.params.triggeredContentUris],
              triggeredContentAuthorities: [...task.params.triggeredContentAuthorities],
            },
          } satisfies MainToThread);
          settled = forwardStop(task, stopGracePeriodMs, {
            stop: () => {
              const reason = task.signal.reason as StopReason;
              slot.thread.postMessage({ type: 'stop', taskId, reason } satisfies MainToThread);
            },
            graceOver: () => {
              if (!slot.tasks.has(taskId)) return;
              // Out of the pool first, so release() never hands this thread to another attempt; the 'exit'
              // that follows finds nothing left to reject.
              pool.fail(
                slot,
                new Error(
                  `Worker '${task.worker.name}' (${task.params.id}) ignored its stop (reason ${String(task.signal.reason)}) for ${stopGracePeriodMs} ms; its thread was terminated`,
                ),
              );
              void slot.thread.terminate();
            },
          });
        });
      } finally {
        settled();
        pool.release(slot);
      }
    },
    async close(): Promise<void> {
      closed = true;
      await pool.terminate();
    },
  };
}

/** Serves one host call a worker thread made for its attempt (`args` as `thread-entry.ts` sends them). */
async function answerCall(
  host: WorkTask['host'],
  method: HostMethod,
  args: readonly unknown[],
): Promise<unknown> {
  const [a, b] = args as [unknown, unknown];
  switch (method) {
    case 'setProgress':
      return host.setProgress(Data.fromByteArray(a as Uint8Array));
    case 'storage.get':
      return host.storage.get(a as string);
    case 'storage.set':
      return host.storage.set(a as string, b as string);
    case 'storage.delete':
      return host.storage.delete(a as string);
    case 'storage.keys':
      return host.storage.keys(a as string | undefined);
    case 'native':
      return callNativeOf(host)(a as string, b as string);
  }
}
