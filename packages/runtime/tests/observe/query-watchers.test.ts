import { createOneTimeWorkRequest, defineWorker, Result } from '@workscript/api';
import { describe, expect, it } from 'vitest';
import { listenForQuery } from '../../src/observe/query-listener.js';
import type { WorkInfo, WorkManager, WorkQuery } from '../../src/index.js';
import { createTestWorkManager } from '../../src/testing/index.js';
import { TestWorker } from '../helpers/workers.js';

// A query watcher is woken only by the commits that can change what it matches (observe/query-listener.ts):
// by its ids, by works linked to its unique names or tags, and by commits that link a work to one of them.
// These tests check that it still sees every change: after each operation, its last value must be what a
// fresh query returns.

const Other = defineWorker({ name: 'Other', run: () => Result.success() });
const describeInfos = (infos: readonly WorkInfo[]) =>
  infos.map((i) => `${i.id.slice(0, 8)} ${i.state} [${[...i.tags].join(',')}]`);

/** A reader that keeps the watcher's last value, and a check that it is the query's current result. */
function follow(workManager: WorkManager, query: WorkQuery) {
  let last: readonly WorkInfo[] = [];
  const iterator = workManager.watchWorkInfos(query);
  void (async () => {
    for await (const infos of iterator) last = infos;
  })();
  return {
    agrees: async () => {
      await workManager.settle();
      expect(describeInfos(last)).toEqual(describeInfos(await workManager.getWorkInfos(query)));
    },
    stop: () => void iterator.return?.(),
  };
}

describe('query watchers see every change that concerns them', () => {
  it('by unique name: new members, KEEP, APPEND, REPLACE, cancel and prune', async () => {
    const { workManager, driver } = createTestWorkManager({ workers: [TestWorker] });
    const watcher = follow(workManager, { uniqueWorkNames: ['sync'] });
    await watcher.agrees();
    const waiting = createOneTimeWorkRequest(TestWorker, { constraints: { requiresCharging: true } });
    await workManager.enqueueUniqueWork('sync', 'KEEP', waiting);
    await watcher.agrees();
    await workManager.enqueueUniqueWork('sync', 'APPEND', createOneTimeWorkRequest(TestWorker));
    await watcher.agrees();
    await workManager.enqueueUniqueWork('other', 'KEEP', createOneTimeWorkRequest(TestWorker));
    await watcher.agrees();
    await driver.setAllConstraintsMet(waiting.id);
    await watcher.agrees();
    await workManager.enqueueUniqueWork('sync', 'REPLACE', createOneTimeWorkRequest(TestWorker));
    await watcher.agrees();
    await workManager.cancelUniqueWork('sync');
    await watcher.agrees();
    await workManager.pruneWork();
    await watcher.agrees();
    watcher.stop();
  });

  it('by tag: explicit tags, the worker name as a tag, updateWork adding and removing a tag', async () => {
    const { workManager } = createTestWorkManager({ workers: [TestWorker, Other] });
    const byTag = follow(workManager, { tags: ['nightly'] });
    const byWorker = follow(workManager, { tags: ['Other'] });
    const both = async () => {
      await byTag.agrees();
      await byWorker.agrees();
    };
    const tagged = createOneTimeWorkRequest(TestWorker, { tags: ['nightly'], initialDelayMs: 60_000 });
    const untagged = createOneTimeWorkRequest(TestWorker, { initialDelayMs: 60_000 });
    await workManager.enqueue([tagged, untagged]);
    await both();
    await workManager.enqueue(createOneTimeWorkRequest(Other));
    await both();
    // updateWork replaces the tags: the tag moves from one work to the other, and the worker changes.
    await workManager.updateWork(
      createOneTimeWorkRequest(TestWorker, { id: tagged.id, initialDelayMs: 60_000 }),
    );
    await both();
    await workManager.updateWork(
      createOneTimeWorkRequest(Other, { id: untagged.id, tags: ['nightly'], initialDelayMs: 60_000 }),
    );
    await both();
    await workManager.cancelAllWorkByTag('nightly');
    await both();
    byTag.stop();
    byWorker.stop();
  });

  it('by ids, with states: a work enqueued after the watcher started is seen', async () => {
    const { workManager } = createTestWorkManager({ workers: [TestWorker] });
    const request = createOneTimeWorkRequest(TestWorker);
    const watcher = follow(workManager, { ids: [request.id], states: ['SUCCEEDED'] });
    await watcher.agrees();
    await workManager.enqueue(createOneTimeWorkRequest(TestWorker));
    await watcher.agrees();
    await workManager.enqueue(request);
    await watcher.agrees();
    watcher.stop();
  });
});

describe('which commits wake a query watcher', () => {
  it('commits of works it cannot match do not; links to its name, and writes of its works, do', async () => {
    const { workManager, database, driver } = createTestWorkManager({ workers: [TestWorker] });
    const wakes: string[] = [];
    let step = '';
    const stop = listenForQuery(database, { uniqueWorkNames: ['mine'] })?.(() => void wakes.push(step));
    step = 'other name';
    for (let i = 0; i < 3; i++)
      await workManager.enqueueUniqueWork(`other-${i}`, 'KEEP', createOneTimeWorkRequest(TestWorker));
    step = 'enqueue mine';
    const mine = createOneTimeWorkRequest(TestWorker, { constraints: { requiresCharging: true } });
    await workManager.enqueueUniqueWork('mine', 'KEEP', mine);
    step = 'untagged work';
    await workManager.enqueue(createOneTimeWorkRequest(TestWorker));
    step = 'run mine';
    await driver.setAllConstraintsMet(mine.id);
    stop?.();
    expect(new Set(wakes)).toEqual(new Set(['enqueue mine', 'run mine']));
  });

  it('a watcher that lives on lets go of the works a prune deleted', async () => {
    const { workManager, database } = createTestWorkManager({ workers: [TestWorker] });
    const before = database.commitListenerCount;
    const watcher = follow(workManager, { tags: ['batch'] });
    const watching = database.commitListenerCount;
    for (let i = 0; i < 20; i++)
      await workManager.enqueue(createOneTimeWorkRequest(TestWorker, { tags: ['batch'] }));
    await watcher.agrees();
    expect(database.commitListenerCount).toBe(watching + 20);
    await workManager.pruneWork();
    await watcher.agrees();
    expect(database.commitListenerCount).toBe(watching);
    watcher.stop();
    await workManager.settle();
    expect(database.commitListenerCount).toBe(before);
  });

  it('a query by states alone listens to every commit', () => {
    const { database } = createTestWorkManager({ workers: [TestWorker] });
    expect(listenForQuery(database, { states: ['RUNNING'] })).toBeUndefined();
    expect(listenForQuery(database, { ids: [], tags: [], states: ['RUNNING'] })).toBeUndefined();
  });
});
