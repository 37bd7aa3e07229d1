// The sample's workers on the Node runtime, running the very bundle the app ships
// (app/src/main/assets/workscript/workers.js) in QuickJS, under the TestDriver and a virtual clock.
import { fileURLToPath } from 'node:url';
import { createOneTimeWorkRequest, createPeriodicWorkRequest, int } from '@workscript/api';
import { createTestWorkManager, type TestWorkManager } from '@workscript/runtime/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupCache } from '../cleanup-cache.js';
import { preparePhotos, uploadPhotos } from '../photos.js';
import { syncContacts } from '../sync-contacts.js';

const bundlePath = fileURLToPath(new URL('../../app/src/main/assets/workscript/workers.js', import.meta.url));
const env = { now: 0, onWarning: () => undefined };

let current: TestWorkManager | undefined;
afterEach(async () => {
  await current?.workManager.close();
  current = undefined;
});

/**
 * The QuickJS engine runs attempts on worker threads, so an attempt outlives the driver call that started it:
 * wait until the work leaves RUNNING (deduplicated WorkInfo updates, no polling).
 */
async function settled(workManager: TestWorkManager['workManager'], id: string) {
  for await (const info of workManager.watchWorkInfoById(id)) {
    if (info && info.state !== 'RUNNING') return info;
  }
  throw new Error(`work ${id} disappeared`);
}

function start(scheduling: 'driver' | 'time-based' = 'driver'): TestWorkManager {
  current = createTestWorkManager({ engine: { kind: 'quickjs', bundlePath }, scheduling });
  return current;
}

