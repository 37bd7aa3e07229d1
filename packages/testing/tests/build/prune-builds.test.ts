import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { RECENT_USE_MS } from '../../src/build/choose-prunable.js';
import { pruneBuilds, removeUnused } from '../../src/build/prune-builds.js';
import { createWorkscriptTest, type WorkscriptTest } from '../../src/index.js';
import { copyFixture } from '../helpers/fixture-project.js';

const HOUR = 60 * 60 * 1000;
const cacheOf = (root: string): string => path.join(root, 'node_modules', '.cache', 'workscript');

/** The build folders in the cache, sorted. */
const builds = (root: string): string[] =>
  readdirSync(cacheOf(root))
    .filter((name) => /^[0-9a-f]{16}$/.test(name))
    .sort();

/** The `inputs-<key>.json` records in the cache, by the build each names. */
const recordsByBuild = (root: string): Map<string, string> =>
  new Map(
    readdirSync(cacheOf(root))
      .filter((name) => /^inputs-[0-9a-f]{16}\.json$/.test(name))
      .map((name) => {
        const { hash } = JSON.parse(readFileSync(path.join(cacheOf(root), name), 'utf8')) as { hash: string };
        return [hash, name];
      }),
  );

/** Sets the modification time (what pruning ranks by) of a cache entry to `ageMs` before now. */
function age(root: string, name: string, ageMs: number): void {
  const time = new Date(Date.now() - ageMs);
  utimesSync(path.join(cacheOf(root), name), time, time);
}

const mtimeOf = (root: string, name: string): number => statSync(path.join(cacheOf(root), name)).mtimeMs;

/**
 * Builds `workers/other.ts`, in its `version`: every version is a new build of the same options, as a source
 * edit is. `workers/ping.ts` is another set of options ({@link ping}) in the same cache, untouched by it.
 */
function other(root: string, version: number, keepBuilds?: number): Promise<WorkscriptTest> {
  writeFileSync(
    path.join(root, 'workers/other.ts'),
    "import { defineWorker } from '@workscript/api';\n" +
      `export const other = defineWorker({ name: 'Other', run: (_input: Record<string, never>, ctx) => ctx.success({ version: ${version} }) });\n`,
  );
  return createWorkscriptTest({
    root,
    workers: 'workers/other.ts',
    ...(keepBuilds === undefined ? {} : { keepBuilds }),
  });
}
const ping = (root: string): Promise<WorkscriptTest> =>
  createWorkscriptTest({ root, workers: 'workers/ping.ts' });

