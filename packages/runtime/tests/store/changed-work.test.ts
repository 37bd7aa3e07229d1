import { createOneTimeWorkRequest } from '@workscript/api';
import { describe, expect, it } from 'vitest';
import { watchChanges } from '../../src/observe/watch-changes.js';
import { ChangeRecorder, type ChangedWork } from '../../src/store/changed-work.js';
import { createWorkSpec } from '../../src/model/work-spec.js';
import { WorkDatabase } from '../../src/index.js';
import { createTestWorkManager } from '../../src/testing/index.js';
import { createGatedWorker, TestWorker } from '../helpers/workers.js';

// Commits say which works they changed while a watcher of one work asks, so that such a watcher skips the
// commits of the others (a thousand of them, each reading its WorkInfo at every commit, cost O(n²)). A
// write that was not reported makes the answer 'all': SQLite counts the rows changed, and they must add up.

const show = (changed: ChangedWork) => (changed === 'all' ? 'all' : [...changed].sort());
const newSpec = () => createWorkSpec(createOneTimeWorkRequest(TestWorker));

describe('what a commit says it changed', () => {
  it('names the works each operation wrote, tags, names, edges and progress included', async () => {
    const gated = createGatedWorker('Gated');
    const { workManager, database } = createTestWorkManager({ workers: [TestWorker, gated.worker] });
    const untrack = database.trackChanges();
    const commits: (string[] | 'all')[] = [];
    database.onCommit((changed) => void commits.push(show(changed)));

    const [a, b] = [
      createOneTimeWorkRequest(TestWorker, { tags: ['t'] }),
      createOneTimeWorkRequest(TestWorker),
    ];
    await workManager.beginUniqueWork('chain', 'KEEP', a).then(b).enqueue();
    expect(commits[0]).toEqual([a.id, b.id].sort());
    // Every later commit of the chain's run names only works of the chain.
    expect(commits.every((c) => c !== 'all' && c.every((id) => id === a.id || id === b.id))).toBe(true);

    commits.length = 0;
    const g = createOneTimeWorkRequest(gated.worker);
    await workManager.enqueue(g);
    await workManager.cancelWorkById(g.id);
    await workManager.settle();
    expect(commits.length).toBeGreaterThan(0);
    // The start, the progress, the cancel: each names the work (a commit may also change nothing).
    expect(commits.filter((c) => c.length > 0)).toEqual(
      commits.filter((c) => c.length > 0).map(() => [g.id]),
    );
    expect(commits.filter((c) => c.length > 0).length).toBeGreaterThanOrEqual(3);

    commits.length = 0;
    await workManager.pruneWork();
    expect(commits).toEqual(['all']);
    untrack();
  });

  it("is 'all' when SQLite counted rows no DAO reported (here: a deleted work's tags, by cascade)", () => {
    const database = WorkDatabase.open({ filename: ':memory:' });
    database.trackChanges();
    const commits: (string[] | 'all')[] = [];
    database.onCommit((changed) => void commits.push(show(changed)));
    const untagged = createWorkSpec(createOneTimeWorkRequest(TestWorker));
    const tagged = createWorkSpec(createOneTimeWorkRequest(TestWorker, { tags: ['t'] }));
    database.runInTransaction(() => {
      database.workSpecDao.insert(untagged);
      database.workSpecDao.insert(tagged);
      database.workTagDao.insertTags(tagged.id, tagged.workerName, ['t']);
    });
    database.runInTransaction(() => database.workSpecDao.delete(untagged.id));
    database.runInTransaction(() => database.workSpecDao.delete(tagged.id));
    expect(commits).toEqual([[untagged.id, tagged.id].sort(), [untagged.id], 'all']);
    database.close();
  });

  it("is 'all' while nobody tracks changes, and after the last tracker stops", () => {
    const database = WorkDatabase.open({ filename: ':memory:' });
    const commits: (string[] | 'all')[] = [];
    database.onCommit((changed) => void commits.push(show(changed)));
    const spec = createWorkSpec(createOneTimeWorkRequest(TestWorker));
    database.runInTransaction(() => database.workSpecDao.insert(spec));
    const untrack = database.trackChanges();
    database.runInTransaction(() => database.workSpecDao.setState(spec.id, 'RUNNING'));
    untrack();
    untrack(); // a second call changes nothing
    database.runInTransaction(() => database.workSpecDao.setState(spec.id, 'SUCCEEDED'));
    expect(commits).toEqual(['all', [spec.id], 'all']);
    database.close();
  });

  it('forgets what a rolled-back transaction reported', () => {
    const database = WorkDatabase.open({ filename: ':memory:' });
    database.trackChanges();
    const commits: (string[] | 'all')[] = [];
    database.onCommit((changed) => void commits.push(show(changed)));
    const [x, y] = [newSpec(), newSpec()];
    expect(() =>
      database.runInTransaction(() => {
        database.workSpecDao.insert(x);
        throw new Error('rolled back');
      }),
    ).toThrow('rolled back');
    database.runInTransaction(() => database.workSpecDao.insert(y));
    expect(commits).toEqual([[y.id]]);
    database.close();
  });

  it('ChangeRecorder: reported rows must add up to what SQLite counted', () => {
    const recorder = new ChangeRecorder();
    recorder.work('a', 1);
    recorder.other(2);
    recorder.name('n');
    recorder.tag('t');
    const precise = recorder.take(3);
    expect([show(precise.works), precise.names, precise.tags]).toEqual([
      ['a'],
      new Set(['n']),
      new Set(['t']),
    ]);
    recorder.work('a', 1);
    recorder.name('n');
    expect(recorder.take(2)).toEqual({ works: 'all', names: 'all', tags: 'all' });
    recorder.work('a', 0);
    expect(show(recorder.take(0).works)).toEqual([]);
    recorder.many(4);
    expect(recorder.take(4).works).toBe('all');
    recorder.work('a', 1);
    expect(recorder.take(undefined).works).toBe('all');
  });
});

