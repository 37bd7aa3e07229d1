import { parentPort, workerData } from 'node:worker_threads';
import { Data, isWorkerDefinition, type WorkerDefinition, type WorkerLogger } from '@workscript/api';
import { createInlineWorkExecutor } from './inline-work-executor.js';
import { MAX_NODE_DELAY } from '../timer.js';
import type { HostMethod, MainToThread, ThreadToMain } from './thread-protocol.js';
import { createWorkerFetch } from './worker-fetch.js';
import { createWorkSignal, type WorkSignalController } from './work-signal.js';

/**
 * Runs inside a worker thread of the thread executor: imports the app's workers module once, then runs
 * the attempts it is sent with the inline executor, forwarding progress, logs and storage to the main
 * thread (which owns the database) and doing `fetch` locally.
 */
const port = parentPort;
if (port === null) throw new Error('thread-entry must run in a worker thread');
const { workersModule } = workerData as { workersModule: string };
const definitions = new Map<string, WorkerDefinition>();
// A module that fails to load (a syntax error, a throw at its top level) fails each attempt sent here with
// that error, as an unknown worker does: left unhandled it would kill the thread, which counts as a process
// death and retries the work for ever.
const ready: Promise<Error | undefined> = import(workersModule).then(
  (mod: Record<string, unknown>) => {
    for (const value of Object.values(mod)) if (isWorkerDefinition(value)) definitions.set(value.name, value);
    return undefined;
  },
  (e: unknown) => (e instanceof Error ? e : new Error(String(e))),
);
// The main thread owns the grace period (it terminates this thread): this thread never gives up a stopped
// attempt itself, or a worker that ignored its stop would keep running in a thread handed to the next one.
const executor = createInlineWorkExecutor({ stopGracePeriodMs: MAX_NODE_DELAY });
const running = new Map<number, WorkSignalController>();
const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
let nextCallId = 0;

const post = (message: ThreadToMain): void => port.postMessage(message);
const call = (taskId: number, method: HostMethod, args: readonly unknown[]): Promise<unknown> =>
  new Promise((resolve, reject) => {
    const callId = nextCallId++;
    pending.set(callId, { resolve, reject });
    post({ type: 'call', taskId, callId, method, args });
  });

function loggerFor(taskId: number): WorkerLogger {
  // Fields are JSON-normalised: anything structured clone cannot carry (functions, class instances) is dropped.
  const send =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (message: string, fields?: Readonly<Record<string, unknown>>) =>
      post({
        type: 'log',
        taskId,
        level,
        message,
        ...(fields ? { fields: JSON.parse(JSON.stringify(fields)) as Record<string, unknown> } : {}),
      });
  return { debug: send('debug'), info: send('info'), warn: send('warn'), error: send('error') };
}

async function run(msg: Extract<MainToThread, { type: 'run' }>): Promise<void> {
  // Registered before the module has loaded, so a stop that arrives meanwhile is not lost.
  const controller = createWorkSignal();
  running.set(msg.taskId, controller);
  const loadError = await ready;
  if (controller.signal.aborted || loadError !== undefined) {
    running.delete(msg.taskId);
    post({
      type: 'error',
      taskId: msg.taskId,
      name: 'Error',
      message:
        loadError === undefined
          ? 'Stopped before it started'
          : `The workers module ${workersModule} failed to load: ${loadError.message}`,
    });
    return;
  }
  const worker = definitions.get(msg.workerName);
  if (worker === undefined) {
    const known = [...definitions.keys()].sort().join(', ') || '(none)';
    post({
      type: 'error',
      taskId: msg.taskId,
      name: 'Error',
      message: `Worker '${msg.workerName}' is not exported by ${workersModule}; it exports: ${known}`,
    });
    running.delete(msg.taskId);
    return;
  }
  try {
    const outcome = await executor.execute({
      worker,
      input: Data.fromByteArray(msg.input),
      params: msg.params,
      signal: controller.signal,
      host: {
        setProgress: async (p) => void (await call(msg.taskId, 'setProgress', [p.toByteArray()])),
        log: loggerFor(msg.taskId),
        fetch: createWorkerFetch(controller.nativeSignal),
        storage: {
          get: async (key) => (await call(msg.taskId, 'storage.get', [key])) as string | null,
          set: async (key, value) => void (await call(msg.taskId, 'storage.set', [key, value])),
          delete: async (key) => void (await call(msg.taskId, 'storage.delete', [key])),
          keys: async (prefix) => (await call(msg.taskId, 'storage.keys', [prefix])) as string[],
        },
        // The implementations are user objects on the main thread; the call goes there as bridge JSON.
        callNative: async (method, argsJson) =>
          (await call(msg.taskId, 'native', [method, argsJson])) as string,
      },
    });
    post({
      type: 'result',
      taskId: msg.taskId,
      status: outcome.status,
      output: outcome.output.toByteArray(),
    });
  } catch (e) {
    const error = e instanceof Error ? e : new Error(String(e));
    post({
      type: 'error',
      taskId: msg.taskId,
      name: error.name,
      message: error.message,
      ...(error.stack ? { stack: error.stack } : {}),
    });
  } finally {
    running.delete(msg.taskId);
  }
}

port.on('message', (msg: MainToThread) => {
  if (msg.type === 'run') void run(msg);
  else if (msg.type === 'stop') running.get(msg.taskId)?.stop(msg.reason);
  else {
    const p = pending.get(msg.callId);
    pending.delete(msg.callId);
    if (msg.ok) p?.resolve(msg.value);
    else p?.reject(new Error(msg.error));
  }
});
