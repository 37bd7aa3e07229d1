import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  createOneTimeWorkRequest,
  Data,
  dataFromTaggedJson,
  dataToTaggedJson,
  type WorkerDefinition,
  type WorkscriptManifest,
} from '@workscript/api';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createQuickJsEngine,
  createWorkManager,
  silentLogger,
  type QuickJsEngine,
  type QuickJsEngineOptions,
} from '../../src/index.js';
import { recordHistory, waitFor } from './helpers/history.js';

/**
 * A hand-made bundle: `__workscript` with one worker that spins until stopped and the mergers below, each
 * answering as the guest's `merge` does (MergeResultJson, never throwing) except where a test needs a
 * merger that misbehaves at the engine level. `calls` is module state, to tell fresh contexts from reused.
 */
const MERGERS_BUNDLE = `
let calls = 0;
const ok = (data) => JSON.stringify({ ok: true, data });
const mergers = {
  // OverwritingInputMerger over the tagged JSON: later inputs win, tags travel untouched.
  Overwrite: (inputs) => ok(Object.assign({}, ...inputs)),
  Calls: () => ok({ calls: ['int', ++calls] }),
  Throws: () => {
    const e = new TypeError('no merging today');
    return JSON.stringify({ ok: false, error: { name: e.name, message: e.message, stack: e.stack } });
  },
  Spin: () => { for (;;) {} },
  Bomb: () => { const a = []; for (;;) a.push('x'.repeat(4096) + a.length); },
  Deep: () => { const down = (n) => down(n + 1) + 1; return down(0); },
  NotAString: () => 42,
  NotMergeResult: () => JSON.stringify({ data: {} }),
};
globalThis.__workscript = {
  protocolVersion: 1,
  workers: ['Spin'],
  inputMergers: Object.keys(mergers).sort(),
  stop() { globalThis.stopped = true; },
  run() { for (;;) {} },
  merge(name, inputsJson) {
    const merger = mergers[name];
    if (merger === undefined)
      return JSON.stringify({ ok: false, error: { name: 'UnknownInputMergerError', message: 'Unknown input merger ' + JSON.stringify(name) + '.', stack: '' } });
    return merger(JSON.parse(inputsJson));
  },
};
`;

/** A bundle from before custom input mergers: no `inputMergers`, no `merge`. */
const OLD_BUNDLE = `globalThis.__workscript = { protocolVersion: 1, workers: ['Old'], stop() {}, run() { return Promise.resolve('{"status":"success","output":{}}'); } };`;

/** Writes `code` as `<name>` in a new folder, with `manifest` beside it as workscript.json when given. */
function writeBundle(name: string, code: string, manifest?: WorkscriptManifest): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'workscript-merge-'));
  const file = path.join(dir, name);
  writeFileSync(file, code);
  if (manifest) writeFileSync(path.join(dir, 'workscript.json'), JSON.stringify(manifest));
  return file;
}

/** The error `merged` rejects with; fails the test if it resolves. */
async function rejection(merged: Promise<Data>): Promise<Error> {
  return merged.then(
    (data) => {
      throw new Error(`expected a rejection, got ${dataToTaggedJson(data)}`);
    },
    (e: unknown) => e as Error,
  );
}

const engines: QuickJsEngine[] = [];
function engine(
  options: Omit<QuickJsEngineOptions, 'bundlePath'> & { bundlePath?: string } = {},
): QuickJsEngine {
  const created = createQuickJsEngine({ bundlePath: writeBundle('mergers.js', MERGERS_BUNDLE), ...options });
  engines.push(created);
  return created;
}
afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.executor.close()));
});

