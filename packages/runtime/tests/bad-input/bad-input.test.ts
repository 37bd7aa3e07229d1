import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createOneTimeWorkRequest,
  createPeriodicWorkRequest,
  DataTooLargeError,
  defineWorker,
  InvalidWorkRequestError,
  Result,
  type PeriodicWorkRequest,
  type WorkRequest,
} from '@workscript/api';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CorruptDatabaseError,
  createWorkManager,
  CyclicWorkContinuationError,
  DatabaseVersionError,
  NotAWorkscriptDatabaseError,
  silentLogger,
  WorkDatabase,
  WorkNotEnqueuedError,
  type WorkManager,
} from '../../src/index.js';
import { createTestWorkManager, TestClock } from '../../src/testing/index.js';
import { createCountingWorker, TestWorker } from '../helpers/workers.js';

/**
 * Bad input through the public API: each case gets a typed error that names the culprit, and the
 * database is byte-for-byte the same afterwards (compared as a dump of every row of every table).
 * Where WorkManager itself accepts the input and fails the *work* instead (unknown worker, output over
 * the Data limit), the test says so and checks that only that work changed.
 */

const tmp = (): string => mkdtempSync(join(tmpdir(), 'workscript-bad-input-'));
const DAY = 86_400_000;
const open: WorkManager[] = [];
afterEach(async () => {
  for (const wm of open.splice(0)) await wm.close();
});

/** A test WorkManager on a file, with a second connection that dumps every row of every table. */
function setup(workers = [TestWorker]) {
  const file = join(tmp(), 'work.db');
  const test = createTestWorkManager({ workers, database: WorkDatabase.open({ filename: file }) });
  open.push(test.workManager);
  const dump = (): string => {
    const raw = new BetterSqlite3(file, { readonly: true });
    try {
      const tables = raw
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .pluck()
        .all() as string[];
      const rows = tables.map((t) => [t, raw.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).raw().all()]);
      return JSON.stringify(rows, (_k, v: unknown) =>
        v && typeof v === 'object' && 'type' in v && v.type === 'Buffer'
          ? `0x${Buffer.from((v as unknown as { data: number[] }).data).toString('hex')}`
          : v,
      );
    } finally {
      raw.close();
    }
  };
  return { ...test, file, dump };
}

/** Some work already stored, so "unchanged" is checked against a non-empty database. */
async function seed(workManager: WorkManager) {
  const pending = createOneTimeWorkRequest(TestWorker, { initialDelayMs: 10 * DAY, tags: ['seed'] });
  const done = createOneTimeWorkRequest(TestWorker, { input: { n: 1 } });
  const periodic = createPeriodicWorkRequest(TestWorker, { intervalMs: 900_000, initialDelayMs: 10 * DAY });
  await workManager.beginWith(done).then(pending).enqueue();
  await workManager.enqueueUniquePeriodicWork('sync', 'KEEP', periodic);
  return { pending, done, periodic };
}

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('bad input: unknown worker', () => {
  it('enqueue succeeds (as in WorkManager); the work FAILS without running, and the error lists the known workers', async () => {
    const { workManager, database, dump } = setup();
    await seed(workManager);
    const before = dump();
    const errors: Error[] = [];
    workManager.on('work:failed', (e) => e.error && errors.push(e.error));
    const typo = createOneTimeWorkRequest({ name: 'TestWorkr' });
    await workManager.enqueue(typo);
    expect(await workManager.getWorkInfoById(typo.id)).toMatchObject({ state: 'FAILED', runAttemptCount: 0 });
    expect(errors.map((e) => e.message)).toEqual([
      expect.stringContaining("Unknown worker 'TestWorkr'. Known workers: TestWorker"),
    ]);
    // Only the new work's own rows were added: delete them and the database is what it was.
    database.runInTransaction(() => database.workSpecDao.delete(typo.id));
    expect(dump()).toBe(before);
  });
});

