import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { newQuickJSWASMModule, newVariant, RELEASE_SYNC, type QuickJSWASMModule } from 'quickjs-emscripten';
import type { EngineThreadData, EngineToMain, MainToEngine } from './engine-protocol.js';
import { GuestEngine } from './guest-engine.js';
import { createStackMapper } from './source-mapped-stack.js';
import { MAX_NODE_DELAY } from '../../timer.js';

/**
 * One engine thread of the QuickJS engine: loads the bundle, runs one attempt at a time in a QuickJS
 * runtime (fresh per attempt, or one reused context), answers `timer.sleep` itself and forwards every other
 * host call to the main thread. A stop calls `__workscript.stop`; an `abandon` (grace period over) or the
 * shared interrupt flag ends the attempt whatever the guest does. The engine's merge thread runs the same
 * code and gets only `merge` messages, one at a time.
 */
const port = parentPort;
if (port === null) throw new Error('engine-thread must run in a worker thread');
const data = workerData as EngineThreadData;
const flag = new Int32Array(data.interruptFlag);
const fileName = path.basename(data.bundlePath);
const code = readFileSync(data.bundlePath, 'utf8');
const mapStack = createStackMapper(fileName, `${data.bundlePath}.map`);
const limits = { memoryLimitBytes: data.memoryLimitBytes, maxStackSizeBytes: data.maxStackSizeBytes };
/** What the QuickJS build needs besides the guest heap (its own start-up memory), in 64 KiB pages. */
const BASE_PAGES = 256;
const PAGE = 64 * 1024;

/**
 * A QuickJS module whose WebAssembly memory has a fixed maximum. `setMemoryLimit` alone does not bound a
 * runtime's total in the emscripten build (it accounts 8 bytes per allocation: quickjs-emscripten #271), so
 * a memory bomb would grow the thread to gigabytes; with a capped memory, malloc fails and the guest gets
 * QuickJS's "out of memory". One attempt runs per thread, so the cap is per attempt (plus the warm engine).
 */
function loadModule(): Promise<QuickJSWASMModule> {
  const maximum = Math.min(65_536, BASE_PAGES + Math.ceil(data.memoryLimitBytes / PAGE));
  // `WebAssembly` is not in this package's lib (ES2022 + node types); type it by what newVariant takes.
  type WasmMemory = NonNullable<Parameters<typeof newVariant>[1]['wasmMemory']>;
  const { Memory } = (
    globalThis as unknown as {
      WebAssembly: { Memory: new (d: { initial: number; maximum: number }) => WasmMemory };
    }
  ).WebAssembly;
  return newQuickJSWASMModule(
    newVariant(RELEASE_SYNC, { wasmMemory: new Memory({ initial: BASE_PAGES, maximum }) }),
  );
}
let modulePromise = loadModule();

/** Disposes an engine; if QuickJS aborts while freeing (a broken heap), the whole module is replaced. */
function dispose(engine: GuestEngine): void {
  try {
    engine.dispose();
  } catch {
    if (warm !== undefined) warm = undefined;
    modulePromise = loadModule();
  }
}
const OK_NULL = '{"ok":true,"value":null}';

interface Attempt {
  readonly taskId: number;
  readonly runId: string;
  readonly engine: GuestEngine;
  readonly timers: Set<NodeJS.Timeout>;
}

let current: Attempt | undefined;
let warm: GuestEngine | undefined;
/** Messages for the attempt being set up (the module loads asynchronously once). */
const queue: MainToEngine[] = [];
let starting = false;

const post = (message: EngineToMain): void => port.postMessage(message);

/**
 * The engine for the next task: the warm one, else a new one. A bundle that fails to load answers the task
 * with `broken` (and the module is loaded again for the next task); undefined then.
 */
async function acquireEngine(taskId: number): Promise<GuestEngine | undefined> {
  starting = true;
  try {
    const module = await modulePromise;
    const engine = warm ?? GuestEngine.load(module, code, fileName, limits);
    warm = undefined;
    return engine;
  } catch (e) {
    modulePromise = loadModule();
    starting = false;
    post({ type: 'broken', taskId, message: (e as Error).message });
    return undefined;
  }
}

async function start(msg: Extract<MainToEngine, { type: 'run' }>): Promise<void> {
  const engine = await acquireEngine(msg.taskId);
  if (engine === undefined) {
    queue.length = 0;
    return;
  }
  const attempt: Attempt = { taskId: msg.taskId, runId: msg.runId, engine, timers: new Set() };
  current = attempt;
  starting = false;
  engine.shouldInterrupt = () => Atomics.load(flag, 0) === msg.taskId + 1;
  const ownPrefix = `{"runId":${JSON.stringify(msg.runId)}`;
  engine.startRun(msg.worker, msg.inputJson, msg.contextJson, (method, argsJson, callId) => {
    // A reused context may still run code of an earlier attempt; its calls carry that attempt's runId and
    // are dropped (never answered), so they cannot write progress or logs into this one.
    if (argsJson.startsWith('{"runId":"') && !argsJson.startsWith(ownPrefix)) return;
    if (method === 'timer.sleep') sleep(attempt, callId, argsJson);
    else post({ type: 'call', taskId: msg.taskId, callId, method, argsJson });
  });
  for (const queued of queue.splice(0)) handle(queued);
  advance(attempt);
}

