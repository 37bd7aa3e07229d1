import path from 'node:path';
import { Data, type WorkerDefinition, type WorkerShapes } from '@workscript/api';
import { createInlineWorkExecutor } from '../../execution/inline-work-executor.js';
import { defaultPoolSize } from '../../execution/concurrency-limit.js';
import {
  createThreadPool,
  DEFAULT_STOP_GRACE_PERIOD_MS,
  forwardStop,
  startThread,
  type PooledThread,
} from '../../execution/thread-pool.js';
import type { ExecutionOutcome, WorkExecutor, WorkTask } from '../../execution/work-executor.js';
import type { WorkerFactory } from '../../execution/worker-factory.js';
import { readBundleWorkers } from './bundle-manifest.js';
import { dataToJson, jsonToData } from './data-json.js';
import type { EngineThreadData, EngineToMain, MainToEngine } from './engine-protocol.js';
import { answerHostCall } from './host-services.js';
import { resolveLimits, type QuickJsEngineOptions } from './quickjs-engine-options.js';

/** The QuickJS engine: the executor that runs the bundle and the factory that knows its workers. */
export interface QuickJsEngine {
  /** Runs bundle workers in QuickJS on engine threads; other workers (the built-in combiner) run inline. */
  readonly executor: WorkExecutor;
  /** Finds the bundle's workers by name (all names when there is no manifest). */
  readonly workerFactory: WorkerFactory;
}

interface Slot extends PooledThread<Running> {
  readonly flag: Int32Array;
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

  const pool = createThreadPool<Slot>(poolSize, () => {
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
    const thread = startThread(import.meta.url, 'engine-thread', { workerData: threadData, resourceLimits });
    const slot: Slot = { thread, flag: new Int32Array(interruptFlag), busy: false, tasks: new Map() };
    thread.on('message', (msg: EngineToMain) => onMessage(slot, msg));
    thread.on('error', (e) => pool.fail(slot, e));
    thread.on('exit', (code) =>
      pool.fail(slot, new Error(`The QuickJS engine thread exited with code ${code}`)),
    );
    thread.unref();
    return slot;
  });

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

  const runInQuickJs = async (task: WorkTask): Promise<ExecutionOutcome> => {
    const workerShapes = task.worker.shapes;
    const inputJson = dataToJson(task.input, workerShapes?.input);
    const slot = await pool.acquire();
    const taskId = nextTaskId++;
    const runId = `${task.params.id}:${task.params.runAttemptCount}:${taskId}`;
    const contextJson = JSON.stringify({
      runId,
      id: task.params.id,
      tags: task.params.tags,
      runAttemptCount: task.params.runAttemptCount,
      generation: task.params.generation,
      triggeredContentUris: task.params.triggeredContentUris,
      triggeredContentAuthorities: task.params.triggeredContentAuthorities,
    });
    let settled = (): void => undefined;
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
        settled = forwardStop(task.signal, gracePeriodMs, {
          stop: () =>
            slot.thread.postMessage({
              type: 'stop',
              taskId,
              reason: Number(task.signal.reason),
            } satisfies MainToEngine),
          graceOver: () => {
            // The guest may be looping (then only the interrupt handler runs) or idle (then the message ends it).
            Atomics.store(slot.flag, 0, taskId + 1);
            slot.thread.postMessage({ type: 'abandon', taskId } satisfies MainToEngine);
          },
        });
      });
    } finally {
      settled();
      Atomics.compareExchange(slot.flag, 0, taskId + 1, 0);
      pool.release(slot);
    }
  };

  const executor: WorkExecutor = {
    execute(task) {
      if (closed) return Promise.reject(new Error('The QuickJS engine is closed'));
      return isStub.has(task.worker) ? runInQuickJs(task) : inline.execute(task);
    },
    async close() {
      closed = true;
      await pool.terminate();
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