describe('bad input: Data over 10,240 bytes', () => {
  it('an input over the limit is refused when the request is built, naming the size; nothing is stored', async () => {
    const { workManager, dump } = setup();
    await seed(workManager);
    const before = dump();
    const build = () => createOneTimeWorkRequest(TestWorker, { input: { blob: 'x'.repeat(10_240) } });
    expect(build).toThrow(DataTooLargeError);
    expect(build).toThrow(/10240 bytes/);
    expect(() =>
      createPeriodicWorkRequest(TestWorker, { intervalMs: 900_000, input: { blob: 'x'.repeat(10_240) } }),
    ).toThrow(DataTooLargeError);
    expect(dump()).toBe(before);
  });

  it('an output over the limit fails that work (Result.success(data) throws in androidx); other rows are untouched', async () => {
    const Big = defineWorker({ name: 'Big', run: () => Result.success({ blob: 'x'.repeat(10_240) }) });
    const { workManager, database, dump } = setup([TestWorker, Big]);
    await seed(workManager);
    const before = dump();
    const errors: Error[] = [];
    workManager.on('work:failed', (e) => e.error && errors.push(e.error));
    const big = createOneTimeWorkRequest(Big);
    await workManager.enqueue(big);
    const info = await workManager.getWorkInfoById(big.id);
    expect(info).toMatchObject({ state: 'FAILED' });
    expect(info?.outputData.size).toBe(0);
    expect(errors[0]).toBeInstanceOf(DataTooLargeError);
    database.runInTransaction(() => database.workSpecDao.delete(big.id));
    expect(dump()).toBe(before);
  });

  it('progress over the limit rejects setProgress in the worker and stores nothing', async () => {
    let progressError: unknown;
    const Chatty = defineWorker({
      name: 'Chatty',
      run: async (_input: Record<string, never>, ctx) => {
        progressError = await ctx.setProgress({ blob: 'x'.repeat(10_240) }).then(
          () => undefined,
          (e: unknown) => e,
        );
        return ctx.success();
      },
    });
    const { workManager } = setup([TestWorker, Chatty]);
    const request = createOneTimeWorkRequest(Chatty);
    await workManager.enqueue(request);
    expect(progressError).toBeInstanceOf(DataTooLargeError);
    expect((await workManager.getWorkInfoById(request.id))?.state).toBe('SUCCEEDED');
  });
});

