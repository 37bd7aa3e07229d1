import { isFinished, type WorkState } from '@workscript/api';
import type { WorkInfo, WorkManager } from '../../../src/index.js';

/** One WorkInfo as a comparable line. */
export function describeInfo(info: WorkInfo | null): string {
  if (info === null) return 'null';
  return `${info.state as WorkState} attempt=${info.runAttemptCount} stop=${info.stopReason} out=${JSON.stringify(info.outputData.toObject())} progress=${JSON.stringify(info.progress.toObject())}`;
}

/**
 * Collects every (deduplicated) WorkInfo of `id` until it is finished, or until `until` accepts the
 * history so far. Start it before enqueueing: the first entry is then `null`.
 */
export function recordHistory(
  wm: WorkManager,
  id: string,
  until: (history: readonly string[]) => boolean = () => false,
): { history: string[]; done: Promise<string[]> } {
  const history: string[] = [];
  const done = (async () => {
    for await (const info of wm.watchWorkInfoById(id)) {
      history.push(describeInfo(info));
      if ((info !== null && isFinished(info.state)) || until(history)) break;
    }
    return history;
  })();
  return { history, done };
}

/** Resolves once `predicate` holds, polling every few ms; rejects after `timeoutMs`. */
export async function waitFor(
  predicate: () => boolean,
  timeoutMs = 60_000,
  what = 'condition',
): Promise<void> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeoutMs) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