describe('onCommitOf', () => {
  it('calls a listener only after commits that wrote its work, or that cannot say what they wrote', () => {
    const database = WorkDatabase.open({ filename: ':memory:' });
    const [a, b] = [newSpec(), newSpec()];
    const calls: string[] = [];
    const offA = database.onCommitOf(a.id, (changed) => void calls.push(`a ${show(changed).length}`));
    database.onCommitOf(b.id, () => void calls.push('b'));
    database.runInTransaction(() => database.workSpecDao.insert(a));
    database.runInTransaction(() => database.workSpecDao.insert(b));
    database.runInTransaction(() => database.workSpecDao.setState(a.id, 'RUNNING'));
    database.runInTransaction(() => database.workSpecDao.resetRunningWork());
    offA();
    database.runInTransaction(() => database.workSpecDao.setState(a.id, 'SUCCEEDED'));
    // 'all' (the reset) wakes both; show('all') is the string 'all', of length 3.
    expect(calls).toEqual(['a 1', 'b', 'a 1', 'a 3', 'b']);
    database.close();
  });
});

describe('a watcher of one work', () => {
  it('is not recomputed by commits that changed other works', () => {
    const database = WorkDatabase.open({ filename: ':memory:' });
    const [mine, other] = [newSpec(), newSpec()];
    database.runInTransaction(() => {
      database.workSpecDao.insert(mine);
      database.workSpecDao.insert(other);
    });
    let computes = 0;
    const iterator = watchChanges(
      database,
      () => {
        computes++;
        return database.workSpecDao.getState(mine.id);
      },
      (p, q) => p === q,
      { listen: (wake) => database.onCommitOf(mine.id, wake) },
    );
    void iterator.next();
    void iterator.next();
    for (let i = 0; i < 5; i++)
      database.runInTransaction(() => database.workSpecDao.markScheduled(other.id, i));
    expect(computes).toBe(1);
    database.runInTransaction(() => database.workSpecDao.setState(mine.id, 'RUNNING'));
    expect(computes).toBe(2);
    void iterator.return?.();
    database.close();
  });
});