describe('bad input: invalid period or flex', () => {
  it.each([
    ['intervalMs', { intervalMs: Number.NaN }],
    ['intervalMs', { intervalMs: -1 }],
    ['intervalMs', { intervalMs: Number.POSITIVE_INFINITY }],
    ['intervalMs', { intervalMs: 900_000.5 }],
    ['flexMs', { intervalMs: 900_000, flexMs: Number.NaN }],
    ['flexMs', { intervalMs: 900_000, flexMs: -300_000 }],
  ])('%s %o is an InvalidWorkRequestError naming the option', (field, options) => {
    expect(() => createPeriodicWorkRequest(TestWorker, options)).toThrow(InvalidWorkRequestError);
    expect(() => createPeriodicWorkRequest(TestWorker, options)).toThrow(field);
  });

  it('a periodic request without an interval says what to use', () => {
    expect(() => createPeriodicWorkRequest(TestWorker, {})).toThrow(/intervalMs.*900000 ms \(15 minutes\)/);
  });

  it('values below the minimum are clamped with a warning, as WorkManager does (not an error)', async () => {
    const warnings: string[] = [];
    const request = createPeriodicWorkRequest(
      TestWorker,
      { intervalMs: 60_000, flexMs: 1_000 },
      { onWarning: (w) => warnings.push(w) },
    );
    expect(request).toMatchObject({ intervalMs: 900_000, flexMs: 300_000 });
    expect(warnings).toEqual([
      expect.stringContaining('changed to 900000 ms'),
      expect.stringContaining('changed to 300000 ms'),
    ]);
  });

  it('a hand-made request with an invalid period, flex, backoff, delay or combination is refused at enqueue, updateWork and UPDATE; nothing changes', async () => {
    const { workManager, dump } = setup();
    const { periodic } = await seed(workManager);
    const before = dump();
    const forged = (r: PeriodicWorkRequest, fields: Partial<PeriodicWorkRequest>) =>
      ({ ...r, ...fields }) as WorkRequest as PeriodicWorkRequest;
    const fresh = createPeriodicWorkRequest(TestWorker, { intervalMs: 900_000 });
    for (const fields of [
      { intervalMs: 5 },
      { intervalMs: Number.NaN },
      { flexMs: 10 },
      { flexMs: 2_000_000 },
    ]) {
      await expect(workManager.enqueue(forged(fresh, fields))).rejects.toThrow(InvalidWorkRequestError);
      await expect(workManager.updateWork(forged(periodic, fields))).rejects.toThrow(InvalidWorkRequestError);
      await expect(
        workManager.enqueueUniquePeriodicWork('sync', 'UPDATE', forged(fresh, fields)),
      ).rejects.toThrow(InvalidWorkRequestError);
    }
    const oneTime = createOneTimeWorkRequest(TestWorker);
    for (const fields of [
      { backoffDelayMs: 5 },
      { backoffDelayMs: 86_400_000 },
      { initialDelayMs: -1 },
      { keepResultsForAtLeastMs: Number.NaN },
    ]) {
      await expect(workManager.enqueue({ ...oneTime, ...fields })).rejects.toThrow(InvalidWorkRequestError);
    }
    // Hand-made constraints go through the api's rules too (content-URI triggers included).
    const images = { uri: 'content://media/external/images/media', isTriggeredForDescendants: true };
    for (const [constraints, message] of [
      [
        { contentUriTriggers: [{ uri: 'file:///a', isTriggeredForDescendants: true }] },
        'is not a content URI',
      ],
      [{ contentUriTriggers: 'content://media' }, 'use an array of { uri, isTriggeredForDescendants }'],
      [{ contentTriggerMaxDelayMillis: -7 }, 'constraints.contentTriggerMaxDelayMillis: -7 is not valid'],
      [{ requiresWifi: true }, 'constraints.requiresWifi: unknown constraint'],
    ] as const) {
      const forgedConstraints = { ...oneTime, constraints } as unknown as WorkRequest;
      await expect(workManager.enqueue(forgedConstraints)).rejects.toThrow(message);
    }
    const expedited = createOneTimeWorkRequest(TestWorker, { expedited: 'DROP_WORK_REQUEST' });
    await expect(
      workManager.enqueue({
        ...expedited,
        constraints: { ...expedited.constraints, contentUriTriggers: [images] },
      }),
    ).rejects.toThrow(
      'constraints.contentUriTriggers: expedited jobs only support network and storage constraints',
    );
    // The other combinations WorkRequest.Builder.build() refuses (spec §3, §5.2).
    for (const [forged, message] of [
      [
        { ...expedited, initialDelayMs: 60_000 },
        'initialDelayMs: expedited jobs cannot be delayed (got 60000 ms)',
      ],
      [
        { ...expedited, constraints: { ...expedited.constraints, requiresCharging: true } },
        'constraints.requiresCharging: expedited jobs only support network and storage constraints',
      ],
      [
        { ...expedited, constraints: { ...expedited.constraints, requiresBatteryNotLow: true } },
        'constraints.requiresBatteryNotLow: expedited jobs only support network and storage constraints',
      ],
      [
        {
          ...oneTime,
          backoffCriteriaSet: true,
          constraints: { ...oneTime.constraints, requiresDeviceIdle: true },
        },
        'backoff: cannot set backoff criteria on an idle mode job',
      ],
    ] as const) {
      await expect(workManager.enqueue(forged as WorkRequest)).rejects.toThrow(message);
      await expect(workManager.enqueue(forged as WorkRequest)).rejects.toThrow(InvalidWorkRequestError);
    }
    expect(dump()).toBe(before);
  });

  it('a hand-made request with a bad id, name, type or enum is refused, names the field, and changes nothing', async () => {
    const { workManager, dump, file } = setup();
    const { pending, periodic } = await seed(workManager);
    const before = dump();
    const oneTime = createOneTimeWorkRequest(TestWorker);
    const fresh = createPeriodicWorkRequest(TestWorker, { intervalMs: 900_000 });
    const cases: [WorkRequest, Record<string, unknown>, string][] = [
      [oneTime, { id: '' }, 'id: "" (a string) is not valid; use a UUID'],
      [oneTime, { id: 'not-a-uuid' }, 'id: "not-a-uuid" (a string) is not valid'],
      [oneTime, { workerName: 42 }, "workerName: 42 is not valid; use the worker's name"],
      [oneTime, { input: { a: 1 } }, 'input: an object is not valid; use a Data'],
      [oneTime, { tags: 'xyz' }, 'tags: "xyz" (a string) is not valid; use an array of strings'],
      [oneTime, { tags: [1, 2] }, 'tags: an array of 2 is not valid; use an array of strings'],
      [
        oneTime,
        { backoffPolicy: 'CUBIC' },
        'backoff.policy: "CUBIC" (a string) is not valid; use one of EXPONENTIAL, LINEAR',
      ],
      [oneTime, { outOfQuotaPolicy: 'X' }, 'outOfQuotaPolicy: "X" (a string) is not valid'],
      [oneTime, { expedited: 'yes' }, 'expedited: "yes" (a string) is not valid; use true or false'],
      [oneTime, { inputMerger: '' }, 'inputMerger: "" (a string) is not valid'],
      [oneTime, { traceTag: 'x'.repeat(500) }, 'traceTag: "xxxx'],
      [oneTime, { backoffOnSystemInterruptions: 'no' }, 'backoffOnSystemInterruptions: "no" (a string)'],
      [fresh, { expedited: true }, 'expedited: true is not valid; periodic work cannot be expedited'],
      [fresh, { nextScheduleTimeOverride: Number.NaN }, 'nextScheduleTimeOverride: NaN is not valid'],
      [fresh, { nextScheduleTimeOverride: -1 }, 'nextScheduleTimeOverride: -1 is not valid'],
      [fresh, { nextScheduleTimeOverride: 1.5 }, 'nextScheduleTimeOverride: 1.5 is not valid'],
      [
        fresh,
        { nextScheduleTimeOverrideGeneration: 2 },
        'nextScheduleTimeOverrideGeneration: 2 is not valid',
      ],
    ];
    for (const [request, fields, message] of cases) {
      const forged = { ...request, ...fields } as WorkRequest;
      await expect(workManager.enqueue(forged), message).rejects.toThrow(InvalidWorkRequestError);
      await expect(workManager.enqueue(forged)).rejects.toThrow(message);
    }
    // updateWork of stored work checks the same fields: a bad enum used to be written as -1 and committed,
    // and then every read of the database failed.
    await expect(
      workManager.updateWork({ ...pending, backoffPolicy: 'CUBIC' } as unknown as WorkRequest),
    ).rejects.toThrow('backoff.policy: "CUBIC" (a string) is not valid');
    await expect(
      workManager.updateWork({ ...periodic, expedited: true } as unknown as WorkRequest),
    ).rejects.toThrow('periodic work cannot be expedited');
    // What is not a request at all is refused where it is passed, synchronously, naming the argument.
    const notRequests: [() => unknown, string][] = [
      [
        () => workManager.enqueue(undefined as unknown as WorkRequest),
        'requests: undefined is not a work request',
      ],
      [() => workManager.enqueue(42 as unknown as WorkRequest), 'requests: 42 is not a work request'],
      [
        () => workManager.enqueue([oneTime, null as unknown as WorkRequest]),
        'requests[1]: null is not a work request',
      ],
      [() => workManager.beginWith({} as WorkRequest as never), 'requests: an object is not a work request'],
      [
        () => workManager.beginWith(oneTime).then('x' as never),
        'requests: "x" (a string) is not a work request',
      ],
      [() => workManager.updateWork(null as unknown as WorkRequest), 'request: null is not a work request'],
      [
        () => workManager.enqueueUniquePeriodicWork('p', 'KEEP', oneTime as never),
        'enqueueUniquePeriodicWork takes a PeriodicWorkRequest',
      ],
    ];
    for (const [call, message] of notRequests) {
      expect(call, message).toThrow(InvalidWorkRequestError);
      expect(call).toThrow(message);
    }
    expect(dump()).toBe(before);
    // And the database is still usable, here and in the next process.
    await workManager.enqueue(createOneTimeWorkRequest(TestWorker));
    expect(await workManager.getWorkInfos({ states: ['SUCCEEDED', 'BLOCKED', 'ENQUEUED'] })).toHaveLength(4);
    await workManager.close();
    const next = createWorkManager({ database: file, workers: [TestWorker], logger: silentLogger });
    open.push(next);
    expect(await next.getWorkInfosByTag('seed')).toHaveLength(1);
  });

  it('hand-made constraints without the trigger fields are completed with their defaults', async () => {
    const { workManager } = setup();
    const request = createOneTimeWorkRequest(TestWorker, { initialDelayMs: 60_000 });
    const older = {
      ...request,
      constraints: { requiredNetworkType: 'NOT_REQUIRED', requiresCharging: true },
    };
    await workManager.enqueue(older as unknown as WorkRequest);
    expect((await workManager.getWorkInfoById(request.id))?.constraints).toEqual({
      requiredNetworkType: 'NOT_REQUIRED',
      requiresCharging: true,
      requiresBatteryNotLow: false,
      requiresStorageNotLow: false,
      requiresDeviceIdle: false,
      contentUriTriggers: [],
      contentTriggerUpdateDelayMillis: -1,
      contentTriggerMaxDelayMillis: -1,
    });
  });
});