describe('pruning the build cache through createWorkscriptTest', () => {
  it('deletes the builds past keepBuilds after a build, and nothing on a reuse', async () => {
    const root = copyFixture('warned');
    const v1 = await other(root, 1);
    const v2 = await other(root, 2);
    age(root, v1.hash, 3 * HOUR);
    age(root, v2.hash, 2 * HOUR);
    const v3 = await other(root, 3, 2);
    expect(builds(root)).toEqual([v2.hash, v3.hash].sort());

    age(root, v3.hash, HOUR);
    const again = await other(root, 3, 1);
    expect([again.reused, builds(root)]).toEqual([true, [v2.hash, v3.hash].sort()]);
  });

  it('a reuse marks the build used, so the most recently reused one outlives newer builds', async () => {
    const root = copyFixture('warned');
    const pinged = await ping(root);
    const v1 = await other(root, 1);
    const v2 = await other(root, 2);
    age(root, pinged.hash, 3 * HOUR);
    age(root, v1.hash, 2 * HOUR);
    age(root, v2.hash, 1 * HOUR);

    const before = Date.now();
    expect((await ping(root)).reused).toBe(true);
    expect(mtimeOf(root, pinged.hash)).toBeGreaterThanOrEqual(before - 1000); // file systems round times
    // An hour later, none of the three is recent: only their order decides.
    for (const hash of [pinged.hash, v1.hash, v2.hash])
      age(root, hash, Date.now() - mtimeOf(root, hash) + HOUR);
    const v3 = await other(root, 3, 2);
    expect(builds(root)).toEqual([pinged.hash, v3.hash].sort());
  });

  it('keeps a build used in the last 10 minutes even past keepBuilds', async () => {
    const root = copyFixture('warned');
    const v1 = await other(root, 1);
    const v2 = await other(root, 2);
    age(root, v1.hash, RECENT_USE_MS + HOUR);
    age(root, v2.hash, RECENT_USE_MS / 2); // another test file of the same run may be using it
    const v3 = await other(root, 3, 1);
    expect(builds(root)).toEqual([v2.hash, v3.hash].sort());
  });

  it('rebuilds the same hash when a record names a pruned build, and removes records of gone builds', async () => {
    const root = copyFixture('warned');
    const pinged = await ping(root);
    age(root, pinged.hash, 2 * HOUR);
    await other(root, 1, 1);
    expect(existsSync(path.join(cacheOf(root), pinged.hash))).toBe(false);
    const record = recordsByBuild(root).get(pinged.hash);
    expect(record).toBeDefined(); // written just now: it stays, naming a build that is gone

    const rebuilt = await ping(root);
    expect([rebuilt.reused, rebuilt.hash, rebuilt.warnings.map((d) => d.code)]).toEqual([
      false,
      pinged.hash,
      ['WS1023'],
    ]);
    expect(existsSync(rebuilt.bundlePath)).toBe(true);

    // Unused for hours, the build goes with the next build; its record with the one after.
    age(root, pinged.hash, 2 * HOUR);
    age(root, record ?? '', 2 * HOUR);
    await other(root, 2, 1);
    expect([builds(root).includes(pinged.hash), recordsByBuild(root).has(pinged.hash)]).toEqual([
      false,
      true,
    ]);
    await other(root, 3, 1);
    expect(recordsByBuild(root).has(pinged.hash)).toBe(false);
  });

  it("deletes temporary folders and records of killed runs, leaves young ones and what isn't the harness's", async () => {
    const root = copyFixture('warned');
    const cache = cacheOf(root);
    mkdirSync(cache, { recursive: true });
    const leftovers = {
      staleFolder: '0123456789abcdef.tmp-aB3dE9',
      youngFolder: '0123456789abcdef.tmp-Zz9yX8',
      staleRecord: 'inputs-0123456789abcdef.json.4242.1700000000000.tmp',
      foreign: 'notes.txt',
    };
    for (const [role, name] of Object.entries(leftovers)) {
      if (role.endsWith('Folder')) mkdirSync(path.join(cache, name));
      else writeFileSync(path.join(cache, name), '{}');
      if (role !== 'youngFolder') age(root, name, RECENT_USE_MS + HOUR);
    }
    await other(root, 1);
    expect(
      readdirSync(cache)
        .filter((name) => Object.values(leftovers).includes(name))
        .sort(),
    ).toEqual([leftovers.foreign, leftovers.youngFolder].sort());
  });
});

describe('pruneBuilds and removeUnused, with other processes in the same cache', () => {
  let warn: MockInstance<typeof process.emitWarning>;
  beforeEach(() => {
    warn = vi.spyOn(process, 'emitWarning');
  });
  afterEach(() => warn.mockRestore());

  it('skips an entry that vanished between the listing and its removal, without a warning', () => {
    const root = copyFixture('warned');
    const cache = cacheOf(root);
    mkdirSync(path.join(cache, 'aaaaaaaaaaaaaaaa'), { recursive: true });
    mkdirSync(path.join(cache, 'bbbbbbbbbbbbbbbb'));
    age(root, 'aaaaaaaaaaaaaaaa', HOUR);
    // A name in the listing whose target is gone: another process renamed it away after readdir.
    symlinkSync(path.join(cache, 'gone'), path.join(cache, 'cccccccccccccccc'));

    pruneBuilds(cache, { keep: 1, current: 'bbbbbbbbbbbbbbbb' });
    removeUnused(path.join(cache, 'dddddddddddddddd'), Date.now());
    expect(readdirSync(cache).sort()).toEqual(['bbbbbbbbbbbbbbbb', 'cccccccccccccccc']);
    expect(warn).not.toHaveBeenCalled();
  });

  it('keeps an entry used after the listing: it looks at the time again before removing', () => {
    const root = copyFixture('warned');
    const folder = path.join(cacheOf(root), 'aaaaaaaaaaaaaaaa');
    mkdirSync(folder, { recursive: true });
    removeUnused(folder, Date.now() - HOUR); // made just now, after the hour-old listing
    expect(existsSync(folder)).toBe(true);
    age(root, 'aaaaaaaaaaaaaaaa', 2 * HOUR);
    removeUnused(folder, Date.now() - HOUR);
    expect([existsSync(folder), readdirSync(cacheOf(root))]).toEqual([false, []]);
  });
});
