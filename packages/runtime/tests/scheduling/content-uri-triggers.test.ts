import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createOneTimeWorkRequest,
  defineWorker,
  isFinished,
  Result,
  type Constraints,
  type ContentUriTrigger,
} from '@workscript/api';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ContentUriTriggerWorkersLimitError, createWorkManager, silentLogger } from '../../src/index.js';
import { createTestWorkManager, TestClock } from '../../src/testing/index.js';
import { createGreedyWorkManager } from '../helpers/greedy.js';

// Spec §6: content-URI triggers. On a device JobScheduler observes the URIs; on Node the GreedyScheduler
// does, fed by deviceState.notifyContentChange (a ContentResolver.notifyChange).

const images = 'content://media/external/images/media';
const onImages = (isTriggeredForDescendants: boolean): ContentUriTrigger => ({
  uri: images,
  isTriggeredForDescendants,
});

/** Records what each run saw of its triggers; `retries` runs ask for a retry first. */
function createTriggeredWorker(retries = 0) {
  const runs: { uris: readonly string[]; authorities: readonly string[]; attempt: number }[] = [];
  const worker = defineWorker({
    name: 'OnMedia',
    run: (_: Record<string, never>, ctx) => {
      runs.push({
        uris: ctx.triggeredContentUris,
        authorities: ctx.triggeredContentAuthorities,
        attempt: ctx.runAttemptCount,
      });
      return runs.length <= retries ? Result.retry() : Result.success();
    },
  });
  return { worker, runs };
}

async function setUp(constraints: Constraints, options: { initialDelayMs?: number; retries?: number } = {}) {
  const { worker, runs } = createTriggeredWorker(options.retries);
  const wm = createGreedyWorkManager([worker]);
  const request = createOneTimeWorkRequest(worker, {
    constraints,
    ...(options.initialDelayMs === undefined ? {} : { initialDelayMs: options.initialDelayMs }),
    backoff: { policy: 'LINEAR', delayMs: 10_000 },
  });
  await wm.workManager.enqueue(request);
  const state = async () => (await wm.workManager.getWorkInfoById(request.id))?.state;
  return { ...wm, request, runs, state };
}

