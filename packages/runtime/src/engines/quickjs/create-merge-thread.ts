import path from 'node:path';
import type { Data } from '@workscript/api';
import type { EngineThreadData, EngineToMain, MainToEngine } from './engine-protocol.js';
import { fromMergeResultJson, toInputsJson } from './merge-result.js';
import { spawnEngineThread, type EngineSlot } from './spawn-engine-thread.js';

/** The QuickJS engine's thread for custom input mergers. */
export interface MergeThread {
  /** Runs `__workscript.merge(mergerName, inputs)` in the bundle; merges run one at a time, in call order. */
  merge(mergerName: string, inputs: readonly Data[]): Promise<Data>;
  /** Ends the thread; the running merge and those still waiting reject. */
  close(): Promise<void>;
}

interface PendingMerge {
  readonly mergerName: string;
  readonly resolve: (data: Data) => void;
  readonly reject: (error: Error) => void;
}

/**
 * Creates the thread that runs the bundle's custom input mergers, started on the first merge.
 *
 * Why a thread of its own rather than the main thread or an engine thread of the attempt pool: a merge is a
 * short synchronous call, but it gates the start of its work, so it must not queue behind pool threads that
 * may be busy for minutes with long attempts; and a pool thread's idle context is the warm one its next
 * attempt is about to take (in `'fresh'` mode a merge would spend it, and the attempt would pay for
 * compiling the bundle again). Not the main thread: it owns the database and the schedulers, which a
 * runaway merge would block until its interrupt, and QuickJS's 1 MiB stack overflows V8's main-thread stack
 * first. One thread is enough: merges take microseconds to milliseconds (inputs are at most 10 KB each),
 * and the merge thread keeps its next context loaded while idle, as the pool threads do.
 *
 * Its contexts follow the engine's `contexts` (a fresh one per merge, or one reused) and limits (heap,
 * stack); a merge still running after `timeLimitMs` is interrupted and rejects.
 */
export function createMergeThread(
  settings: Omit<EngineThreadData, 'interruptFlag'>,
  timeLimitMs: number,
): MergeThread {
  const bundleFileName = path.basename(settings.bundlePath);
  let nextTaskId = 0;
  let closed = false;

  const onMessage = (from: EngineSlot<PendingMerge>, msg: EngineToMain): void => {
    const pending = from.tasks.get(msg.taskId);
    if (pending === undefined) return;
    from.tasks.delete(msg.taskId);
    switch (msg.type) {
      case 'merged':
        try {
          pending.resolve(fromMergeResultJson(pending.mergerName, msg.resultJson, msg.stack));
        } catch (e) {
          pending.reject(e as Error);
        }
        return;
      case 'no-merge':
        return pending.reject(
          new Error(
            `The bundle ${bundleFileName} has no __workscript.merge, so it cannot run input merger '${pending.mergerName}': it was built before custom input mergers; regenerate it with workscript generate`,
          ),
        );
      case 'broken':
        return pending.reject(new Error(msg.message));
      default:
        return pending.reject(new Error(`The merge thread answered a merge with '${msg.type}'`));
    }
  };

  let slot: EngineSlot<PendingMerge> | undefined;
  const onFailure = (failed: EngineSlot<PendingMerge>, error: Error): void => {
    for (const { reject } of failed.tasks.values()) reject(error);
    failed.tasks.clear();
    if (slot === failed) slot = undefined; // the next merge starts a new thread
  };

  const mergeNow = (mergerName: string, inputsJson: string): Promise<Data> => {
    if (closed) return Promise.reject(new Error('The QuickJS engine is closed'));
    const current = (slot ??= spawnEngineThread(settings, { onMessage, onFailure }));
    const taskId = nextTaskId++;
    // Referenced while a merge runs (its work is waiting for it), like a busy pool thread.
    current.thread.ref();
    return new Promise<Data>((resolve, reject) => {
      current.tasks.set(taskId, { mergerName, resolve, reject });
      current.thread.postMessage({
        type: 'merge',
        taskId,
        merger: mergerName,
        inputsJson,
        timeLimitMs,
      } satisfies MainToEngine);
    }).finally(() => current.thread.unref());
  };

  // Merges go to the thread one at a time (it expects no second merge while one runs), queued here so that
  // close() rejects the ones still waiting.
  let tail: Promise<unknown> = Promise.resolve();
  return {
    merge(mergerName, inputs) {
      const merged = tail.then(() => mergeNow(mergerName, toInputsJson(inputs)));
      tail = merged.catch(() => undefined);
      return merged;
    },
    async close() {
      closed = true;
      await slot?.thread.terminate();
    },
  };
}
