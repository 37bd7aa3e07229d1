// What a WorkManager leaves in its file when it closes with operations still queued, and when its
// creation fails after the file was opened.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOneTimeWorkRequest, defineWorker, Result } from '@workscript/api';
import { afterEach, describe, expect, it } from 'vitest';
import { createWorkManager, silentLogger, WorkDatabase } from '../../src/index.js';

const dirs: string[] = [];
const tmpFile = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'workscript-close-'));
  dirs.push(dir);
  return join(dir, 'work.db');
};

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('close() and a failed start leave the file usable and nothing half-done', () => {
  it('an enqueue nobody awaited before close() still commits, and its work does not start', async () => {
    const file = tmpFile();
    let runs = 0;
    const Counted = defineWorker({ name: 'Counted', run: () => (runs++, Result.success()) });
    const wm = createWorkManager({ database: file, workers: [Counted], logger: silentLogger });
    const request = createOneTimeWorkRequest(Counted);
    const enqueued = wm.enqueue(request);
    await wm.close();
    await expect(enqueued).resolves.toBeUndefined();
    expect(runs).toBe(0);
    const database = WorkDatabase.open({ filename: file });
    // Left for the next start, untouched: no attempt was made, so none has to be recovered.
    expect(database.workSpecDao.get(request.id)).toMatchObject({
      state: 'ENQUEUED',
      runAttemptCount: 0,
    });
    database.close();
  });

  it('a schedulers option that throws does not leave the file locked', () => {
    const file = tmpFile();
    expect(() =>
      createWorkManager({
        database: file,
        logger: silentLogger,
        schedulers: () => {
          throw new Error('scheduler factory failed');
        },
      }),
    ).toThrow('scheduler factory failed');
    const again = WorkDatabase.open({ filename: file });
    expect(again.isOpen).toBe(true);
    again.close();
  });

  it('a database the caller passed stays open when creation fails: it is the caller’s to close', () => {
    const database = WorkDatabase.open({ filename: tmpFile() });
    expect(() =>
      createWorkManager({
        database,
        logger: silentLogger,
        schedulers: () => {
          throw new Error('scheduler factory failed');
        },
      }),
    ).toThrow('scheduler factory failed');
    expect(database.isOpen).toBe(true);
    database.close();
  });
});
