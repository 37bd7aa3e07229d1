import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOneTimeWorkRequest, Data } from '@workscript/api';
import { describe, expect, it } from 'vitest';
import { WorkDatabase } from '../../src/index.js';
import { createWorkSpec } from '../../src/model/work-spec.js';
import { TestWorker } from '../helpers/workers.js';

// WorkProgressDao skips its statements for ids it knows have no row; these tests pin down that what it
// answers is always what the table holds: across reopening, deletes by cascade, and rollbacks.
function withSpecs(db: WorkDatabase, count: number): string[] {
  const specs = Array.from({ length: count }, () => createWorkSpec(createOneTimeWorkRequest(TestWorker)));
  db.runInTransaction(() => specs.forEach((s) => db.workSpecDao.insert(s)));
  return specs.map((s) => s.id);
}
const half = Data.fromObject({ percent: 50 });

describe('WorkProgressDao', () => {
  it('reads what it wrote, and nothing for ids without a row', () => {
    const db = WorkDatabase.open({ filename: ':memory:' });
    const [a, b] = withSpecs(db, 2) as [string, string];
    db.runInTransaction(() => db.workProgressDao.insert(a, half));
    expect(db.workProgressDao.getProgressForWorkSpecId(a).toObject()).toEqual({ percent: 50 });
    expect(db.workProgressDao.getProgressForWorkSpecId(b)).toBe(Data.EMPTY);
    db.runInTransaction(() => db.workProgressDao.delete(a));
    expect(db.workProgressDao.getProgressForWorkSpecId(a)).toBe(Data.EMPTY);
  });

  it('knows the rows a file already holds when it is opened again', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'workscript-progress-')), 'work.db');
    const first = WorkDatabase.open({ filename: file });
    const [a] = withSpecs(first, 1) as [string];
    first.runInTransaction(() => first.workProgressDao.insert(a, half));
    first.close();
    const again = WorkDatabase.open({ filename: file });
    expect(again.workProgressDao.getProgressForWorkSpecId(a).toObject()).toEqual({ percent: 50 });
    again.runInTransaction(() => again.workProgressDao.delete(a));
    expect(again.workProgressDao.getProgressForWorkSpecId(a)).toBe(Data.EMPTY);
    again.close();
  });

  it('after a rolled-back delete, the row that is still there is read and deleted', () => {
    const db = WorkDatabase.open({ filename: ':memory:' });
    const [a] = withSpecs(db, 1) as [string];
    db.runInTransaction(() => db.workProgressDao.insert(a, half));
    expect(() =>
      db.runInTransaction(() => {
        db.workProgressDao.delete(a);
        throw new Error('rolled back');
      }),
    ).toThrow('rolled back');
    expect(db.workProgressDao.getProgressForWorkSpecId(a).toObject()).toEqual({ percent: 50 });
    db.runInTransaction(() => db.workProgressDao.delete(a));
    expect(db.workProgressDao.getProgressForWorkSpecId(a)).toBe(Data.EMPTY);
  });

  it('a row removed with its work (cascade) reads as nothing, and a new row for a new id is found', () => {
    const db = WorkDatabase.open({ filename: ':memory:' });
    const [a, b] = withSpecs(db, 2) as [string, string];
    db.runInTransaction(() => db.workProgressDao.insert(a, half));
    db.runInTransaction(() => db.workSpecDao.delete(a));
    expect(db.workProgressDao.getProgressForWorkSpecId(a)).toBe(Data.EMPTY);
    db.runInTransaction(() => db.workProgressDao.insert(b, half));
    expect(db.workProgressDao.getProgressForWorkSpecId(b).toObject()).toEqual({ percent: 50 });
  });
});