describe('bad input: cyclic chains', () => {
  it('a request that is its own prerequisite, directly or through combine, is refused; nothing is written', async () => {
    const { workManager, dump } = setup();
    await seed(workManager);
    const before = dump();
    const [a, b, c] = [
      createOneTimeWorkRequest(TestWorker),
      createOneTimeWorkRequest(TestWorker),
      createOneTimeWorkRequest(TestWorker),
    ];
    await expect(workManager.beginWith(a).then(b).then(a).enqueue()).rejects.toThrow(
      CyclicWorkContinuationError,
    );
    await expect(workManager.beginWith(a).then(b).then(a).enqueue()).rejects.toThrow(a.id);
    const left = workManager.beginWith(b);
    const joined = workManager.combine([left, workManager.beginWith(c)]).then(b);
    await expect(joined.enqueue()).rejects.toThrow(CyclicWorkContinuationError);
    expect(dump()).toBe(before);
  });

  it("combine refuses an empty list and another WorkManager's continuation; nothing is written in either", async () => {
    const a = setup();
    const b = setup();
    const aBefore = a.dump();
    const bBefore = b.dump();
    const mine = a.workManager.beginWith(createOneTimeWorkRequest(TestWorker));
    const theirs = b.workManager.beginWith(createOneTimeWorkRequest(TestWorker));
    expect(() => a.workManager.combine([])).toThrow('combine needs at least one continuation');
    expect(() => a.workManager.combine([mine, theirs])).toThrow(InvalidWorkRequestError);
    expect(() => a.workManager.combine([mine, theirs])).toThrow(
      'continuations[1]: not a continuation of this WorkManager',
    );
    expect(() => a.workManager.combine([{} as never])).toThrow('continuations[0]');
    expect([a.dump(), b.dump()]).toEqual([aBefore, bBefore]);
  });
});

