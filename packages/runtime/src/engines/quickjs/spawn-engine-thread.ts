import type { PooledThread } from '../../execution/thread-pool.js';
import { startThread } from '../../internal/start-thread.js';
import type { EngineThreadData, EngineToMain } from './engine-protocol.js';

/** One engine thread with what its pool tracks: the tasks it runs and the interrupt flag it shares. */
export interface EngineSlot<T> extends PooledThread<T> {
  /** The thread's `interruptFlag` (see {@link EngineThreadData}). */
  readonly flag: Int32Array;
}

/** Where a spawned engine thread reports. */
export interface EngineThreadHandlers<T> {
  /** Every message the thread posts. */
  readonly onMessage: (slot: EngineSlot<T>, msg: EngineToMain) => void;
  /** The thread errored or exited; its tasks must be rejected (`ThreadPool.fail`). */
  readonly onFailure: (slot: EngineSlot<T>, error: Error) => void;
}

/**
 * Starts one `engine-thread` with the bundle and limits in `settings` and a new interrupt flag. The thread
 * is unref'd: the pool refs it while it is busy. Used for the attempt pool and for the merge thread alike,
 * so both run the bundle under the same limits.
 */
export function spawnEngineThread<T>(
  settings: Omit<EngineThreadData, 'interruptFlag'>,
  handlers: EngineThreadHandlers<T>,
): EngineSlot<T> {
  const interruptFlag = new SharedArrayBuffer(4);
  const workerData: EngineThreadData = { ...settings, interruptFlag };
  // QuickJS recursion runs on the thread's native stack: give it room beyond the QuickJS limit.
  const resourceLimits = { stackSizeMb: 4 + Math.ceil(settings.maxStackSizeBytes / (1024 * 1024)) };
  const thread = startThread(import.meta.url, 'engine-thread', { workerData, resourceLimits });
  const slot: EngineSlot<T> = { thread, flag: new Int32Array(interruptFlag), busy: false, tasks: new Map() };
  thread.on('message', (msg: EngineToMain) => handlers.onMessage(slot, msg));
  thread.on('error', (e) => handlers.onFailure(slot, e));
  thread.on('exit', (code) =>
    handlers.onFailure(slot, new Error(`The QuickJS engine thread exited with code ${code}`)),
  );
  thread.unref();
  return slot;
}
