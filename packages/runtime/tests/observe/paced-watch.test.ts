import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createOneTimeWorkRequest } from '@workscript/api';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchChanges } from '../../src/observe/watch-changes.js';
import { PACED_WATCH_WORK_INFOS, WorkDatabase } from '../../src/index.js';
import { createTestWorkManager } from '../../src/testing/index.js';
import { TestWorker } from '../helpers/workers.js';

// A query watcher with many matches is recomputed at the pace its query allows, not at every commit: at
// every commit, a run of n watched works cost O(n²) (1,000 works: 27 s instead of 0.4 s).

afterEach(() => void vi.useRealTimers());

describe('watchWorkInfos with many matches', () => {
  it('conflates commits but ends on the final state, and settle() waits for its update', async () => {
    // Node's setTimeout is faked: the paced update waits until the test lets it run.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { workManager, deviceState } = createTestWorkManager({
      workers: [TestWorker],
      scheduling: 'device',
    });
    deviceState.setCharging(false);
    const count = PACED_WATCH_WORK_INFOS + 36;
    const requests = Array.from({ length: count }, () =>
      createOneTimeWorkRequest(TestWorker, { tags: ['batch'], constraints: { requiresCharging: true } }),
    );
    await workManager.enqueue(requests);
    const seen: number[] = [];
    const watching = (async () => {
      for await (const infos of workManager.watchWorkInfos({ tags: ['batch'] })) {
        seen.push(infos.filter((i) => i.state === 'SUCCEEDED').length);
        if (infos.every((i) => i.state === 'SUCCEEDED')) break;
      }
    })();
    deviceState.setCharging(true);
    let settled = false;
    const settling = workManager.settle().then(() => (settled = true));
    for (let turn = 0; turn < 20; turn++) await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    expect(seen).toEqual([0]);
    await vi.runAllTimersAsync();
    await settling;
    expect(seen).toEqual([0, count]);
    await watching;
  });

  it('keeps the process alive for the update a reader awaits', () => {
    const script = fileURLToPath(new URL('./fixtures/watch-until-done.ts', import.meta.url));
    const child = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8' });
    expect(child.stderr).toBe('');
    expect(child.stdout.trim()).toBe(
      `succeeded ${4 * PACED_WATCH_WORK_INFOS} of ${4 * PACED_WATCH_WORK_INFOS}`,
    );
    expect(child.status).toBe(0);
  });

  it('below the threshold, every committed state reaches a waiting reader', async () => {
    const { workManager, driver } = createTestWorkManager({ workers: [TestWorker] });
    const request = createOneTimeWorkRequest(TestWorker, {
      tags: ['few'],
      constraints: { requiresCharging: true },
    });
    const iterator = workManager.watchWorkInfos({ tags: ['few'] });
    await iterator.next();
    const seen: string[] = [];
    const watching = (async () => {
      for (;;) {
        const infos = (await iterator.next()).value as { state: string }[];
        seen.push(infos.map((i) => i.state).join());
        if (infos[0]?.state === 'SUCCEEDED') break;
      }
    })();
    await workManager.enqueue(request);
    await driver.setAllConstraintsMet(request.id);
    await watching;
    expect(seen).toEqual(['ENQUEUED', 'RUNNING', 'SUCCEEDED']);
  });
});

describe('watchChanges pacing', () => {
  it('recomputes once, as long after the last computation as it took, however many commits came meanwhile', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const db = WorkDatabase.open({ filename: ':memory:' });
    let time = 0;
    let computes = 0;
    const tracked: Promise<void>[] = [];
    const iterator = watchChanges(
      db,
      () => {
        computes++;
        time += 50; // each computation "takes" 50 ms
        return computes;
      },
      (a, b) => a === b,
      { paceAfter: () => true, now: () => time, track: (p) => void tracked.push(p) },
    );
    expect((await iterator.next()).value).toBe(1);
    const next = iterator.next();
    for (let i = 0; i < 10; i++) db.runInTransaction(() => undefined);
    expect(computes).toBe(1);
    expect(tracked).toHaveLength(1);
    vi.advanceTimersByTime(49);
    expect(computes).toBe(1);
    vi.advanceTimersByTime(1);
    expect(computes).toBe(2);
    expect((await next).value).toBe(2);
    await tracked[0];
    db.close();
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
  });
});