describe('content-URI triggers on the GreedyScheduler (spec §6)', () => {
  it('work waits for a matching change, then runs after the update delay with the changed URI', async () => {
    const { deviceState, advance, runs, state } = await setUp({
      contentUriTriggers: [onImages(false)],
      contentTriggerUpdateDelayMillis: 2_000,
    });
    await advance(60_000);
    expect(runs).toEqual([]);
    deviceState.notifyContentChange('content://media/external/video/media'); // another URI: nothing
    await advance(60_000);
    expect(runs).toEqual([]);
    deviceState.notifyContentChange(images);
    await advance(1_999);
    expect(runs).toEqual([]);
    await advance(1);
    expect(runs).toEqual([{ uris: [images], authorities: ['media'], attempt: 0 }]);
    expect(await state()).toBe('SUCCEEDED');
  });

  it('each change restarts the update delay; the maximum delay caps the wait from the first change', async () => {
    const { deviceState, advance, runs } = await setUp({
      contentUriTriggers: [onImages(true)],
      contentTriggerUpdateDelayMillis: 3_000,
      contentTriggerMaxDelayMillis: 7_000,
    });
    deviceState.notifyContentChange(`${images}/1`);
    await advance(2_000);
    deviceState.notifyContentChange(`${images}/2`);
    await advance(2_000);
    deviceState.notifyContentChange(`${images}/2`); // the same URI is reported once
    await advance(2_000);
    deviceState.notifyContentChange(`${images}/3`);
    await advance(999);
    expect(runs).toEqual([]);
    await advance(1); // 7 s after the first change, though the last one was 1 s ago
    expect(runs).toEqual([
      { uris: [`${images}/1`, `${images}/2`, `${images}/3`], authorities: ['media'], attempt: 0 },
    ]);
  });

  it('without delays of its own the work waits JobScheduler’s 10 s; set delays below its floors count as 500 ms / 1 s', async () => {
    const byDefault = await setUp({ contentUriTriggers: [onImages(false)] });
    byDefault.deviceState.notifyContentChange(images);
    await byDefault.advance(9_999);
    expect(byDefault.runs).toHaveLength(0);
    await byDefault.advance(1);
    expect(byDefault.runs).toHaveLength(1);

    const floored = await setUp({
      contentUriTriggers: [onImages(false)],
      contentTriggerUpdateDelayMillis: 0,
      contentTriggerMaxDelayMillis: 0,
    });
    floored.deviceState.notifyContentChange(images);
    await floored.advance(499);
    expect(floored.runs).toHaveLength(0);
    await floored.advance(1);
    expect(floored.runs).toHaveLength(1);
  });

  it('matches as ContentService notifies: the URI itself and its ancestors always, descendants only when asked', async () => {
    const changes: [string, boolean, boolean][] = [
      // changed URI, trigger for descendants?, runs?
      [images, false, true],
      ['content://media', false, true], // an ancestor reaches observers below it
      ['content://media/external/images/media?limit=1', false, true], // the query is not part of the path
      [`${images}/42`, false, false],
      [`${images}/42`, true, true],
      ['content://media/external/images/mediaX', true, false],
      ['content://contacts/people', true, false],
    ];
    for (const [changed, descendants, runs] of changes) {
      const t = await setUp({
        contentUriTriggers: [onImages(descendants)],
        contentTriggerUpdateDelayMillis: 500,
      });
      t.deviceState.notifyContentChange(changed);
      await t.advance(1_000);
      expect([changed, descendants, t.runs.length]).toEqual([changed, descendants, runs ? 1 : 0]);
    }
  });

  it('changes during an initial delay count; the work still runs only when due', async () => {
    const { deviceState, advance, runs } = await setUp(
      { contentUriTriggers: [onImages(false)], contentTriggerUpdateDelayMillis: 1_000 },
      { initialDelayMs: 60_000 },
    );
    await advance(5_000);
    deviceState.notifyContentChange(images);
    await advance(54_999);
    expect(runs).toHaveLength(0);
    await advance(1);
    expect(runs).toEqual([{ uris: [images], authorities: ['media'], attempt: 0 }]);
  });

  it('with other constraints, fired triggers wait for the device; the device alone does not start the work', async () => {
    const { deviceState, advance, runs } = await setUp({
      requiresCharging: true,
      contentUriTriggers: [onImages(false)],
      contentTriggerUpdateDelayMillis: 500,
    });
    deviceState.setCharging(false);
    deviceState.notifyContentChange(images);
    await advance(10_000);
    expect(runs).toHaveLength(0);
    deviceState.setCharging(true);
    await advance(0);
    expect(runs).toHaveLength(1);

    const second = await setUp({ requiresCharging: true, contentUriTriggers: [onImages(false)] });
    second.deviceState.setCharging(false);
    second.deviceState.setCharging(true);
    await second.advance(60_000);
    expect(second.runs).toHaveLength(0);
  });

  it('a retried attempt waits for a change of its own after its backoff', async () => {
    const { deviceState, advance, runs, state } = await setUp(
      { contentUriTriggers: [onImages(true)], contentTriggerUpdateDelayMillis: 500 },
      { retries: 1 },
    );
    deviceState.notifyContentChange(`${images}/1`);
    await advance(500);
    expect(runs).toHaveLength(1);
    await advance(60_000); // backoff (10 s) long over, but no change since the first attempt started
    expect(runs).toHaveLength(1);
    expect(await state()).toBe('ENQUEUED');
    deviceState.notifyContentChange(`${images}/2`);
    await advance(500);
    expect(runs).toEqual([
      { uris: [`${images}/1`], authorities: ['media'], attempt: 0 },
      { uris: [`${images}/2`], authorities: ['media'], attempt: 1 },
    ]);
    expect(await state()).toBe('SUCCEEDED');
  });

  it('JobScheduler keeps the first 50 changed URIs (all authorities), and from 40 URIs on skips the update delay', async () => {
    const { deviceState, advance, runs } = await setUp({
      contentUriTriggers: [
        onImages(true),
        { uri: 'content://downloads/public', isTriggeredForDescendants: true },
      ],
      contentTriggerUpdateDelayMillis: 5_000,
    });
    for (let i = 0; i < 39; i++) deviceState.notifyContentChange(`${images}/${i}`);
    await advance(4_999);
    expect(runs).toHaveLength(0);
    for (let i = 39; i < 60; i++) deviceState.notifyContentChange(`${images}/${i}`); // the 40th fires at once
    deviceState.notifyContentChange('content://downloads/public/7');
    await advance(0);
    expect(runs).toEqual([
      {
        uris: Array.from({ length: 50 }, (_, i) => `${images}/${i}`),
        authorities: ['media', 'downloads'],
        attempt: 0,
      },
    ]);
  });

  it('cancelled work stops observing', async () => {
    const { workManager, deviceState, advance, runs, request, state } = await setUp({
      contentUriTriggers: [onImages(false)],
      contentTriggerUpdateDelayMillis: 500,
    });
    deviceState.notifyContentChange(images);
    await workManager.cancelWorkById(request.id);
    await advance(10_000);
    expect(runs).toHaveLength(0);
    expect(await state()).toBe('CANCELLED');
  });

  it('notifyContentChange refuses what is not a content URI', async () => {
    const { deviceState } = await setUp({ contentUriTriggers: [onImages(false)] });
    expect(() => deviceState.notifyContentChange('file:///sdcard/a.jpg')).toThrow(
      `notifyContentChange needs a content:// URI such as 'content://media/external/images/media/42', got "file:///sdcard/a.jpg"`,
    );
  });
});

