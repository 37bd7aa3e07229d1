import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOneTimeWorkRequest, defineWorker, type WorkerDefinition } from '@workscript/api';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createWorkManager, silentLogger } from '../../src/index.js';
import { createTestWorkManager } from '../../src/testing/index.js';
import { TestWorker } from '../helpers/workers.js';

// Every work carries its worker's name as a tag (androidx adds the worker class name to every request).
// The store keeps that tag in work_spec.worker_name rather than as a work_tag row (WorkTagDao); these pin
// down that every way a tag is read or matched still sees it, exactly as a stored tag.

/** A worker that records `ctx.tags` of each run. */
function createTagRecorder(name: string): { worker: WorkerDefinition; seen: (readonly string[])[] } {
  const seen: (readonly string[])[] = [];
  const worker = defineWorker({
    name,
    run: (_input: Record<string, never>, ctx) => {
      seen.push(ctx.tags);
      return ctx.success();
    },
  });
  return { worker, seen };
}

const later = { initialDelayMs: 864_000_000 };

describe('the implicit tag (the worker name)', () => {
  it('is in WorkInfo.tags and ctx.tags, in sorted order, without a duplicate when also given explicitly', async () => {
    const { worker, seen } = createTagRecorder('Recorder');
    const { workManager, driver } = createTestWorkManager({ workers: [worker] });
    const plain = createOneTimeWorkRequest(worker, later);
    const tagged = createOneTimeWorkRequest(worker, { ...later, tags: ['zz', 'Recorder', 'aa'] });
    await workManager.enqueue([plain, tagged]);
    expect((await workManager.getWorkInfoById(plain.id))?.tags).toEqual(['Recorder']);
    expect((await workManager.getWorkInfoById(tagged.id))?.tags).toEqual(['Recorder', 'aa', 'zz']);
    await driver.setInitialDelayMet(plain.id);
    await driver.setInitialDelayMet(tagged.id);
    expect(seen).toEqual([['Recorder'], ['Recorder', 'aa', 'zz']]);
  });

  it('matches getWorkInfosByTag, WorkQuery tags (with other tags and states) and watchWorkInfos', async () => {
    const other = createTagRecorder('Other').worker;
    const { workManager } = createTestWorkManager({ workers: [TestWorker, other] });
    const a = createOneTimeWorkRequest(TestWorker, later);
    const b = createOneTimeWorkRequest(other, { ...later, tags: ['TestWorker'] });
    const c = createOneTimeWorkRequest(other, { ...later, tags: ['nightly'] });
    await workManager.enqueue([a, b, c]);
    const ids = (infos: readonly { id: string }[]) => infos.map((i) => i.id);
    // Enqueue order; b carries the name of another worker as an explicit tag.
    expect(ids(await workManager.getWorkInfosByTag('TestWorker'))).toEqual([a.id, b.id]);
    expect(ids(await workManager.getWorkInfosByTag('Other'))).toEqual([b.id, c.id]);
    expect(ids(await workManager.getWorkInfos({ tags: ['TestWorker', 'nightly'] }))).toEqual([
      a.id,
      b.id,
      c.id,
    ]);
    expect(ids(await workManager.getWorkInfos({ tags: ['Other'], ids: [c.id] }))).toEqual([c.id]);
    await workManager.cancelWorkById(a.id);
    expect(
      ids(await workManager.getWorkInfos({ tags: ['TestWorker'], states: ['ENQUEUED', 'BLOCKED'] })),
    ).toEqual([b.id]);
    const watch = workManager.watchWorkInfos({ tags: ['Other'] });
    expect(ids((await watch.next()).value as { id: string }[])).toEqual([b.id, c.id]);
    await watch.return?.();
  });

  it('follows updateWork (new tags; a new worker brings its own name) and matches cancelAllWorkByTag', async () => {
    const other = createTagRecorder('Other').worker;
    const { workManager } = createTestWorkManager({ workers: [TestWorker, other] });
    const a = createOneTimeWorkRequest(TestWorker, { ...later, tags: ['before'] });
    const b = createOneTimeWorkRequest(TestWorker, later);
    const c = createOneTimeWorkRequest(TestWorker, later);
    await workManager.enqueue([a, b, c]);
    await workManager.updateWork(
      createOneTimeWorkRequest(TestWorker, { ...later, id: a.id, tags: ['after'] }),
    );
    expect((await workManager.getWorkInfoById(a.id))?.tags).toEqual(['TestWorker', 'after']);
    expect(await workManager.getWorkInfosByTag('before')).toEqual([]);
    // androidx replaces the tags with the request's, whose implicit tag is the new worker's class name.
    await workManager.updateWork(createOneTimeWorkRequest(other, { ...later, id: c.id }));
    expect((await workManager.getWorkInfoById(c.id))?.tags).toEqual(['Other']);
    expect((await workManager.getWorkInfosByTag('Other')).map((i) => i.id)).toEqual([c.id]);
    await workManager.cancelAllWorkByTag('Other');
    expect((await workManager.getWorkInfoById(c.id))?.state).toBe('CANCELLED');
    await workManager.cancelAllWorkByTag('TestWorker');
    expect((await workManager.getWorkInfosByTag('TestWorker')).map((i) => i.state)).toEqual([
      'CANCELLED',
      'CANCELLED',
    ]);
  });

  it('is read back from a file database by a new process, with no work_tag row written for it', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'workscript-tag-')), 'work.db');
    const first = createWorkManager({ database: file, workers: [TestWorker], logger: silentLogger });
    const request = createOneTimeWorkRequest(TestWorker, { ...later, tags: ['kept'] });
    await first.enqueue(request);
    await first.close();
    const raw = new BetterSqlite3(file, { readonly: true });
    expect(raw.prepare('SELECT tag FROM work_tag').pluck().all()).toEqual(['kept']);
    raw.close();
    const second = createWorkManager({ database: file, workers: [TestWorker], logger: silentLogger });
    expect((await second.getWorkInfosByTag('TestWorker')).map((i) => i.tags)).toEqual([
      ['TestWorker', 'kept'],
    ]);
    await second.close();
  });
});
