import { createOneTimeWorkRequest, Data, LONG_MAX_VALUE, StopReason } from '@workscript/api';
import { describe, expect, it } from 'vitest';
import { WorkDatabase } from '../../src/index.js';
import { createWorkSpec, type WorkSpec } from '../../src/model/work-spec.js';
import type { WorkSpecDao } from '../../src/store/work-spec-dao.js';
import { sortTags } from '../../src/store/work-tag-dao.js';
import { TestWorker } from '../helpers/workers.js';

const open = (): WorkDatabase => WorkDatabase.open({ filename: ':memory:' });
// Expedited, so the expedited selects (partial index of migration 0003) return rows too.
const enqueuedSpec = (lastEnqueueTime: number): WorkSpec => ({
  ...createWorkSpec(createOneTimeWorkRequest(TestWorker)),
  input: Data.fromObject({ n: lastEnqueueTime }),
  expedited: true,
  lastEnqueueTime,
});

/** What every scheduler select returns must equal the stored rows, read one by one with `get`. */
function expectSelectsMatchTable(db: WorkDatabase): void {
  const dao = db.workSpecDao;
  const stored = (specs: WorkSpec[]) => specs.map((s) => dao.get(s.id));
  for (const select of [
    () => dao.getAllEligibleWorkForScheduling(200),
    () => dao.getEligibleWorkForScheduling(200),
    () => dao.getEligibleExpeditedWork(200, false),
    () => dao.getEligibleExpeditedWork(200, true),
  ]) {
    const specs = select();
    expect(specs).toEqual(stored(specs));
  }
}

// The scheduler selects serve rows the DAO itself inserted from memory (WorkSpecDao `#inserted`); these
// tests pin down that no write, bulk write or rollback lets a select return a row the table no longer holds.
describe('WorkSpecDao scheduler selects', () => {
  it('return inserted rows exactly as stored, oldest enqueue first', () => {
    const db = open();
    const specs = [enqueuedSpec(30), enqueuedSpec(10), enqueuedSpec(20)];
    db.runInTransaction(() => specs.forEach((s) => db.workSpecDao.insert(s)));
    const eligible = db.workSpecDao.getAllEligibleWorkForScheduling(200);
    expect(eligible.map((s) => s.lastEnqueueTime)).toEqual([10, 20, 30]);
    expect(eligible.map((s) => s.input.toObject()['n'])).toEqual([10, 20, 30]);
    expectSelectsMatchTable(db);
    db.close();
  });

  const writes: [string, (dao: WorkSpecDao, id: string) => void][] = [
    ['update', (dao, id) => dao.update({ ...(dao.get(id) as WorkSpec), input: Data.fromObject({ n: -1 }) })],
    ['setState', (dao, id) => dao.setState(id, 'ENQUEUED')],
    ['setOutput', (dao, id) => dao.setOutput(id, Data.fromObject({ out: 1 }))],
    ['setStateAndOutput', (dao, id) => dao.setStateAndOutput(id, 'ENQUEUED', Data.fromObject({ out: 2 }))],
    ['setLastEnqueueTime', (dao, id) => dao.setLastEnqueueTime(id, 5)],
    ['setStopReason', (dao, id) => dao.setStopReason(id, StopReason.CONSTRAINT_CHARGING)],
    ['markScheduled', (dao, id) => dao.markScheduled(id, 99)],
    ['resetRunAttemptCount', (dao, id) => dao.resetRunAttemptCount(id)],
    ['incrementPeriodCount', (dao, id) => dao.incrementPeriodCount(id)],
    ['setNextScheduleTimeOverride', (dao, id) => dao.setNextScheduleTimeOverride(id, 1234)],
    ['resetNextScheduleTimeOverride', (dao, id) => dao.resetNextScheduleTimeOverride(id, 0)],
    ['resetScheduledState', (dao) => dao.resetScheduledState()],
    ['resetRunningWork', (dao) => dao.resetRunningWork()],
    ['pruneFinishedWork', (dao) => dao.pruneFinishedWork()],
    ['pruneExpiredFinishedWork', (dao) => dao.pruneExpiredFinishedWork(LONG_MAX_VALUE)],
  ];
  it.each(writes)('see the row as it is after %s', (_name, write) => {
    const db = open();
    const dao = db.workSpecDao;
    const spec = enqueuedSpec(10);
    dao.insert(spec);
    dao.setNextScheduleTimeOverride(spec.id, 1000);
    dao.insert(enqueuedSpec(20));
    // A second round on a row the DAO remembers again (re-inserted after a delete).
    dao.delete(spec.id);
    dao.insert(spec, { tags: ['t'], hasPrerequisites: false });
    expect(dao.insertedWork(spec.id)).toBeDefined();
    write(dao, spec.id);
    expectSelectsMatchTable(db);
    // Tags and prerequisites given to insert are served only while the row is unchanged.
    expect(dao.insertedWork(spec.id)).toBeUndefined();
    db.close();
  });

  it('leave out rows that left ENQUEUED (trySetRunning, setCancelledState, delete)', () => {
    const db = open();
    const dao = db.workSpecDao;
    const [a, b, c, d] = [enqueuedSpec(1), enqueuedSpec(2), enqueuedSpec(3), enqueuedSpec(4)];
    for (const s of [a, b, c, d]) dao.insert(s);
    expect(dao.trySetRunning(a.id)).toBe(true);
    dao.setCancelledState(b.id);
    dao.delete(c.id);
    expect(dao.getAllEligibleWorkForScheduling(200).map((s) => s.id)).toEqual([d.id]);
    expect(dao.get(a.id)).toMatchObject({ state: 'RUNNING', runAttemptCount: 1 });
    expectSelectsMatchTable(db);
    db.close();
  });

  it('never return a row whose insert was rolled back, nor a stale row after a rolled-back write', () => {
    const db = open();
    const dao = db.workSpecDao;
    const kept = enqueuedSpec(1);
    dao.insert(kept);
    const lost = enqueuedSpec(2);
    expect(() =>
      db.runInTransaction(() => {
        dao.insert(lost);
        dao.setLastEnqueueTime(kept.id, 7);
        throw new Error('roll back');
      }),
    ).toThrow('roll back');
    expect(dao.getAllEligibleWorkForScheduling(200).map((s) => [s.id, s.lastEnqueueTime])).toEqual([
      [kept.id, 1],
    ]);
    expectSelectsMatchTable(db);
    db.close();
  });

  it('read rows from the table when more than the remembered inserts are ENQUEUED', () => {
    const db = open();
    const dao = db.workSpecDao;
    const specs = Array.from({ length: 1100 }, (_, i) => enqueuedSpec(i));
    db.runInTransaction(() => specs.forEach((s) => dao.insert(s)));
    const page = dao.getAllEligibleWorkForScheduling(200);
    expect(page.map((s) => s.id)).toEqual(specs.slice(0, 200).map((s) => s.id));
    expectSelectsMatchTable(db);
    db.close();
  });
});

