import { createOneTimeWorkRequest } from '@workscript/api';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestWorkManager } from '../../src/testing/index.js';
import { TestWorker } from '../helpers/workers.js';

// The options createTestWorkManager decides itself. A misspelt scheduling mode used to run as 'driver'
// without a word; a clock that is not a TestClock failed at the first enqueue.

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('createTestWorkManager bad input', () => {
  it.each([
    [
      { scheduling: 'bogus' },
      new RangeError(
        `createTestWorkManager option scheduling must be one of 'driver', 'time-based', 'device', got "bogus" (a string)`,
      ),
    ],
    [
      { synchronous: 'no' },
      new TypeError('createTestWorkManager option synchronous must be true or false, got "no" (a string)'),
    ],
    [
      { clock: {} },
      new TypeError(
        'createTestWorkManager option clock must be a TestClock (new TestClock(startMillis)), got an object',
      ),
    ],
    [
      { database: 42 },
      new TypeError(
        "createTestWorkManager option database must be a file path, ':memory:' or a WorkDatabase, got 42",
      ),
    ],
  ])('refuses %j, naming the option and what it takes', (options, error) => {
    expect(() => createTestWorkManager({ workers: [TestWorker], ...(options as object) })).toThrow(error);
  });

  it('refuses options that are not an object', () => {
    expect(() => createTestWorkManager(null as never)).toThrow(
      new TypeError('createTestWorkManager options must be an object, got null'),
    );
  });

  it('closes the database it opened when createWorkManager refuses one of its options, so the file can be opened again', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ws-test-wm-'));
    dirs.push(dir);
    const database = path.join(dir, 'work.db');
    expect(() => createTestWorkManager({ workers: [TestWorker], database, maxSchedulerLimit: 5 })).toThrow(
      RangeError,
    );
    const { workManager } = createTestWorkManager({ workers: [TestWorker], database });
    const request = createOneTimeWorkRequest(TestWorker);
    await workManager.enqueue(request);
    expect((await workManager.getWorkInfoById(request.id))?.state).toBe('SUCCEEDED');
    await workManager.close();
  });
});