describe('android-sample workers on the Node runtime (QuickJS engine)', () => {
  it('SyncContacts waits for the network, then succeeds with typed output', async () => {
    const { workManager, driver } = start();
    const request = createOneTimeWorkRequest(
      syncContacts,
      { input: { accountId: 'ada@example.com', source: 'google', pageSize: int(100) } },
      env,
    );
    await workManager.enqueue(request);
    expect((await workManager.getWorkInfoById(request.id))?.state).toBe('ENQUEUED');
    await driver.setAllConstraintsMet(request.id);
    const info = await settled(workManager, request.id);
    expect(info?.state).toBe('SUCCEEDED');
    const output = info?.outputData.toObject();
    expect(output).toMatchObject({ accountId: 'ada@example.com', source: 'google' });
    expect(output?.pages).toBe(Math.ceil((output?.fetched as number) / 100));
    expect(info?.outputData.get('fetched')?.type).toBe('int');
  });

  it('SyncContacts retries with exponential backoff (30 s, then 60 s) until the server is back', async () => {
    const { workManager, driver, clock } = start('time-based');
    const request = createOneTimeWorkRequest(
      syncContacts,
      { input: { accountId: 'bob', source: 'device', pageSize: int(50), outageAttempts: int(2) } },
      env,
    );
    await workManager.enqueue(request);
    await driver.setAllConstraintsMet(request.id);
    let info = await settled(workManager, request.id);
    expect([info?.state, info?.runAttemptCount]).toEqual(['ENQUEUED', 1]);
    const firstRetryAt = info?.nextScheduleTimeMillis as number;
    expect(firstRetryAt - clock.currentTimeMillis()).toBe(30_000);

    await clock.advance(30_000);
    await driver.setAllConstraintsMet(request.id);
    info = await settled(workManager, request.id);
    expect([info?.state, info?.runAttemptCount]).toEqual(['ENQUEUED', 2]);
    expect((info?.nextScheduleTimeMillis as number) - clock.currentTimeMillis()).toBe(60_000);

    await clock.advance(60_000);
    await driver.setAllConstraintsMet(request.id);
    info = await settled(workManager, request.id);
    expect([info?.state, info?.runAttemptCount]).toEqual(['SUCCEEDED', 3]);
  });

  it('SyncContacts fails with its typed failure output for a locked account', async () => {
    const { workManager, driver } = start();
    const request = createOneTimeWorkRequest(
      syncContacts,
      { input: { accountId: 'eve@locked', source: 'exchange', pageSize: int(10) } },
      env,
    );
    await workManager.enqueue(request);
    await driver.setAllConstraintsMet(request.id);
    const info = await settled(workManager, request.id);
    expect(info?.state).toBe('FAILED');
    expect(info?.outputData.toObject()).toEqual({ reason: 'ACCOUNT_LOCKED', detail: 'eve@locked' });
  });

  it('CleanupCache runs at once in its first period (flex = interval), then once per period', async () => {
    const { workManager, driver } = start();
    const request = createPeriodicWorkRequest(cleanupCache, { input: { maxAgeDays: int(7) } }, env);
    expect([request.intervalMs, request.flexMs]).toEqual([86_400_000, 86_400_000]);
    const outputs: unknown[] = [];
    workManager.on('work:succeeded', (e) => outputs.push(e.output.toObject()));
    await workManager.enqueue(request);
    await driver.setAllConstraintsMet(request.id);
    let info = await settled(workManager, request.id);
    expect(info?.state).toBe('ENQUEUED');
    expect(info?.periodicityInfo).toEqual({
      repeatIntervalMillis: 86_400_000,
      flexIntervalMillis: 86_400_000,
    });
    // Cache entries are 1, 3, 8, 15, 31 and 62 days old: four are older than 7 days.
    expect(outputs).toEqual([{ deleted: 4, freedBytes: 116 * 1_048_576, dryRun: false }]);

    // The next period waits for its delay: constraints alone do not start it.
    await driver.setAllConstraintsMet(request.id);
    expect((await workManager.getWorkInfoById(request.id))?.state).toBe('ENQUEUED');
    expect(outputs).toHaveLength(1);
    await driver.setAllConstraintsMet(request.id);
    await driver.setPeriodDelayMet(request.id);
    info = await settled(workManager, request.id);
    expect(outputs).toHaveLength(2);
    expect([info?.state, info?.outputData.size]).toEqual(['ENQUEUED', 0]);
  });

  it('PreparePhotos → UploadPhotos: the chain merges the batch into the upload and reports progress', async () => {
    const { workManager, driver } = start();
    const prepare = createOneTimeWorkRequest(
      preparePhotos,
      { input: { albumId: 'trip', limit: int(4) } },
      env,
    );
    const upload = createOneTimeWorkRequest(
      uploadPhotos,
      { input: { albumId: 'placeholder', photoIds: [], quality: 'DATA_SAVER', msPerPhoto: int(1) } },
      env,
    );
    const progress: unknown[] = [];
    await workManager.beginWith([prepare]).then([upload]).enqueue();
    await driver.setAllConstraintsMet(prepare.id);
    expect((await settled(workManager, prepare.id)).state).toBe('SUCCEEDED');
    expect((await workManager.getWorkInfoById(upload.id))?.state).toBe('ENQUEUED');

    const watcher = (async () => {
      for await (const info of workManager.watchWorkInfoById(upload.id)) {
        if (info && info.progress.size > 0) progress.push(info.progress.toObject());
        if (info?.state === 'SUCCEEDED') return;
      }
    })();
    await driver.setAllConstraintsMet(upload.id);
    await watcher;
    const info = await workManager.getWorkInfoById(upload.id);
    // The prerequisite's output overrides the dependent's own input for the same keys (OverwritingInputMerger).
    expect(info?.outputData.toObject()).toEqual({ albumId: 'trip', uploaded: 4, bytes: 1_600_000 });
    expect(info?.progress.size).toBe(0);
    expect(progress.length).toBeGreaterThan(0);
    for (const p of progress)
      expect(p).toEqual({ uploaded: expect.any(Number), total: 4, percent: expect.any(Number) });
    expect(progress.map((p) => (p as { percent: number }).percent)).toEqual(
      [...progress.map((p) => (p as { percent: number }).percent)].sort((a, b) => a - b),
    );
  });
});