describe('contentUriTriggerWorkersLimit (spec §6, androidx checkContentUriTriggerWorkerLimits)', () => {
  const worker = defineWorker({ name: 'Watcher', run: (_: Record<string, never>, ctx) => ctx.success() });
  const watching = () =>
    createOneTimeWorkRequest(worker, { constraints: { contentUriTriggers: [onImages(true)] } });

  it('refuses an enqueue that would pass the limit, writes nothing, and counts only unfinished trigger work', async () => {
    const { workManager } = createGreedyWorkManager([worker], { contentUriTriggerWorkersLimit: 3 });
    const [first, second] = [watching(), watching()];
    await workManager.enqueue([first, second]);
    const chain = workManager.beginWith(watching()).then(watching());
    const refused = chain.enqueue();
    await expect(refused).rejects.toThrow(ContentUriTriggerWorkersLimitError);
    await expect(refused).rejects.toMatchObject({ limit: 3, alreadyEnqueued: 2, inOperation: 2 });
    await expect(refused).rejects.toThrow(
      'Too many workers with content-URI triggers: the limit is 3, 2 are enqueued and unfinished, and this enqueue adds 2.',
    );
    expect(await workManager.getWorkInfosByTag('Watcher')).toHaveLength(2);
    // Work without triggers is never counted, and a slot frees when trigger work finishes.
    const plain = createOneTimeWorkRequest(worker);
    await workManager.enqueue(plain);
    await workManager.settle();
    expect((await workManager.getWorkInfoById(plain.id))?.state).toBe('SUCCEEDED');
    await workManager.cancelWorkById(first.id);
    await workManager.beginWith(watching()).then(watching()).enqueue();
    // Unfinished trigger work: the second of the first two, and the chain's two (3 = the limit).
    const states = (await workManager.getWorkInfosByTag('Watcher')).map((i) => i.state);
    expect(states.filter((s) => !isFinished(s)).sort()).toEqual(['BLOCKED', 'ENQUEUED', 'ENQUEUED']);
  });

  it('defaults to 8; a negative limit counts as 0; a fraction is refused before the database opens', async () => {
    const { workManager } = createGreedyWorkManager([worker]);
    await workManager.enqueue(Array.from({ length: 8 }, watching));
    await expect(workManager.enqueue(watching())).rejects.toMatchObject({ limit: 8, alreadyEnqueued: 8 });

    const none = createGreedyWorkManager([worker], { contentUriTriggerWorkersLimit: -5 }).workManager;
    await expect(none.enqueue(watching())).rejects.toMatchObject({ limit: 0, inOperation: 1 });
    await none.enqueue(createOneTimeWorkRequest(worker));

    const file = join(mkdtempSync(join(tmpdir(), 'workscript-trigger-limit-')), 'never.db');
    expect(() => createWorkManager({ database: file, contentUriTriggerWorkersLimit: 1.5 })).toThrow(
      /contentUriTriggerWorkersLimit must be a whole number .*got 1\.5/,
    );
  });
});

