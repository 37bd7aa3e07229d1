// The sample's workers on the Node runtime through @workscript/testing: the harness builds the bundle the
// app ships (same sources, tsconfig and options as `npm run generate`, cached by content hash) and runs it
// in QuickJS under the TestDriver and a virtual clock.
import { readFileSync } from 'node:fs';
import { int, long } from '@workscript/api';
import { createWorkscriptTest, type WorkscriptTest } from '@workscript/testing';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanupCache } from '../cleanup-cache.js';
import { preparePhotos, uploadPhotos } from '../photos.js';
import { syncContacts } from '../sync-contacts.js';

const env = { now: 0, onWarning: () => undefined };
const shipped = new URL('../../app/src/main/assets/workscript/', import.meta.url);

let harness: WorkscriptTest;
beforeAll(async () => {
  harness = await createWorkscriptTest({
    root: new URL('../../', import.meta.url),
    tsconfig: 'workers/tsconfig.json',
    kotlinPackage: 'dev.workscript.sample.generated',
  });
});
afterEach(() => harness.close());

describe('android-sample workers on the Node runtime (QuickJS engine)', () => {
  it('tests the very bundle and manifest the app ships', () => {
    for (const file of ['workers.js', 'workscript.json']) {
      const built = readFileSync(file === 'workers.js' ? harness.bundlePath : harness.manifestPath, 'utf8');
      expect(built, `${file} differs from the committed asset: run npm run generate`).toBe(
        readFileSync(new URL(file, shipped), 'utf8'),
      );
    }
  });

  it('SyncContacts waits for the network, then succeeds with typed output', async () => {
    const { workManager, driver, settled } = await harness.start();
    const request = harness.request(
      syncContacts,
      { input: { accountId: 'ada@example.com', source: 'google', pageSize: int(100) } },
      env,
    );
    await workManager.enqueue(request);
    expect((await workManager.getWorkInfoById(request.id))?.state).toBe('ENQUEUED');
    await driver.setAllConstraintsMet(request.id);
    const info = await settled(request.id);
    expect(info.state).toBe('SUCCEEDED');
    const output = info.outputData.toObject();
    expect(output).toMatchObject({ accountId: 'ada@example.com', source: 'google' });
    expect(output.pages).toBe(Math.ceil((output.fetched as number) / 100));
    expect(info.outputData.get('fetched')?.type).toBe('int');
  });

  it("the request carries the Kotlin builder's Data: pageSize an Int, since a Long, source the enum literal", () => {
    const request = harness.request(
      syncContacts,
      { input: { accountId: 'ada', source: 'device', pageSize: int(20), since: long(1_700_000_000_000) } },
      env,
    );
    expect([...request.input.keys()].sort().map((k) => [k, request.input.get(k)])).toEqual([
      ['accountId', { type: 'string', value: 'ada' }],
      ['pageSize', { type: 'int', value: 20 }],
      ['since', { type: 'long', value: 1_700_000_000_000 }],
      ['source', { type: 'string', value: 'device' }],
    ]);
  });

  it('SyncContacts retries with exponential backoff (30 s, then 60 s) until the server is back', async () => {
    const { workManager, clock, runUntilFinished } = await harness.start({ scheduling: 'time-based' });
    const request = harness.request(
      syncContacts,
      { input: { accountId: 'bob', source: 'device', pageSize: int(50), outageAttempts: int(2) } },
      env,
    );
    const retries: number[] = [];
    workManager.on('work:retry-scheduled', (e) =>
      retries.push(e.nextScheduleTimeMillis - clock.currentTimeMillis()),
    );
    const start = clock.currentTimeMillis();
    await workManager.enqueue(request);
    const info = await runUntilFinished(request.id);
    expect([info.state, info.runAttemptCount]).toEqual(['SUCCEEDED', 3]);
    expect(retries).toEqual([30_000, 60_000]);
    expect(clock.currentTimeMillis() - start).toBe(90_000);
  });

  it('SyncContacts fails with its typed failure output for a locked account', async () => {
    const { workManager, runUntilFinished } = await harness.start();
    const request = harness.request(
      syncContacts,
      { input: { accountId: 'eve@locked', source: 'exchange', pageSize: int(10) } },
      env,
    );
    await workManager.enqueue(request);
    const info = await runUntilFinished(request.id);
    expect(info.state).toBe('FAILED');
    expect(info.outputData.toObject()).toEqual({ reason: 'ACCOUNT_LOCKED', detail: 'eve@locked' });
  });

  it('CleanupCache runs at once in its first period (flex = interval), then once per period', async () => {
    const { workManager, driver, settled } = await harness.start();
    const request = harness.periodicRequest(cleanupCache, { input: { maxAgeDays: int(7) } }, env);
    expect([request.intervalMs, request.flexMs]).toEqual([86_400_000, 86_400_000]);
    const outputs: unknown[] = [];
    workManager.on('work:succeeded', (e) => outputs.push(e.output.toObject()));
    await workManager.enqueue(request);
    await driver.setAllConstraintsMet(request.id);
    let info = await settled(request.id);
    expect(info.state).toBe('ENQUEUED');
    expect(info.periodicityInfo).toEqual({
      repeatIntervalMillis: 86_400_000,
      flexIntervalMillis: 86_400_000,
    });
    // Cache entries are 1, 3, 8, 15, 31 and 62 days old: four are older than 7 days.
    expect(outputs).toEqual([{ deleted: 4, freedBytes: 116 * 1_048_576, dryRun: false }]);

    // The next period waits for its delay: constraints alone do not start it.
    await driver.setAllConstraintsMet(request.id);
    expect((await workManager.getWorkInfoById(request.id))?.state).toBe('ENQUEUED');
    expect(outputs).toHaveLength(1);
    await driver.setPeriodDelayMet(request.id);
    info = await settled(request.id);
    expect(outputs).toHaveLength(2);
    expect([info.state, info.outputData.size]).toEqual(['ENQUEUED', 0]);
  });

  it('PreparePhotos → UploadPhotos: the chain merges the batch into the upload and reports progress', async () => {
    const { workManager, driver, settled } = await harness.start();
    const prepare = harness.request(preparePhotos, { input: { albumId: 'trip', limit: int(4) } }, env);
    const upload = harness.request(
      uploadPhotos,
      { input: { albumId: 'placeholder', photoIds: [], quality: 'DATA_SAVER', msPerPhoto: int(1) } },
      env,
    );
    const progress: unknown[] = [];
    await workManager.beginWith([prepare]).then([upload]).enqueue();
    await driver.setAllConstraintsMet(prepare.id);
    expect((await settled(prepare.id)).state).toBe('SUCCEEDED');
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