describe('QuickJS engine: custom input mergers', () => {
  it('merges with the bundle; every Data value crosses both ways without loss', async () => {
    const own = dataFromTaggedJson(
      '{"b":["byte",-128],"i":["int",-2147483648],"l":["long","9007199254740991"],"f":["float","-0"],"d":["double","NaN"],"s":["string","née \\u0000 \\ud83d\\ude00"],"n":["null",null]}',
      'own input',
    );
    const prerequisite = dataFromTaggedJson(
      '{"i":["int",7],"da":["double[]",["Infinity","-Infinity",0.1,-0]],"la":["long[]",["-9007199254740991","0"]],"sa":["string[]",["a",null]],"ba":["boolean[]",[true,false]],"ea":["int[]",[]]}',
      'prerequisite output',
    );
    const merged = await engine().merge('Overwrite', [own, prerequisite]);
    expect(dataToTaggedJson(merged)).toBe(
      '{"b":["byte",-128],"i":["int",7],"l":["long","9007199254740991"],"f":["float","-0"],"d":["double","NaN"],"s":["string","née \\u0000 😀"],"n":["null",null],"da":["double[]",["Infinity","-Infinity",0.1,"-0"]],"la":["long[]",["-9007199254740991","0"]],"sa":["string[]",["a",null]],"ba":["boolean[]",[true,false]],"ea":["int[]",[]]}',
    );
    expect(await engine().merge('Overwrite', [])).toEqual(Data.EMPTY);
  });

  it("rejects with the guest's error when the merger fails, and with a clear error for results it cannot read", async () => {
    const quickjs = engine();
    const thrown = await rejection(quickjs.merge('Throws', [Data.EMPTY]));
    expect(thrown).toBeInstanceOf(Error);
    expect(thrown.name).toBe('TypeError');
    expect(thrown.message).toBe('no merging today');
    // The guest's QuickJS frames (no source map beside this bundle), after a V8-style first line.
    expect(thrown.stack).toMatch(/^TypeError: no merging today\n {4}at Throws \(mergers\.js:\d+(:\d+)?\)/);
    await expect(quickjs.merge('Nope', [])).rejects.toThrow('Unknown input merger "Nope".');
    await expect(quickjs.merge('NotAString', [])).rejects.toThrow(
      '__workscript.merge returned number, not a MergeResultJson string',
    );
    await expect(quickjs.merge('NotMergeResult', [])).rejects.toThrow(
      `__workscript.merge('NotMergeResult') returned {"data":{}}, not MergeResultJson`,
    );
    // The thread survives all of them.
    expect(dataToTaggedJson(await quickjs.merge('Calls', []))).toMatch(/^\{"calls":\["int",\d+\]\}$/);
  });

  it('says to regenerate a bundle built before custom input mergers', async () => {
    const old = engine({ bundlePath: writeBundle('workers.js', OLD_BUNDLE) });
    await expect(old.merge('SumCountsInputMerger', [Data.EMPTY])).rejects.toThrow(
      "The bundle workers.js has no __workscript.merge, so it cannot run input merger 'SumCountsInputMerger': it was built before custom input mergers; regenerate it with workscript generate",
    );
  });

  it('interrupts a merger that never returns after mergeTimeLimitMs; the next merge runs', async () => {
    const quickjs = engine({ mergeTimeLimitMs: 200 });
    const started = Date.now();
    await expect(quickjs.merge('Spin', [])).rejects.toThrow(
      "Input merger 'Spin' did not return within 200 ms (mergeTimeLimitMs) and was interrupted",
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    expect(dataToTaggedJson(await quickjs.merge('Calls', []))).toBe('{"calls":["int",1]}');
  });

  it.each(['fresh', 'reuse'] as const)(
    'holds mergers to the heap and stack limits (%s contexts)',
    async (contexts) => {
      const quickjs = engine({ memoryLimitBytes: 8 * 1024 * 1024, maxStackSizeBytes: 256 * 1024, contexts });
      const before = process.memoryUsage().rss;
      await expect(quickjs.merge('Bomb', [])).rejects.toThrow(/out of memory/);
      await expect(quickjs.merge('Deep', [])).rejects.toThrow('InternalError: stack overflow');
      expect(process.memoryUsage().rss - before).toBeLessThan(256 * 1024 * 1024);
      // A broken context is never reused: the next merge starts from fresh module state.
      expect(dataToTaggedJson(await quickjs.merge('Calls', []))).toBe('{"calls":["int",1]}');
    },
  );

  it('gives each merge a fresh context, or one reused context, as attempts get', async () => {
    for (const [contexts, expected] of [
      ['fresh', [1, 1, 1]],
      ['reuse', [1, 2, 3]],
    ] as const) {
      const quickjs = engine({ contexts });
      const seen: number[] = [];
      for (let i = 0; i < 3; i++) seen.push((await quickjs.merge('Calls', [])).getInt('calls', 0));
      expect(seen).toEqual(expected);
    }
  });

  it('runs merges one at a time, in call order, while every attempt thread is busy', async () => {
    const quickjs = engine({ poolSize: 1, contexts: 'reuse', stopGracePeriodMs: 50 });
    const spin = {
      kind: 'workscript.worker',
      name: 'Spin',
      run: () => undefined,
    } as unknown as WorkerDefinition;
    const wm = createWorkManager({
      database: ':memory:',
      logger: silentLogger,
      executor: quickjs.executor,
      workerFactory: quickjs.workerFactory,
    });
    try {
      const request = createOneTimeWorkRequest(spin as WorkerDefinition<never>, {});
      const { history, done } = recordHistory(wm, request.id);
      await wm.enqueue(request);
      await waitFor(() => history.some((h) => h.startsWith('RUNNING')), 60_000, 'RUNNING');
      // The only engine thread is spinning; merges do not wait for it.
      const merged = await Promise.all([1, 2, 3].map(() => quickjs.merge('Calls', [])));
      expect(merged.map((d) => d.getInt('calls', 0))).toEqual([1, 2, 3]);
      await wm.cancelWorkById(request.id);
      await done;
    } finally {
      await wm.close();
    }
  });

  it('rejects the running and the waiting merges when the engine closes, and later ones', async () => {
    const quickjs = engine();
    const running = rejection(quickjs.merge('Spin', []));
    const waiting = rejection(quickjs.merge('Calls', []));
    await new Promise((resolve) => setTimeout(resolve, 300)); // the thread started and is spinning
    await quickjs.executor.close();
    expect((await running).message).toMatch(/The QuickJS engine thread exited with code/);
    expect((await waiting).message).toBe('The QuickJS engine is closed');
    await expect(quickjs.merge('Calls', [])).rejects.toThrow('The QuickJS engine is closed');
  });

  it("a bundle that does not load rejects the merge with the bundle's error", async () => {
    const broken = engine({ bundlePath: writeBundle('broken.js', 'throw new Error("bundle exploded");') });
    await expect(broken.merge('Any', [])).rejects.toThrow(
      'The bundle broken.js failed to evaluate: Error: bundle exploded',
    );
  });

  it("names the manifest's mergers, sorted; none for an older manifest; null without a manifest", () => {
    const manifest = (inputMergers?: WorkscriptManifest['inputMergers']): WorkscriptManifest => ({
      bridgeProtocolVersion: 1,
      kotlinPackage: 'app',
      workers: [],
      ...(inputMergers ? { inputMergers } : {}),
      files: {},
    });
    const listed = engine({
      bundlePath: writeBundle(
        'workers.js',
        MERGERS_BUNDLE,
        manifest(
          ['Zeta', 'Alpha'].map((name) => ({
            name,
            exportName: name.toLowerCase(),
            sourceFile: 'mergers.ts',
            mergerClass: `app.${name}`,
          })),
        ),
      ),
    });
    expect(listed.inputMergers).toEqual(['Alpha', 'Zeta']);
    expect(
      engine({ bundlePath: writeBundle('workers.js', MERGERS_BUNDLE, manifest()) }).inputMergers,
    ).toEqual([]);
    expect(engine().inputMergers).toBeNull();
  });

  it('refuses a merge time limit that is not a positive number', () => {
    expect(() => engine({ mergeTimeLimitMs: 0 })).toThrow(
      'QuickJS engine option mergeTimeLimitMs must be a positive number of milliseconds, got 0',
    );
  });
});