describe('bad input: unknown ids', () => {
  it('updateWork and the TestDriver reject an unknown id with WorkNotEnqueuedError; cancel and reads ignore it; nothing changes', async () => {
    const { workManager, driver, dump } = setup();
    await seed(workManager);
    const before = dump();
    const unknown = createOneTimeWorkRequest(TestWorker);
    await expect(workManager.updateWork(unknown)).rejects.toThrow(WorkNotEnqueuedError);
    await expect(workManager.updateWork(unknown)).rejects.toThrow(unknown.id);
    await expect(driver.setAllConstraintsMet(unknown.id)).rejects.toThrow(WorkNotEnqueuedError);
    await expect(driver.setInitialDelayMet(unknown.id)).rejects.toThrow(WorkNotEnqueuedError);
    await expect(driver.setPeriodDelayMet(unknown.id)).rejects.toThrow(WorkNotEnqueuedError);
    // androidx: cancelling unknown work or an unknown tag/name is a no-op, and reads return nothing.
    await workManager.cancelWorkById(unknown.id);
    await workManager.cancelAllWorkByTag('no-such-tag');
    await workManager.cancelUniqueWork('no-such-name');
    expect(await workManager.getWorkInfoById(unknown.id)).toBeNull();
    expect(await workManager.getWorkInfosByTag('no-such-tag')).toEqual([]);
    // An id, tag or name that is not a string is a TypeError naming the argument (it reached SQLite before).
    const notString = {} as unknown as string;
    for (const [call, message] of [
      [() => workManager.getWorkInfoById(notString), 'id must be a string, got an object'],
      [() => workManager.cancelWorkById(42 as unknown as string), 'id must be a string, got 42'],
      [() => workManager.getWorkInfosByTag(notString), 'tag must be a string, got an object'],
      [() => workManager.cancelAllWorkByTag(notString), 'tag must be a string'],
      [() => workManager.getWorkInfosForUniqueWork(notString), 'name must be a string'],
      [() => workManager.cancelUniqueWork(notString), 'name must be a string'],
      [() => workManager.watchWorkInfoById(notString), 'id must be a string'],
    ] as const) {
      expect(call).toThrow(TypeError);
      expect(call).toThrow(message);
    }
    expect(dump()).toBe(before);
  });

  it('an id that is already stored is refused (DuplicateWorkIdError) and nothing changes', async () => {
    const { workManager, dump } = setup();
    const { pending } = await seed(workManager);
    const before = dump();
    await expect(
      workManager.enqueue({ ...createOneTimeWorkRequest(TestWorker), id: pending.id }),
    ).rejects.toThrow(pending.id);
    expect(dump()).toBe(before);
  });
});

