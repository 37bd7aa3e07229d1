import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { Data, type WorkerDefinition, type WorkerShapes } from '@workscript/api';
import { createInlineWorkExecutor } from '../../execution/inline-work-executor.js';
import { defaultPoolSize } from '../../execution/thread-work-executor.js';
import type { ExecutionOutcome, WorkExecutor, WorkTask } from '../../execution/work-executor.js';
import type { WorkerFactory } from '../../execution/worker-factory.js';
import { readBundleWorkers } from './bundle-manifest.js';
import { dataToJson, jsonToData } from './data-json.js';
import type { EngineThreadData, EngineToMain, MainToEngine } from './engine-protocol.js';
import { answerHostCall } from './host-services.js';
import {
  DEFAULT_STOP_GRACE_PERIOD_MS,
  resolveLimits,
  type QuickJsEngineOptions,
} from './quickjs-engine-options.js';

/** The QuickJS engine: the executor that runs the bundle and the factory that knows its workers. */
export interface QuickJsEngine {
  /** Runs bundle workers in QuickJS on engine threads; other workers (the built-in combiner) run inline. */
  readonly executor: WorkExecutor;
  /** Finds the bundle's workers by name (all names when there is no manifest). */
  readonly workerFactory: WorkerFactory;
}

interface Slot {
  readonly thread: Worker;
  readonly flag: Int32Array;
  busy: boolean;
  readonly tasks: Map<number, Running>;
}

interface Running {
  readonly task: WorkTask;
  readonly shapes: WorkerShapes | undefined;
  readonly resolve: (outcome: ExecutionOutcome) => void;
  readonly reject: (error: Error) => void;
}

/**
 * Creates the QuickJS engine for a bundle (`workers.js` from `workscript generate`): each attempt runs in a
 * QuickJS runtime (quickjs-emscripten) on a pool of worker threads, with memory and stack limits, the
 * runtime's fetch/storage/progress/logs behind bridge protocol v1, and stops that become an interrupt when
 * the worker ignores them for `stopGracePeriodMs`. Threads start on the first attempt.
 * @throws RangeError for a bad limit; Error when a given manifest is missing or malformed.
 */