describe('content-URI triggers in the store and the TestDriver', () => {
  it('are stored in androidx’s columns and format, and read back after a restart', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'workscript-triggers-')), 'work.db');
    const worker = defineWorker({ name: 'Watcher', run: (_: Record<string, never>, ctx) => ctx.success() });
    const constraints = {
      contentUriTriggers: [onImages(true), { uri: 'content://x/é\u0000', isTriggeredForDescendants: false }],
      contentTriggerUpdateDelayMillis: 1_500,
      contentTriggerMaxDelayMillis: 9_000,
    };
    const request = createOneTimeWorkRequest(worker, { constraints });
    const clock = new TestClock();
    const first = createWorkManager({
      database: file,
      workers: [worker],
      clock,
      timer: clock,
      logger: silentLogger,
    });
    await first.enqueue(request);
    await first.close();
    const raw = new BetterSqlite3(file, { readonly: true });
    const row = raw
      .prepare(
        'SELECT hex(content_uri_triggers) AS triggers, trigger_content_update_delay AS up, trigger_max_content_delay AS max FROM work_spec WHERE id = ?',
      )
      .get(request.id);
    raw.close();
    // What java.io.ObjectOutputStream writes for these triggers (androidx WorkTypeConverters), byte for byte.
    expect(row).toEqual({
      triggers:
        'ACED0005773F000000020025636F6E74656E743A2F2F6D656469612F65787465726E616C2F696D616765732F6D65646961010010636F6E74656E743A2F2F782FC3A9C08000',
      up: 1_500,
      max: 9_000,
    });
    const second = createWorkManager({
      database: file,
      workers: [worker],
      clock,
      timer: clock,
      logger: silentLogger,
    });
    expect((await second.getWorkInfoById(request.id))?.constraints).toMatchObject(constraints);
    await second.close();
  });

  it('the TestDriver treats triggers as constraints: setAllConstraintsMet starts the work, with no triggered URIs', async () => {
    const { worker, runs } = createTriggeredWorker();
    const { workManager, driver } = createTestWorkManager({ workers: [worker] });
    const request = createOneTimeWorkRequest(worker, {
      constraints: { contentUriTriggers: [onImages(false)] },
    });
    await workManager.enqueue(request);
    expect((await workManager.getWorkInfoById(request.id))?.state).toBe('ENQUEUED');
    await driver.setAllConstraintsMet(request.id);
    expect(runs).toEqual([{ uris: [], authorities: [], attempt: 0 }]);
  });

  it('trigger work holds no limited-scheduler slot (maxSchedulerLimit 20)', async () => {
    const { worker, runs } = createTriggeredWorker();
    const plain = defineWorker({ name: 'Plain', run: (_: Record<string, never>, ctx) => ctx.success() });
    const { workManager, driver } = createTestWorkManager({ workers: [worker, plain] });
    const charging = () => createOneTimeWorkRequest(plain, { constraints: { requiresCharging: true } });
    // Scheduled first, it leaves all 20 slots to the work after it...
    const early = createOneTimeWorkRequest(worker, {
      constraints: { contentUriTriggers: [onImages(false)] },
    });
    await workManager.enqueue(early);
    const nineteen = Array.from({ length: 19 }, charging);
    const twentieth = charging();
    await workManager.enqueue([...nineteen, twentieth]);
    await driver.setAllConstraintsMet(twentieth.id);
    expect((await workManager.getWorkInfoById(twentieth.id))?.state).toBe('SUCCEEDED');
    // ...and with every slot taken, trigger work enqueued later is still handed over.
    await workManager.enqueue(charging());
    const late = createOneTimeWorkRequest(worker, { constraints: { contentUriTriggers: [onImages(false)] } });
    await workManager.enqueue(late);
    await driver.setAllConstraintsMet(late.id);
    expect(runs).toHaveLength(1);
    expect(runs).toHaveLength(1);
  });
});