describe('bad input: corrupt or foreign database file', () => {
  const attempt = (file: string) => () =>
    createWorkManager({
      database: file,
      workers: [TestWorker],
      clock: new TestClock(),
      logger: silentLogger,
    });
  /** A WorkManager on `file` with a TestClock for its timers: fills a file before a test damages it. */
  const openOn = (file: string) => {
    const clock = new TestClock();
    return createWorkManager({
      database: file,
      workers: [TestWorker],
      clock,
      timer: clock,
      logger: silentLogger,
    });
  };

  it('a foreign SQLite file is refused, naming the file, and left byte-for-byte as it was', () => {
    const file = join(tmp(), 'notes.db');
    const raw = new BetterSqlite3(file);
    raw.exec("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('keep me')");
    raw.close();
    const before = sha256(file);
    expect(attempt(file)).toThrow(NotAWorkscriptDatabaseError);
    expect(attempt(file)).toThrow(file);
    expect(sha256(file)).toBe(before);
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it('a file that is not SQLite at all is refused and left as it was', () => {
    const file = join(tmp(), 'garbage.db');
    writeFileSync(file, Buffer.alloc(8192, 0xab));
    const before = sha256(file);
    expect(attempt(file)).toThrow(NotAWorkscriptDatabaseError);
    expect(attempt(file)).toThrow(file);
    expect(sha256(file)).toBe(before);
  });

  it('a truncated Workscript database is refused, naming the file, and not reset', async () => {
    const file = join(tmp(), 'truncated.db');
    const wm = openOn(file);
    for (let i = 0; i < 200; i++)
      await wm.enqueue(
        createOneTimeWorkRequest(TestWorker, { initialDelayMs: DAY, input: { pad: 'p'.repeat(200) } }),
      );
    await wm.close();
    truncateSync(file, 6000); // cuts through the second page: the schema survives, the tables do not
    const before = sha256(file);
    expect(attempt(file)).toThrow(NotAWorkscriptDatabaseError);
    expect(attempt(file)).toThrow(file);
    expect(sha256(file)).toBe(before);
  });

  it('a Workscript database changed outside the runtime is refused as damaged, naming the file, left as it was, and not kept locked', async () => {
    const damage = async (name: string, sql: string) => {
      const file = join(tmp(), name);
      const wm = openOn(file);
      await wm.enqueue(createOneTimeWorkRequest(TestWorker, { initialDelayMs: DAY, input: { n: 1 } }));
      await wm.close();
      const raw = new BetterSqlite3(file);
      raw.exec(sql);
      raw.close();
      return file;
    };
    for (const [file, detail] of [
      [await damage('no-tags.db', 'DROP TABLE work_tag'), 'no such table: work_tag'],
      [
        await damage('network.db', 'UPDATE work_spec SET required_network_type = 42'),
        'unknown network type id 42',
      ],
      [await damage('input.db', "UPDATE work_spec SET input = x'deadbeef'"), 'Cannot read Data bytes'],
      // SQLite's columns take any value; text here once made a periodic work run again at once, for ever.
      [
        await damage('interval.db', "UPDATE work_spec SET interval_duration = 'abc'"),
        'work_spec.interval_duration of work',
      ],
      [
        await damage('delay.db', 'UPDATE work_spec SET initial_delay = 1.5'),
        'work_spec.initial_delay of work',
      ],
      [
        await damage('backoff.db', 'UPDATE work_spec SET backoff_delay_duration = 0'),
        'holds 0, not a whole number from 10000 to 18000000',
      ],
      [await damage('flag.db', 'UPDATE work_spec SET expedited = 2'), 'work_spec.expedited of work'],
    ] as const) {
      const before = sha256(file);
      expect(attempt(file)).toThrow(CorruptDatabaseError);
      expect(attempt(file)).toThrow(`${file} is a damaged Workscript database (`);
      expect(attempt(file)).toThrow(detail);
      expect(sha256(file)).toBe(before);
    }
  });

  it('a row damaged while the WorkManager is open is reported as a damaged file when it is read, naming the file', async () => {
    const file = join(tmp(), 'live.db');
    const wm = openOn(file);
    open.push(wm);
    const request = createOneTimeWorkRequest(TestWorker, { initialDelayMs: DAY });
    await wm.enqueue(request);
    const raw = new BetterSqlite3(file);
    raw.exec('UPDATE work_spec SET required_network_type = 42');
    raw.close();
    await expect(wm.getWorkInfoById(request.id)).rejects.toThrow(CorruptDatabaseError);
    await expect(wm.getWorkInfoById(request.id)).rejects.toThrow(
      `${file} is a damaged Workscript database (unknown network type id 42 in a stored row)`,
    );
    await expect(wm.getWorkInfosByTag('TestWorker')).rejects.toThrow(CorruptDatabaseError);
    const raw2 = new BetterSqlite3(file);
    raw2.exec('UPDATE work_spec SET required_network_type = 0, state = 99');
    raw2.close();
    await expect(wm.getWorkInfoById(request.id)).rejects.toThrow('unknown state id 99 in a stored row');
    await expect(wm.getWorkInfos({ ids: [request.id] })).rejects.toThrow(CorruptDatabaseError);
    // Stored Data that Data refuses: too large, or not a blob at all.
    const raw3 = new BetterSqlite3(file);
    raw3.exec('UPDATE work_spec SET state = 0, input = zeroblob(20000)');
    raw3.close();
    await expect(wm.getWorkInfoById(request.id)).rejects.toThrow(
      `work_spec.input of work ${request.id} cannot be read as Data: Data cannot occupy more than 10240 bytes`,
    );
    const raw4 = new BetterSqlite3(file);
    raw4.exec("UPDATE work_spec SET input = x''");
    raw4.prepare("INSERT INTO work_progress (work_spec_id, progress) VALUES (?, 'abc')").run(request.id);
    raw4.close();
    await expect(wm.getWorkInfoById(request.id)).rejects.toThrow(CorruptDatabaseError);
    await expect(wm.getWorkInfoById(request.id)).rejects.toThrow(
      `work_progress.progress of work ${request.id} cannot be read as Data: Data.fromByteArray expects a Uint8Array`,
    );
    const raw5 = new BetterSqlite3(file);
    raw5.exec('DELETE FROM work_progress');
    raw5.prepare("INSERT INTO work_tag (tag, work_spec_id) VALUES (x'05', ?)").run(request.id);
    raw5.close();
    await expect(wm.getWorkInfoById(request.id)).rejects.toThrow(
      `work_tag.tag of work ${request.id} holds a Uint8Array of 1 byte, not text`,
    );
  });

  it('a delayed row damaged before its delay ends is logged when the timer fires, not thrown from it (that ends a process)', async () => {
    const file = join(tmp(), 'timer.db');
    const lines: string[] = [];
    const { workManager, clock } = createTestWorkManager({
      workers: [TestWorker],
      database: file,
      scheduling: 'device',
      logger: { log: (level, _tag, message) => void lines.push(`${level} ${message}`) },
    });
    open.push(workManager);
    const request = createOneTimeWorkRequest(TestWorker, { initialDelayMs: 1_000 });
    await workManager.enqueue(request);
    const raw = new BetterSqlite3(file);
    raw.exec('UPDATE work_spec SET initial_delay = 1.5');
    raw.close();
    await clock.advance(1_000);
    expect(lines).toContainEqual(
      `error Could not read work ${request.id} when its delay ended (work_spec.initial_delay of work ${request.id} holds 1.5, not a whole number from 0 to 9007199254740991); it stays ENQUEUED and is not started`,
    );
    // Operations that read the row report the file.
    await expect(workManager.getWorkInfoById(request.id)).rejects.toThrow(CorruptDatabaseError);
  });

  it('a database from a newer runtime is refused with the versions, and left as it was', () => {
    const file = join(tmp(), 'newer.db');
    WorkDatabase.open({ filename: file }).close();
    const raw = new BetterSqlite3(file);
    raw.pragma('user_version = 99');
    raw.close();
    const before = sha256(file);
    expect(attempt(file)).toThrow(DatabaseVersionError);
    expect(attempt(file)).toThrow(/schema version 99/);
    expect(sha256(file)).toBe(before);
  });
});

describe('WorkManager options', () => {
  it.each([
    [
      'maxSchedulerLimit',
      { maxSchedulerLimit: 19 },
      /maxSchedulerLimit must be a whole number ≥ 20 .*got 19/,
    ],
    ['maxSchedulerLimit', { maxSchedulerLimit: 20.5 }, /maxSchedulerLimit .*got 20\.5/],
    ['executionTimeLimitMs', { executionTimeLimitMs: 0 }, /executionTimeLimitMs must be .* > 0 .*got 0/],
    ['executionTimeLimitMs', { executionTimeLimitMs: Number.NaN }, /executionTimeLimitMs .*got NaN/],
    // A string must not read like the number it spells.
    [
      'maxSchedulerLimit',
      { maxSchedulerLimit: '30' as unknown as number },
      /maxSchedulerLimit .*got "30" \(a string\)/,
    ],
    [
      'executionTimeLimitMs',
      { executionTimeLimitMs: '1000' as unknown as number },
      /executionTimeLimitMs .*got "1000" \(a string\)/,
    ],
  ])('%s out of range is refused, naming it, before a database file is created', (_name, bad, message) => {
    const file = join(tmp(), 'never.db');
    expect(() => createWorkManager({ database: file, logger: silentLogger, ...bad })).toThrow(RangeError);
    expect(() => createWorkManager({ database: file, logger: silentLogger, ...bad })).toThrow(message);
    expect(existsSync(file)).toBe(false);
  });

  it.each([
    ['options', 'x', 'options must be an object of WorkManagerOptions (or nothing), got "x" (a string)'],
    ['workers', { workers: 'W' }, 'workers must be an array of defineWorker definitions, got "W" (a string)'],
    [
      'workers',
      { workers: [TestWorker, {}] },
      'workers[1] must be a definition made by defineWorker, got an object',
    ],
    [
      'workerFactory',
      { workerFactory: 42 },
      'workerFactory must be a WorkerFactory ({ createWorker(name), knownWorkerNames }), got 42',
    ],
    [
      'workerFactory',
      { workerFactory: { createWorker: () => null } },
      'workerFactory.knownWorkerNames must be an array of worker names, got undefined',
    ],
    ['inputMergerFactory', { inputMergerFactory: 42 }, 'inputMergerFactory must be an InputMergerFactory'],
    [
      'executor',
      { executor: {} },
      'executor must be a WorkExecutor ({ execute(task), close() }), got an object',
    ],
    ['timer', { timer: {} }, 'timer must be a Timer ({ setTimeout, clearTimeout })'],
    ['clock', { clock: Date }, 'clock must be a Clock ({ currentTimeMillis() }), got a function'],
    ['events', { events: 'x' }, 'events must be a WorkEventBus (createEventBus())'],
    [
      'logger',
      { logger: 'debug' },
      'logger must be a Logger ({ log(level, tag, message, fields) }), got "debug" (a string)',
    ],
    ['deviceState', { deviceState: {} }, 'deviceState must be a DeviceState (createDeviceState())'],
    ['schedulers', { schedulers: [] }, 'schedulers must be a function, got an array of 0'],
    ['inputMergers', { inputMergers: 'x' }, 'inputMergers must be an array'],
    ['nativeServices', { nativeServices: {} }, 'nativeServices must be an array, got an object'],
    ['database', { database: 123 }, "database must be a file path, ':memory:', or a WorkDatabase, got 123"],
    ['workersModule', { workersModule: 7 }, 'workersModule must be a module path or file URL, got 7'],
    ['settleOperations', { settleOperations: 'yes' }, 'settleOperations must be true or false'],
    ['engine', { engine: { kind: 'v8' } }, "engine must be { kind: 'inline' } or { kind: 'quickjs', ... }"],
  ] as const)(
    '%s of the wrong type is a TypeError naming it, before anything is opened',
    (_name, bad, message) => {
      const cwd = process.cwd();
      process.chdir(tmp());
      try {
        const call = () =>
          createWorkManager((typeof bad === 'string' ? bad : { logger: silentLogger, ...bad }) as never);
        expect(call).toThrow(TypeError);
        expect(call).toThrow(`createWorkManager: ${message}`);
        // Not even the default file was created.
        expect(existsSync('.workscript')).toBe(false);
      } finally {
        process.chdir(cwd);
      }
    },
  );

  it('maxSchedulerLimit above 50 counts as 50, as androidx stores it', async () => {
    const { worker, counter } = createCountingWorker();
    const { workManager, driver, database } = createTestWorkManager({
      workers: [worker],
      maxSchedulerLimit: 80,
    });
    const requests = Array.from({ length: 51 }, () =>
      createOneTimeWorkRequest(worker, { initialDelayMs: 86_400_000 }),
    );
    await workManager.enqueue(requests);
    expect(requests.map((r) => database.workSpecDao.get(r.id)?.scheduleRequestedAt !== -1)).toEqual([
      ...Array<boolean>(50).fill(true),
      false,
    ]);
    await driver.setInitialDelayMet(requests[0]?.id as string); // frees a slot; the 51st is handed over
    expect(counter.count).toBe(1);
    expect(database.workSpecDao.get(requests[50]?.id as string)?.scheduleRequestedAt).not.toBe(-1);
  });
});