export function createQuickJsEngine(options: QuickJsEngineOptions): QuickJsEngine {
  const limits = resolveLimits(options);
  const bundlePath = path.resolve(options.bundlePath);
  const { names, shapes } = readBundleWorkers(bundlePath, options.manifestPath);
  const poolSize = options.poolSize ?? defaultPoolSize();
  const gracePeriodMs = options.stopGracePeriodMs ?? DEFAULT_STOP_GRACE_PERIOD_MS;
  const stubs = new Map<string, WorkerDefinition>();
  const isStub = new WeakSet<WorkerDefinition>();
  const inline = createInlineWorkExecutor();
  const slots: Slot[] = [];
  const waiting: ((slot: Slot) => void)[] = [];
  let nextTaskId = 0;
  let closed = false;

  const stubFor = (name: string): WorkerDefinition => {
    let stub = stubs.get(name);
    if (stub === undefined) {
      stub = Object.freeze({
        kind: 'workscript.worker' as const,
        name,
        shapes: shapes.get(name) ?? {},
        run: () =>
          Promise.reject(
            new Error(`Worker '${name}' lives in the bundle ${bundlePath}; the QuickJS engine runs it`),
          ),
      });
      stubs.set(name, stub);
      isStub.add(stub);
    }
    return stub;
  };

  const workerFactory: WorkerFactory = {
    createWorker: (name) => (names === null || names.includes(name) ? stubFor(name) : null),
    knownWorkerNames: Object.freeze([...(names ?? [])]),
  };

  const spawn = (): Slot => {
    const interruptFlag = new SharedArrayBuffer(4);
    const threadData: EngineThreadData = {
      bundlePath,
      memoryLimitBytes: limits.memoryLimitBytes,
      maxStackSizeBytes: limits.maxStackSizeBytes,
      contexts: limits.contexts,
      interruptFlag,
    };
    // QuickJS recursion runs on the thread's native stack: give it room beyond the QuickJS limit.
    const resourceLimits = { stackSizeMb: 4 + Math.ceil(limits.maxStackSizeBytes / (1024 * 1024)) };
    const thread = import.meta.url.endsWith('.ts')
      ? // From sources (vitest, tsx) the entry is TypeScript: register tsx's loader in the thread first.
        new Worker(
          `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(new URL('./engine-thread.ts', import.meta.url).href)}); })`,
          { eval: true, workerData: threadData, resourceLimits },
        )
      : new Worker(new URL('./engine-thread.js', import.meta.url), {
          workerData: threadData,
          resourceLimits,
        });
    const slot: Slot = { thread, flag: new Int32Array(interruptFlag), busy: false, tasks: new Map() };
    thread.on('message', (msg: EngineToMain) => onMessage(slot, msg));
    thread.on('error', (e) => failAll(slot, e));
    thread.on('exit', (code) =>
      failAll(slot, new Error(`The QuickJS engine thread exited with code ${code}`)),
    );
    thread.unref();
    slots.push(slot);
    return slot;
  };

  const failAll = (slot: Slot, error: Error): void => {
    for (const { reject } of slot.tasks.values()) reject(error);
    slot.tasks.clear();
    const index = slots.indexOf(slot);
    if (index >= 0) slots.splice(index, 1);
  };

  const onMessage = (slot: Slot, msg: EngineToMain): void => {
    const running = slot.tasks.get(msg.taskId);
    if (running === undefined) return;
    if (msg.type === 'call') {
      void answerHostCall(running.task, running.shapes, msg.method, msg.argsJson).then((replyJson) => {
        if (slot.tasks.has(msg.taskId))
          slot.thread.postMessage({
            type: 'reply',
            taskId: msg.taskId,
            callId: msg.callId,
            replyJson,
          } satisfies MainToEngine);
      });
      return;
    }
    slot.tasks.delete(msg.taskId);
    if (msg.type === 'broken') {
      running.reject(new Error(msg.message));
      return;
    }
    try {
      running.resolve(toOutcome(msg.resultJson, msg.stack, running.shapes));
    } catch (e) {
      running.reject(e as Error);
    }
  };

  const acquire = (): Promise<Slot> => {
    const idle = slots.find((s) => !s.busy) ?? (slots.length < poolSize ? spawn() : undefined);
    if (idle) {
      idle.busy = true;
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

  const runInQuickJs = async (task: WorkTask): Promise<ExecutionOutcome> => {
    const workerShapes = task.worker.shapes;
    const inputJson = dataToJson(task.input, workerShapes?.input);
    const slot = await acquire();
    const taskId = nextTaskId++;
    const runId = `${task.params.id}:${task.params.runAttemptCount}:${taskId}`;
    const contextJson = JSON.stringify({
      runId,
      id: task.params.id,
      tags: task.params.tags,
      runAttemptCount: task.params.runAttemptCount,
      generation: task.params.generation,
    });
    let grace: NodeJS.Timeout | undefined;
    const onAbort = (): void => {
      slot.thread.postMessage({
        type: 'stop',
        taskId,
        reason: Number(task.signal.reason),
      } satisfies MainToEngine);
      grace = setTimeout(() => {
        // The guest may be looping (then only the interrupt handler runs) or idle (then the message ends it).
        Atomics.store(slot.flag, 0, taskId + 1);
        slot.thread.postMessage({ type: 'abandon', taskId } satisfies MainToEngine);
      }, gracePeriodMs);
    };
    try {
      return await new Promise<ExecutionOutcome>((resolve, reject) => {
        slot.tasks.set(taskId, { task, shapes: workerShapes, resolve, reject });
        slot.thread.postMessage({
          type: 'run',
          taskId,
          worker: task.worker.name,
          inputJson,
          contextJson,
          runId,
        } satisfies MainToEngine);
        if (task.signal.aborted) onAbort();
        else task.signal.addEventListener('abort', onAbort, { once: true });
      });
    } finally {
      clearTimeout(grace);
      task.signal.removeEventListener('abort', onAbort);
      Atomics.compareExchange(slot.flag, 0, taskId + 1, 0);
      release(slot);
    }
  };

  const executor: WorkExecutor = {
    execute(task) {
      if (closed) return Promise.reject(new Error('The QuickJS engine is closed'));
      return isStub.has(task.worker) ? runInQuickJs(task) : inline.execute(task);
    },
    async close() {
      closed = true;
      await Promise.all(slots.map((s) => s.thread.terminate()));
      slots.length = 0;
    },
  };
  return { executor, workerFactory };
}

/** Maps ResultJson to the executor's outcome; a failure with `error` rejects, as a thrown worker does inline. */
function toOutcome(
  resultJson: string,
  mappedStack: string | undefined,
  shapes: WorkerShapes | undefined,
): ExecutionOutcome {
  const result = JSON.parse(resultJson) as {
    status: 'success' | 'failure' | 'retry';
    output?: unknown;
    error?: { name: string; message: string; stack: string };
  };
  if (result.error !== undefined) {
    const error = new Error(result.error.message);
    error.name = result.error.name;
    error.stack =
      `${result.error.name}: ${result.error.message}\n${mappedStack ?? result.error.stack}`.trimEnd();
    throw error;
  }
  if (result.status === 'retry') return { status: 'retry', output: Data.EMPTY };
  return {
    status: result.status,
    output: jsonToData(result.output, result.status === 'success' ? shapes?.output : shapes?.failureOutput),
  };
}
