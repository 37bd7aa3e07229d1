import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { InputMerger, Int } from '@workscript/api';
import { afterEach, describe, expect, it } from 'vitest';
import { createWorkscriptTest, type WorkscriptTest } from '../src/index.js';
import { copyFixture } from './helpers/fixture-project.js';

// Custom input mergers through the whole stack: the codegen bundles the fixture's defineInputMerger exports and
// lists them in the manifest; the harness's requests name them; the runtime runs them in QuickJS (the code
// that ships) or, inline, from the TS definitions it imports.

let harness: WorkscriptTest | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function runTally(engine: 'quickjs' | 'inline', inputMerger?: InputMerger) {
  const root = copyFixture('tally');
  const test = (harness = await createWorkscriptTest({ root, workers: 'workers' }));
  const run = await test.start({ engine });
  const counts = [2, 3].map((n) => test.request({ name: 'Count' }, { input: { count: n as Int } }));
  // A bare { name } takes the manifest's defaults, the custom merger included, as the Kotlin builder does.
  const tally = test.request({ name: 'Tally' }, inputMerger === undefined ? {} : { inputMerger });
  await run.workManager.beginWith(counts).then(tally).enqueue();
  for (const prerequisite of counts) await run.runUntilFinished(prerequisite.id);
  return { info: await run.runUntilFinished(tally.id), request: tally, root };
}

async function importMaxCount(root: string): Promise<InputMerger> {
  const module = (await import(pathToFileURL(path.join(root, 'workers/tally.ts')).href)) as {
    maxCount: InputMerger;
  };
  return module.maxCount;
}

describe('custom input mergers in the harness', () => {
  it('the manifest lists the mergers, and the worker default runs in QuickJS on the prerequisites\u2019 outputs', async () => {
    const { info, request } = await runTally('quickjs');
    expect(request.inputMerger).toBe('SumCountsInputMerger');
    expect(info.state).toBe('SUCCEEDED');
    expect(info.outputData.toObject()).toEqual({ total: 5, mergedIn: 'quickjs', ranIn: 'quickjs' });
  });

  it("engine: 'inline' imports the manifest's mergers, also the ones only a request names", async () => {
    const first = await runTally('inline');
    expect(first.info.outputData.toObject()).toEqual({ total: 5, mergedIn: 'inline', ranIn: 'inline' });
    await harness?.close();
    const root = copyFixture('tally');
    const test = (harness = await createWorkscriptTest({ root, workers: 'workers' }));
    const run = await test.start({ engine: 'inline' });
    const counts = [2, 3].map((n) => test.request({ name: 'Count' }, { input: { count: n as Int } }));
    const tally = test.request({ name: 'Tally' }, { inputMerger: await importMaxCount(root) });
    await run.workManager.beginWith(counts).then(tally).enqueue();
    for (const prerequisite of counts) await run.runUntilFinished(prerequisite.id);
    const info = await run.runUntilFinished(tally.id);
    expect(info.outputData.toObject()).toEqual({ total: 3, mergedIn: 'inline', ranIn: 'inline' });
  });
});