describe('WorkSpecDao.insertedWork (tags and prerequisites of a start without reads)', () => {
  it('keeps the tags in the order a read of work_tag gives, astral and accented tags included', () => {
    const db = open();
    const spec = enqueuedSpec(1);
    const tags = ['b', 'B', 'a', '\uFF01', '\u{1F600}', '\u00E9', 'Z', ''];
    db.runInTransaction(() => {
      db.workSpecDao.insert(spec, { tags: sortTags([...tags, spec.workerName]), hasPrerequisites: false });
      db.workTagDao.insertTags(spec.id, spec.workerName, tags);
    });
    expect(db.workSpecDao.insertedWork(spec.id)?.tags).toEqual(
      db.workTagDao.getTagsForWorkSpecId(spec.id, spec.workerName),
    );
    db.close();
  });

  it('is forgotten with the row: a start after a write, a delete or a rollback reads the tables', () => {
    const db = open();
    const dao = db.workSpecDao;
    const [a, b, c] = [enqueuedSpec(1), enqueuedSpec(2), enqueuedSpec(3)];
    for (const s of [a, b, c]) dao.insert(s, { tags: ['t'], hasPrerequisites: false });
    expect(dao.insertedWork(a.id)).toEqual({ tags: ['t'], hasPrerequisites: false });
    expect(dao.trySetRunning(a.id)).toBe(true);
    dao.delete(b.id);
    expect(dao.insertedWork(a.id)).toBeUndefined();
    expect(dao.insertedWork(b.id)).toBeUndefined();
    expect(() =>
      db.runInTransaction(() => {
        dao.insert(enqueuedSpec(4), { tags: ['u'], hasPrerequisites: true });
        throw new Error('roll back');
      }),
    ).toThrow('roll back');
    expect(dao.insertedWork(c.id)).toBeUndefined();
    db.close();
  });
});

describe('WorkSpecDao.getState after trySetRunning', () => {
  const writes: [string, (dao: WorkSpecDao, id: string) => void][] = [
    ['setState', (dao, id) => dao.setState(id, 'ENQUEUED')],
    ['setCancelledState', (dao, id) => dao.setCancelledState(id)],
    ['setStateAndOutput', (dao, id) => dao.setStateAndOutput(id, 'SUCCEEDED', Data.EMPTY)],
    ['delete', (dao, id) => dao.delete(id)],
    ['update', (dao, id) => dao.update({ ...(dao.get(id) as WorkSpec), state: 'ENQUEUED' })],
    ['resetRunningWork', (dao) => dao.resetRunningWork()],
    ['pruneFinishedWork after a finish', (dao, id) => (dao.setState(id, 'FAILED'), dao.pruneFinishedWork())],
  ];
  it.each(writes)('answers what the table holds after %s', (_name, write) => {
    const db = open();
    const dao = db.workSpecDao;
    const spec = enqueuedSpec(1);
    dao.insert(spec);
    expect(dao.trySetRunning(spec.id)).toBe(true);
    expect(dao.getState(spec.id)).toBe('RUNNING');
    write(dao, spec.id);
    const stored = dao.get(spec.id);
    expect(dao.getState(spec.id)).toBe(stored === null ? null : stored.state);
    db.close();
  });

  it('answers what the table holds after a rolled-back start', () => {
    const db = open();
    const dao = db.workSpecDao;
    const spec = enqueuedSpec(1);
    dao.insert(spec);
    expect(() =>
      db.runInTransaction(() => {
        expect(dao.trySetRunning(spec.id)).toBe(true);
        throw new Error('roll back');
      }),
    ).toThrow('roll back');
    expect(dao.getState(spec.id)).toBe('ENQUEUED');
    db.close();
  });
});
