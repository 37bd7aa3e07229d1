import path from 'node:path';
import { Data, type WorkerDefinition, type WorkerShapes } from '@workscript/api';
import { createInlineWorkExecutor } from '../../execution/inline-work-executor.js';
import { defaultPoolSize } from '../../execution/concurrency-limit.js';
import { createThreadPool, DEFAULT_STOP_GRACE_PERIOD_MS, forwardStop } from '../../execution/thread-pool.js';
import type { ExecutionOutcome, WorkExecutor, WorkTask } from '../../execution/work-executor.js';
import type { WorkerFactory } from '../../execution/worker-factory.js';
import { readBundleWorkers } from './bundle-manifest.js';
import { createMergeThread } from './create-merge-thread.js';
import { dataToJson, jsonToData } from './data-json.js';
import type { EngineToMain, MainToEngine } from './engine-protocol.js';
import { toGuestError, type GuestErrorJson } from './guest-error.js';
import { answerHostCall } from './host-services.js';
import { resolveLimits, type QuickJsEngineOptions } from './quickjs-engine-options.js';
import { spawnEngineThread, type EngineSlot } from './spawn-engine-thread.js';

/**
 * The QuickJS engine: the executor that runs the bundle, the factory that knows its workers, and its custom
 * input mergers.
 */
export interface QuickJsEngine {
  /**
   * Runs bundle workers in QuickJS on engine threads; other workers (the built-in combiner) run inline.
   * Closing it also ends the merge thread.
   */
  readonly executor: WorkExecutor;
  /** Finds the bundle's workers by name (all names when there is no manifest). */
  readonly workerFactory: WorkerFactory;
  /**
   * The bundle's merger names, sorted: the manifest's `inputMergers` (`[]` for a manifest from before custom
   * mergers). null when the bundle has no manifest beside it (a hand-made bundle): the names are then known
   * only inside the bundle, as its workers' are, so a name that nothing else knows can still be sent to
   * {@link QuickJsEngine.merge}, which rejects an unknown one with the guest's `UnknownInputMergerError`
   * ("Unknown input merger "X". Known input mergers: A, B.").
   */
  readonly inputMergers: readonly string[] | null;
  /**
   * Merges `inputs` (own input first, then each prerequisite's output) with the bundle's merger
   * `mergerName`: `__workscript.merge` in QuickJS, with the engine's bundle, heap and stack limits and
   * `contexts` mode, on the engine's merge thread. Merges run one at a time.
   *
   * Rejects (so the work FAILS, as androidx fails work whose merger threw):
   * - with the guest's error (its `name` and `message`, stack mapped to the `.ts` sources as a worker's)
   *   when the merger throws, returns something that is not a Data, is unknown, or its result exceeds
   *   10,240 bytes;
   * - with an Error that says to regenerate the bundle when it was built before custom input mergers;
   * - with an Error naming `mergeTimeLimitMs` when the merger ran past it and was interrupted;
   * - with QuickJS's error when it ran out of memory outside the merger's reach, or the engine is closed.
   */
  merge(mergerName: string, inputs: readonly Data[]): Promise<Data>;
}

type Slot = EngineSlot<Running>;

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
 * the worker ignores them for `stopGracePeriodMs`. Threads start on the first attempt. Custom input mergers
 * run on a thread of their own, started on the first merge (see `create-merge-thread.ts` for why).
 * @throws RangeError for a bad limit; Error when a given manifest is missing or malformed.
 */
export function createQuickJsEngine(options: QuickJsEngineOptions): QuickJsEngine {
  const limits = resolveLimits(options);
  const bundlePath = path.resolve(options.bundlePath);
  const { names, shapes, inputMergers } = readBundleWorkers(bundlePath, options.manifestPath);
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

  const threadSettings = {
    bundlePath,
    memoryLimitBytes: limits.memoryLimitBytes,
    maxStackSizeBytes: limits.maxStackSizeBytes,
    contexts: limits.contexts,
  };
  const mergeThread = createMergeThread(threadSettings, limits.mergeTimeLimitMs);
  const pool = createThreadPool<Slot>(poolSize, () =>
    spawnEngineThread(threadSettings, {
      onMessage: (slot, msg) => onMessage(slot, msg),
      onFailure: (slot, e) => pool.fail(slot, e),
    }),
  );

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
    if (msg.type !== 'result') {
      running.reject(new Error(`An engine thread answered an attempt with '${msg.type}'`));
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
    if (task.signal.aborted) {
      // Stopped while waiting for a thread: the attempt is already resolved as stopped; run nothing.
      pool.release(slot);
      throw new Error(`Worker '${task.worker.name}' was stopped before a QuickJS thread was free`);
    }
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
        settled = forwardStop(task, gracePeriodMs, {
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
      await Promise.all([pool.terminate(), mergeThread.close()]);
    },
  };
  return {
    executor,
    workerFactory,
    inputMergers: inputMergers === null ? null : Object.freeze([...inputMergers]),
    merge: (mergerName, inputs) => mergeThread.merge(mergerName, inputs),
  };
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
    error?: GuestErrorJson;
  };
  if (result.error !== undefined) throw toGuestError(result.error, mappedStack);
  if (result.status === 'retry') return { status: 'retry', output: Data.EMPTY };
  return {
    status: result.status,
    output: jsonToData(result.output, result.status === 'success' ? shapes?.output : shapes?.failureOutput),
  };
}