function sleep(attempt: Attempt, callId: number, argsJson: string): void {
  let ms = 0;
  try {
    ms = Number((JSON.parse(argsJson) as { ms?: unknown }).ms) || 0;
  } catch {
    // A malformed sleep sleeps 0 ms; the prelude never sends one.
  }
  const timer = setTimeout(
    () => {
      attempt.timers.delete(timer);
      if (current !== attempt) return;
      attempt.engine.reply(callId, OK_NULL);
      advance(attempt);
    },
    // Past Node's longest timer, setTimeout would fire after 1 ms.
    Math.min(Math.max(0, ms), MAX_NODE_DELAY),
  );
  attempt.timers.add(timer);
}

/** Runs the guest's jobs and finishes the attempt when `run` settled or the engine broke. */
function advance(attempt: Attempt): void {
  if (current !== attempt) return;
  const state = attempt.engine.pump();
  if (Atomics.load(flag, 0) === attempt.taskId + 1)
    return finish(attempt, {
      type: 'broken',
      taskId: attempt.taskId,
      message: 'The worker did not honour its stop signal within the grace period and was interrupted',
    });
  if (state.kind === 'pending') return;
  if (state.kind === 'broken')
    return finish(attempt, { type: 'broken', taskId: attempt.taskId, message: state.message });
  finish(attempt, {
    type: 'result',
    taskId: attempt.taskId,
    resultJson: state.resultJson,
    ...mappedStack(state.resultJson),
  });
}

function mappedStack(resultJson: string): { stack?: string } {
  if (!resultJson.includes('"error":')) return {};
  try {
    const { error } = JSON.parse(resultJson) as { error?: { stack?: unknown } };
    return typeof error?.stack === 'string' && error.stack !== '' ? { stack: mapStack(error.stack) } : {};
  } catch {
    return {};
  }
}

function finish(attempt: Attempt, message: EngineToMain): void {
  current = undefined;
  for (const timer of attempt.timers) clearTimeout(timer);
  const { engine } = attempt;
  engine.endRun();
  engine.shouldInterrupt = () => false;
  // Answer first: freeing a runtime is not part of the attempt.
  post(message);
  if (
    data.contexts === 'reuse' &&
    !engine.broken &&
    message.type === 'result' &&
    !message.resultJson.includes('"name":"InternalError"')
  )
    warm = engine;
  else dispose(engine);
  setImmediate(prepare);
}

/**
 * Loads the next engine while the thread is idle, so compiling the bundle (most of a cold attempt) is off
 * the next attempt's path. In `'fresh'` mode that engine has never run anything.
 */
function prepare(): void {
  if (warm !== undefined || current !== undefined || starting) return;
  void modulePromise.then((module) => {
    if (warm !== undefined || current !== undefined || starting) return;
    try {
      warm = GuestEngine.load(module, code, fileName, limits);
    } catch {
      // The next attempt loads it again and reports the error.
    }
  });
}

/**
 * Runs one `__workscript.merge` in a context of its own, as an attempt would have it: fresh (never used,
 * then disposed) or the thread's reused one. The call is synchronous, so the interrupt handler is the only
 * thing that can end a merge that does not return; it reads a deadline here rather than the shared flag,
 * because the time limit starts when the guest is entered, not when the main thread sent the message (the
 * first merge also starts the thread and compiles the bundle).
 */
async function merge(msg: Extract<MainToEngine, { type: 'merge' }>): Promise<void> {
  const engine = await acquireEngine(msg.taskId);
  if (engine === undefined) return;
  starting = false;
  const deadline = performance.now() + msg.timeLimitMs;
  engine.shouldInterrupt = () => performance.now() > deadline;
  const state = engine.merge(msg.merger, msg.inputsJson);
  engine.shouldInterrupt = () => false;
  if (state.kind === 'merged')
    post({
      type: 'merged',
      taskId: msg.taskId,
      resultJson: state.resultJson,
      ...mappedStack(state.resultJson),
    });
  else if (state.kind === 'unsupported') post({ type: 'no-merge', taskId: msg.taskId });
  else
    post({
      type: 'broken',
      taskId: msg.taskId,
      message:
        performance.now() > deadline
          ? `Input merger '${msg.merger}' did not return within ${msg.timeLimitMs} ms (mergeTimeLimitMs) and was interrupted`
          : state.message,
    });
  // A bundle without `merge` ran no guest code, so even a fresh engine stays unused and can serve as the next.
  const reusable =
    state.kind === 'unsupported' ||
    (data.contexts === 'reuse' &&
      state.kind === 'merged' &&
      !state.resultJson.includes('"name":"InternalError"'));
  if (reusable) warm = engine;
  else dispose(engine);
  setImmediate(prepare);
}

function handle(msg: MainToEngine): void {
  if (msg.type === 'run') {
    void start(msg);
    return;
  }
  if (msg.type === 'merge') {
    void merge(msg);
    return;
  }
  if (starting) {
    queue.push(msg);
    return;
  }
  const attempt = current;
  if (attempt === undefined || attempt.taskId !== msg.taskId) return; // late message for a finished attempt
  switch (msg.type) {
    case 'reply':
      attempt.engine.reply(msg.callId, msg.replyJson);
      break;
    case 'stop':
      attempt.engine.stop(attempt.runId, msg.reason);
      break;
    case 'abandon':
      return finish(attempt, {
        type: 'broken',
        taskId: attempt.taskId,
        message: 'The worker did not honour its stop signal within the grace period and was interrupted',
      });
  }
  advance(attempt);
}

port.on('message', handle);
prepare();
