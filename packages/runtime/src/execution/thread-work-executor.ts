import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { Data, type StopReason } from '@workscript/api';
import type { MainToThread, ThreadToMain } from './thread-protocol.js';
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
}

interface Slot {
  readonly thread: Worker;
  busy: boolean;
  readonly tasks: Map<
    number,
    { task: WorkTask; resolve: (o: ExecutionOutcome) => void; reject: (e: Error) => void }
  >;
}

/** WorkManager's default worker pool size: `max(2, min(CPUs − 1, 4))`. */
export const defaultPoolSize = (): number => Math.max(2, Math.min(availableParallelism() - 1, 4));

/**
 * Runs workers off the main thread on a pool of `worker_threads` (WorkManager's `Configuration.executor`).
 * Each attempt occupies one thread; extra attempts wait for a free thread (their work is already RUNNING,
 * as on Android). Progress and storage go back to the main thread, which owns the database. A stop aborts
 * the worker's signal in its thread; a worker that ignores it keeps its thread until it returns.
 */
export function createThreadWorkExecutor(options: ThreadWorkExecutorOptions): WorkExecutor {
  const poolSize = options.poolSize ?? defaultPoolSize();
  const moduleUrl =
    options.workersModule instanceof URL || /^[a-z]+:/i.test(String(options.workersModule))
      ? String(options.workersModule)
      : pathToFileURL(String(options.workersModule)).href;
  const slots: Slot[] = [];
  const waiting: ((slot: Slot) => void)[] = [];
  let nextTaskId = 0;
  let closed = false;

  const spawn = (): Slot => {
    const thread = import.meta.url.endsWith('.ts')
      ? // Running from sources (vitest, tsx): the entry is TypeScript, so the thread registers tsx's loader
        // first (`--import` in a worker's execArgv is not honoured). Built code takes the branch below.
        new Worker(
          `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(new URL('./thread-entry.ts', import.meta.url).href)}); })`,
          { eval: true, workerData: { workersModule: moduleUrl } },
        )
      : new Worker(new URL('./thread-entry.js', import.meta.url), {
          workerData: { workersModule: moduleUrl },
        });
    const slot: Slot = { thread, busy: false, tasks: new Map() };
    thread.on('message', (msg: ThreadToMain) => void onMessage(slot, msg));
    thread.on('error', (e) => failAll(slot, e));
    thread.on('exit', (code) => failAll(slot, new Error(`Worker thread exited with code ${code}`)));
    slots.push(slot);
    return slot;
  };

  const failAll = (slot: Slot, error: Error): void => {
    for (const { reject } of slot.tasks.values()) reject(error);
    slot.tasks.clear();
    const index = slots.indexOf(slot);
    if (index >= 0) slots.splice(index, 1);
  };

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
          const [a, b] = msg.args as [unknown, unknown];
          const value =
            msg.method === 'setProgress'
              ? await task.host.setProgress(Data.fromByteArray(a as Uint8Array))
              : msg.method === 'storage.get'
                ? await task.host.storage.get(a as string)
                : msg.method === 'storage.set'
                  ? await task.host.storage.set(a as string, b as string)
                  : msg.method === 'storage.delete'
                    ? await task.host.storage.delete(a as string)
                    : await task.host.storage.keys(a as string | undefined);
          reply({ ok: true, value });
        } catch (e) {
          reply({ ok: false, error: (e as Error).message });
        }
        return;
      }
    }
  };

  const acquire = (): Promise<Slot> => {
    const idle = slots.find((s) => !s.busy) ?? (slots.length < poolSize ? spawn() : undefined);
    if (idle) {
      idle.busy = true;
      // A busy thread keeps the process alive (the run must finish); an idle one must not.
      idle.thread.ref();
      return Promise.resolve(idle);
    }
    return new Promise((resolve) => waiting.push(resolve));
  };

  const release = (slot: Slot): void => {
    const next = waiting.shift();
    if (next && slots.includes(slot)) next(slot);
    else if (next) void acquire().then(next);
    else {
      slot.busy = false;
      slot.thread.unref();
    }
  };

  return {
    async execute(task: WorkTask): Promise<ExecutionOutcome> {
      if (closed) throw new Error('The thread executor is closed');
      const slot = await acquire();
      const taskId = nextTaskId++;
      const onAbort = (): void =>
        slot.thread.postMessage({
          type: 'stop',
          taskId,
          reason: task.signal.reason as StopReason,
        } satisfies MainToThread);
      try {
        return await new Promise<ExecutionOutcome>((resolve, reject) => {
          slot.tasks.set(taskId, { task, resolve, reject });
          slot.thread.postMessage({
            type: 'run',
            taskId,
            workerName: task.worker.name,
            input: task.input.toByteArray(),
            params: { ...task.params, tags: [...task.params.tags] },
          } satisfies MainToThread);
          task.signal.addEventListener('abort', onAbort, { once: true });
        });
      } finally {
        task.signal.removeEventListener('abort', onAbort);
        release(slot);
      }
    },
    async close(): Promise<void> {
      closed = true;
      await Promise.all(slots.map((s) => s.thread.terminate()));
      slots.length = 0;
    },
  };
}
