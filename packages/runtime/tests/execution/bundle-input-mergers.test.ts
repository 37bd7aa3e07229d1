import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createOneTimeWorkRequest, Data, isFinished, type WorkscriptManifest } from '@workscript/api';
import { createBundle } from '@workscript/codegen';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createWorkManager, silentLogger } from '../../src/index.js';
import { WorkDatabase } from '../../src/store/work-database.js';
import { createTestWorkManager, type TestWorkManager } from '../../src/testing/index.js';
import * as fixture from '../engines/workers/merger-workers.js';

// Spec §7.5 end to end on the shipped code: a bundle that registers a custom merger, a chain whose last step
// names it, and the merge running in QuickJS, before the worker, as the generated Kotlin InputMerger runs it
// on a device.

const ROOT = fileURLToPath(new URL('../engines/workers/', import.meta.url));
const SOURCE = 'merger-workers.ts';
let bundlePath: string;

beforeAll(async () => {
  const bundle = await createBundle({
    projectRoot: ROOT,
    workers: [
      { name: 'Count', exportName: 'count', sourceFile: SOURCE, shapes: fixture.count.shapes ?? {} },
      { name: 'Report', exportName: 'report', sourceFile: SOURCE, shapes: {} },
    ],
    inputMergers: [
      { name: 'SumCountsInputMerger', exportName: 'sumCounts', sourceFile: SOURCE },
      { name: 'ForeverInputMerger', exportName: 'forever', sourceFile: SOURCE },
    ],
  });
  const dir = mkdtempSync(path.join(tmpdir(), 'workscript-mergers-'));
  bundlePath = path.join(dir, 'workers.js');
  writeFileSync(bundlePath, bundle.code);
  writeFileSync(`${bundlePath}.map`, bundle.map);
  const manifest: WorkscriptManifest = {
    bridgeProtocolVersion: 1,
    kotlinPackage: 'dev.workscript.mergers',
    workers: [
      { name: 'Count', exportName: 'count', shapes: fixture.count.shapes ?? {} },
      { name: 'Report', exportName: 'report', shapes: {}, defaults: { inputMerger: 'SumCountsInputMerger' } },
    ].map((w) => ({
      defaults: {},
      ...w,
      sourceFile: SOURCE,
      workerClass: `dev.workscript.mergers.${w.name}Worker`,
    })),
    inputMergers: [
      {
        name: 'SumCountsInputMerger',
        exportName: 'sumCounts',
        sourceFile: SOURCE,
        mergerClass: 'dev.workscript.mergers.SumCountsInputMerger',
      },
      {
        name: 'ForeverInputMerger',
        exportName: 'forever',
        sourceFile: SOURCE,
        mergerClass: 'dev.workscript.mergers.ForeverInputMerger',
      },
    ],
    files: {},
  };
  writeFileSync(path.join(dir, 'workscript.json'), JSON.stringify(manifest));
});

let test: TestWorkManager | undefined;
afterEach(async () => {
  await test?.workManager.close();
  test = undefined;
});

async function runChain(options: Parameters<typeof createTestWorkManager>[0]) {
  test = createTestWorkManager(options);
  const { workManager } = test;
  const counts = [2, 3].map((n) =>
    createOneTimeWorkRequest(fixture.count, { input: Data.builder().putInt('count', n).build() }),
  );
  const report = createOneTimeWorkRequest(fixture.report);
  expect(report.inputMerger).toBe('SumCountsInputMerger');
  await workManager.beginWith(counts).then(report).enqueue();
  // QuickJS runs on threads, so the chain finishes after enqueue() returns.
  await vi.waitFor(
    async () =>
      expect(isFinished((await workManager.getWorkInfoById(report.id))?.state ?? 'BLOCKED')).toBe(true),
    { timeout: 60_000, interval: 20 },
  );
  return workManager.getWorkInfoById(report.id);
}

describe('§7.5 a custom merger from the bundle', () => {
  it('runs in QuickJS before the worker, on its prerequisites\u2019 outputs', async () => {
    const info = await runChain({ bundlePath });
    expect(info?.state).toBe('SUCCEEDED');
    expect(info?.outputData.toObject()).toEqual({ count: 5, mergedIn: 'quickjs', ranIn: 'quickjs' });
  });

  it('wins over a TS definition of the same name, as the bundle\u2019s workers do', async () => {
    const info = await runChain({ bundlePath, inputMergers: [fixture.sumCounts] });
    expect(info?.outputData.toObject()).toMatchObject({ mergedIn: 'quickjs' });
  });

  it('runs inline from the TS definition when the engine is inline', async () => {
    const info = await runChain({
      bundlePath,
      engine: { kind: 'inline' },
      workers: [fixture.count, fixture.report],
    });
    expect(info?.outputData.toObject()).toEqual({ count: 5, mergedIn: 'node', ranIn: 'node' });
  });
});

describe('§7.5 a merge cut short', () => {
  it('a merger past the engine’s merge time limit fails the work without running it', async () => {
    test = createTestWorkManager({ bundlePath, engine: { kind: 'quickjs', mergeTimeLimitMs: 200 } });
    const request = createOneTimeWorkRequest(fixture.report, { inputMerger: fixture.forever });
    const errors: string[] = [];
    test.workManager.on('work:failed', (e) => errors.push(e.error?.message ?? ''));
    await test.workManager.enqueue(request);
    expect(await test.workManager.getWorkInfoById(request.id)).toMatchObject({
      state: 'FAILED',
      runAttemptCount: 0,
    });
    expect(errors).toEqual([
      expect.stringContaining("Input merger 'ForeverInputMerger' did not return within 200 ms"),
    ]);
  });

  it('a shutdown during a merge is a stop: the work stays ENQUEUED for the next process', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'workscript-mergers-db-'));
    const database = path.join(dir, 'work.db');
    const workManager = createWorkManager({
      database,
      logger: silentLogger,
      bundlePath,
      engine: { kind: 'quickjs', mergeTimeLimitMs: 300 },
    });
    const request = createOneTimeWorkRequest(fixture.report, { inputMerger: fixture.forever });
    const failed: string[] = [];
    workManager.on('work:failed', (e) => failed.push(e.id));
    await workManager.enqueue(request);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await workManager.close();
    const reopened = WorkDatabase.open({ filename: database });
    try {
      expect(reopened.workSpecDao.get(request.id)).toMatchObject({ state: 'ENQUEUED', runAttemptCount: 0 });
      expect(failed).toEqual([]);
    } finally {
      reopened.close();
    }
  });
});
