import { describe, expect, it } from 'vitest';
import {
  createOneTimeWorkRequest,
  createPeriodicWorkRequest,
  Data,
  defineWorker,
  encodeData,
  InvalidWorkRequestError,
  LONG_MAX_VALUE,
  NO_CONSTRAINTS,
  type DataShape,
} from '../../src/index.js';

const now = 1_000_000;
const collect = () => {
  const warnings: string[] = [];
  return { warnings, env: { now, onWarning: (m: string) => warnings.push(m) } };
};
const plain = defineWorker({ name: 'Plain', run: (_: { n?: number }, ctx) => ctx.success() });

describe('one-time requests: defaults (spec §0)', () => {
  it('fills WorkManager defaults', () => {
    const r = createOneTimeWorkRequest(
      plain,
      {},
      { now, randomUUID: () => '00000000-0000-4000-8000-000000000001' },
    );
    expect(r).toEqual({
      kind: 'one-time',
      id: '00000000-0000-4000-8000-000000000001',
      workerName: 'Plain',
      input: Data.EMPTY,
      tags: [],
      constraints: NO_CONSTRAINTS,
      initialDelayMs: 0,
      backoffPolicy: 'EXPONENTIAL',
      backoffDelayMs: 30_000,
      backoffCriteriaSet: false,
      keepResultsForAtLeastMs: 0,
      backoffOnSystemInterruptions: false,
      traceTag: 'Plain',
      expedited: false,
      outOfQuotaPolicy: 'RUN_AS_NON_EXPEDITED_WORK_REQUEST',
      inputMerger: 'OverwritingInputMerger',
    });
    expect(Object.isFrozen(r)).toBe(true);
  });

  it('takes definition defaults and lets the enqueue override them; tags add up without duplicates', () => {
    const w = defineWorker({
      name: 'Sync',
      constraints: { requiredNetworkType: 'CONNECTED' },
      backoff: { policy: 'LINEAR', delayMs: 60_000 },
      tags: ['sync', 'net'],
      run: (_: object, ctx) => ctx.success(),
    });
    const d = createOneTimeWorkRequest(w, {}, { now });
    expect([
      d.constraints.requiredNetworkType,
      d.backoffPolicy,
      d.backoffDelayMs,
      d.backoffCriteriaSet,
    ]).toEqual(['CONNECTED', 'LINEAR', 60_000, true]);
    const o = createOneTimeWorkRequest(
      w,
      { constraints: { requiresCharging: true }, tags: ['net', 'manual'] },
      { now },
    );
    expect(o.constraints).toEqual({ ...NO_CONSTRAINTS, requiresCharging: true });
    expect(o.tags).toEqual(['sync', 'net', 'manual']);
  });

  it('uses a given id and rejects one that is not a UUID', () => {
    expect(createOneTimeWorkRequest(plain, { id: '123e4567-e89b-42d3-a456-426614174000' }).id).toBe(
      '123e4567-e89b-42d3-a456-426614174000',
    );
    expect(() => createOneTimeWorkRequest(plain, { id: 'job-1' })).toThrow('id: "job-1" is not a UUID');
  });

  it('encodes input with the worker shape when there is one, else from plain values', () => {
    const shape: DataShape = { fields: [{ name: 'count', type: { kind: 'int' } }] };
    const shaped = defineWorker({
      name: 'Shaped',
      shapes: { input: shape },
      run: (_: { count: number }, ctx) => ctx.success(),
    });
    expect(createOneTimeWorkRequest(shaped, { input: { count: 3 } }).input.get('count')).toEqual({
      type: 'int',
      value: 3,
    });
    expect(createOneTimeWorkRequest(plain, { input: { n: 3 } }).input.get('n')).toEqual({
      type: 'double',
      value: 3,
    });
    const data = encodeData({ count: 1 }, shape);
    expect(createOneTimeWorkRequest(plain, { input: data as never }).input).toBe(data);
  });
});

describe('backoff (spec §3)', () => {
  it('clamps the delay into [10 s, 5 h] with a warning naming the field', () => {
    const { warnings, env } = collect();
    expect(createOneTimeWorkRequest(plain, { backoff: { delayMs: 1 } }, env).backoffDelayMs).toBe(10_000);
    expect(
      createOneTimeWorkRequest(plain, { backoff: { delayMs: 10 * 3_600_000 } }, env).backoffDelayMs,
    ).toBe(18_000_000);
    expect(createOneTimeWorkRequest(plain, { backoff: { delayMs: 10_000 } }, env).backoffDelayMs).toBe(
      10_000,
    );
    expect(warnings).toEqual([
      'backoff.delayMs: backoff delay 1 ms is less than the minimum; clamped to 10000 ms (10 s)',
      'backoff.delayMs: backoff delay 36000000 ms is greater than the maximum; clamped to 18000000 ms (5 h)',
    ]);
  });

  it('rejects an unknown policy and a negative delay', () => {
    expect(() => createOneTimeWorkRequest(plain, { backoff: { policy: 'QUADRATIC' as never } })).toThrow(
      "backoff.policy: \"QUADRATIC\" is not valid; use one of 'EXPONENTIAL', 'LINEAR'",
    );
    expect(() => createOneTimeWorkRequest(plain, { backoff: { delayMs: -5 } })).toThrow(
      /backoff.delayMs: -5 is not a valid duration/,
    );
  });
});

describe('periodic requests (spec §4.1)', () => {
  it('raises the interval to 15 min and clamps flex to [5 min, interval] with warnings', () => {
    const { warnings, env } = collect();
    const a = createPeriodicWorkRequest(plain, { intervalMs: 60_000 }, env);
    expect([a.intervalMs, a.flexMs]).toEqual([900_000, 900_000]);
    const b = createPeriodicWorkRequest(plain, { intervalMs: 900_000, flexMs: 1_000 }, env);
    expect(b.flexMs).toBe(300_000);
    const c = createPeriodicWorkRequest(plain, { intervalMs: 60_000, flexMs: 3_600_000 }, env);
    expect([c.intervalMs, c.flexMs]).toEqual([900_000, 900_000]);
    expect(warnings).toEqual([
      'intervalMs: interval 60000 ms is less than the minimum; changed to 900000 ms (15 min)',
      'flexMs: flex 1000 ms is less than the minimum; changed to 300000 ms (5 min)',
      'intervalMs: interval 60000 ms is less than the minimum; changed to 900000 ms (15 min)',
      'flexMs: flex 3600000 ms is greater than the interval; changed to 900000 ms',
    ]);
  });

  it("uses the definition's periodic schedule when the enqueue gives none, and names it in errors", () => {
    const w = defineWorker({
      name: 'Cleanup',
      periodic: { intervalMs: 3_600_000, flexMs: 600_000 },
      run: (_: object, ctx) => ctx.success(),
    });
    const r = createPeriodicWorkRequest(w, {}, { now });
    expect([r.intervalMs, r.flexMs]).toEqual([3_600_000, 600_000]);
    const o = createPeriodicWorkRequest(w, { intervalMs: 7_200_000 }, { now });
    expect([o.intervalMs, o.flexMs]).toEqual([7_200_000, 7_200_000]);
    expect(() => createPeriodicWorkRequest(plain, {})).toThrow(
      /intervalMs: a periodic request needs an interval/,
    );
  });

  it('cannot be expedited (WorkManager: "PeriodicWorkRequests cannot be expedited")', () => {
    const e = defineWorker({
      name: 'Urgent',
      expedited: 'DROP_WORK_REQUEST',
      run: (_: object, ctx) => ctx.success(),
    });
    expect(() => createPeriodicWorkRequest(e, { intervalMs: 900_000 })).toThrow(
      /PeriodicWorkRequests cannot be expedited/,
    );
    expect(() =>
      createPeriodicWorkRequest(plain, { intervalMs: 900_000, expedited: 'DROP_WORK_REQUEST' } as never),
    ).toThrow(/PeriodicWorkRequests cannot be expedited/);
  });

  it('rejects an override together with clearing it', () => {
    expect(() =>
      createPeriodicWorkRequest(plain, {
        intervalMs: 900_000,
        nextScheduleTimeOverride: 5,
        clearNextScheduleTimeOverride: true,
      }),
    ).toThrow(/cannot be used together/);
    expect(createPeriodicWorkRequest(plain, { intervalMs: 900_000 }).nextScheduleTimeOverride).toBe(
      LONG_MAX_VALUE,
    );
  });
});

describe('expedited requests (spec §5.2)', () => {
  it('records the out-of-quota policy', () => {
    const r = createOneTimeWorkRequest(plain, {
      expedited: 'DROP_WORK_REQUEST',
      constraints: { requiredNetworkType: 'CONNECTED', requiresStorageNotLow: true },
    });
    expect([r.expedited, r.outOfQuotaPolicy]).toEqual([true, 'DROP_WORK_REQUEST']);
  });
  it('cannot be delayed', () => {
    expect(() =>
      createOneTimeWorkRequest(plain, { expedited: 'RUN_AS_NON_EXPEDITED_WORK_REQUEST', initialDelayMs: 1 }),
    ).toThrow('initialDelayMs: expedited jobs cannot be delayed (got 1 ms); use 0 or drop expedited');
  });
  it.each(['requiresCharging', 'requiresDeviceIdle', 'requiresBatteryNotLow'] as const)('rejects %s', (c) => {
    expect(() =>
      createOneTimeWorkRequest(plain, { expedited: 'DROP_WORK_REQUEST', constraints: { [c]: true } }),
    ).toThrow(new RegExp(`constraints.${c}: expedited jobs only support network and storage constraints`));
  });
});

describe('bad input names the field, the value and what is allowed', () => {
  it.each([
    [
      { constraints: { requiredNetworkType: 'WIFI' } },
      "constraints.requiredNetworkType: \"WIFI\" is not valid; use one of 'NOT_REQUIRED', 'CONNECTED', 'UNMETERED', 'NOT_ROAMING', 'METERED', 'TEMPORARILY_UNMETERED'",
    ],
    [
      { constraints: { requiresCharging: 'yes' } },
      'constraints.requiresCharging: "yes" (a string) is not valid; use true or false',
    ],
    [
      { constraints: { requiresWifi: true } },
      'constraints.requiresWifi: unknown constraint; known constraints are requiredNetworkType, requiresCharging, requiresBatteryNotLow, requiresStorageNotLow, requiresDeviceIdle, contentUriTriggers, contentTriggerUpdateDelayMillis, contentTriggerMaxDelayMillis',
    ],
    [{ tags: 'sync' }, 'tags: "sync" (a string) is not valid; use an array of strings'],
    [{ tags: ['ok', 3] }, 'tags[1]: 3 is not a string'],
    [
      { initialDelayMs: 1.5 },
      'initialDelayMs: 1.5 is not a valid duration; use a whole number of milliseconds from 0 to 9007199254740991',
    ],
    [{ keepResultsForAtLeastMs: -1 }, 'keepResultsForAtLeastMs: -1 is not a valid duration'],
    [{ input: [1, 2] }, 'input: [1,2] is not valid; use a plain object (or Data)'],
    [{ input: new Map([['n', 1]]) }, 'input: a Map is not valid; use a plain object (or Data)'],
    // A string must not read like a number, and NaN must not read like null (as JSON.stringify shows it).
    [
      { initialDelayMs: '5' },
      'initialDelayMs: "5" (a string) is not a valid duration; use a whole number of milliseconds',
    ],
    [{ backoff: { delayMs: '30000' } }, 'backoff.delayMs: "30000" (a string) is not a valid duration'],
    [{ keepResultsForAtLeastMs: NaN }, 'keepResultsForAtLeastMs: NaN is not a valid duration'],
    [
      { constraints: { contentTriggerUpdateDelayMillis: NaN } },
      'constraints.contentTriggerUpdateDelayMillis: NaN is not valid',
    ],
    [
      { constraints: { contentTriggerMaxDelayMillis: '10' } },
      'constraints.contentTriggerMaxDelayMillis: "10" (a string) is not valid',
    ],
    [{ backoffOnSystemInterruptions: 'yes' }, 'backoffOnSystemInterruptions: "yes" (a string) is not valid'],
  ])('%j', (options, message) => {
    const attempt = () => createOneTimeWorkRequest(plain, options as never, { now });
    expect(attempt).toThrow(InvalidWorkRequestError);
    expect(attempt).toThrow(message);
  });
});

describe('bad input in periodic options and in the worker argument', () => {
  it('shows a string given for an interval or an override as a string', () => {
    expect(() => createPeriodicWorkRequest(plain, { intervalMs: '900000' } as never, { now })).toThrow(
      'intervalMs: "900000" (a string) is not a valid duration; use a whole number of milliseconds from 0 to 9007199254740991',
    );
    expect(() =>
      createPeriodicWorkRequest(plain, { intervalMs: 900_000, flexMs: '300000' } as never, { now }),
    ).toThrow('flexMs: "300000" (a string) is not a valid duration');
    expect(() =>
      createPeriodicWorkRequest(plain, { intervalMs: 900_000, nextScheduleTimeOverride: '5' } as never),
    ).toThrow('nextScheduleTimeOverride: "5" (a string) is not a valid duration');
  });

  it.each([
    ['yes', '"yes" (a string)'],
    [1, '1'],
    [null, 'null'],
  ])('refuses clearNextScheduleTimeOverride %j: it must be a boolean', (clear, shown) => {
    const attempt = () =>
      createPeriodicWorkRequest(
        plain,
        { intervalMs: 900_000, clearNextScheduleTimeOverride: clear } as never,
        { now },
      );
    expect(attempt).toThrow(InvalidWorkRequestError);
    expect(attempt).toThrow(`clearNextScheduleTimeOverride: ${shown} is not valid; use true or false`);
    const cleared = createPeriodicWorkRequest(
      plain,
      { intervalMs: 900_000, clearNextScheduleTimeOverride: true },
      { now },
    );
    expect(cleared.nextScheduleTimeOverrideGeneration).toBe(1);
  });

  it('shows a bigint where a name was expected (JSON.stringify throws on one)', () => {
    expect(() => createOneTimeWorkRequest(plain, { expedited: 1n } as never, { now })).toThrow(
      "expedited: 1n (a bigint) is not valid; use one of 'RUN_AS_NON_EXPEDITED_WORK_REQUEST'",
    );
  });

  it.each([
    [{ name: '' }, '{"name":""}'],
    [{}, '{}'],
    ['Plain', '"Plain" (a string)'],
    [null, 'null'],
  ])('refuses the worker %j, saying what a worker is', (worker, shown) => {
    const attempt = () => createOneTimeWorkRequest(worker as never, {}, { now });
    expect(attempt).toThrow(InvalidWorkRequestError);
    expect(attempt).toThrow(
      `worker: ${shown} is not a worker; pass a definition from defineWorker({ name, run }), or { name: 'SyncContacts' } to name a worker defined in another bundle`,
    );
  });
});

describe('traceTag (setTraceTag, spec §0)', () => {
  it("defaults to the worker's name; a given tag wins over the definition's", () => {
    const traced = defineWorker({
      name: 'Traced',
      traceTag: 'sync:contacts',
      run: (_: Record<string, never>, ctx) => ctx.success(),
    });
    expect(createOneTimeWorkRequest(plain, {}, { now }).traceTag).toBe('Plain');
    expect(createOneTimeWorkRequest(traced, {}, { now }).traceTag).toBe('sync:contacts');
    expect(
      createPeriodicWorkRequest(traced, { intervalMs: 900_000, traceTag: 'nightly' }, { now }).traceTag,
    ).toBe('nightly');
  });

  it('is cut to 127 characters with a warning, as WorkRequest.Builder.build() cuts it', () => {
    const { warnings, env } = collect();
    const request = createOneTimeWorkRequest(plain, { traceTag: 'x'.repeat(130) }, env);
    expect(request.traceTag).toBe('x'.repeat(127));
    expect(warnings).toEqual(['traceTag is 130 characters long; WorkManager keeps the first 127']);
    const long = { name: 'N'.repeat(200) }; // a WorkerRef: definitions' names stop at 100 characters
    expect(createOneTimeWorkRequest(long, {}, { now }).traceTag).toBe('N'.repeat(127));
  });

  it.each([[''], [42], [null]])('refuses %j', (traceTag) => {
    expect(() => createOneTimeWorkRequest(plain, { traceTag } as never, { now })).toThrow(
      `traceTag: ${JSON.stringify(traceTag)} is not valid; use a non-empty string`,
    );
  });
});

describe('unknown option keys', () => {
  it.each([
    [{ backof: { delayMs: 60_000 } }, 'backof'],
    [{ tag: ['sync'] }, 'tag'],
    // A periodic option given to a one-time request would be dropped without a word.
    [{ intervalMs: 900_000 }, 'intervalMs'],
  ])('a one-time request refuses %j, naming the key and listing the valid ones', (options, key) => {
    const attempt = () => createOneTimeWorkRequest(plain, options as never, { now });
    expect(attempt).toThrow(InvalidWorkRequestError);
    expect(attempt).toThrow(
      `${key}: unknown option; valid options are constraints, backoff, tags, initialDelayMs, keepResultsForAtLeastMs, backoffOnSystemInterruptions, traceTag, expedited, inputMerger, input, id`,
    );
  });

  it.each([
    [{ intervalMs: 900_000, flex: 300_000 }, 'flex'],
    [{ intervalMs: 900_000, inputMerger: 'ArrayCreatingInputMerger' }, 'inputMerger'],
  ])('a periodic request refuses %j', (options, key) => {
    const attempt = () => createPeriodicWorkRequest(plain, options as never, { now });
    expect(attempt).toThrow(InvalidWorkRequestError);
    expect(attempt).toThrow(
      `${key}: unknown option; valid options are constraints, backoff, tags, initialDelayMs, keepResultsForAtLeastMs, backoffOnSystemInterruptions, traceTag, input, id, intervalMs, flexMs, nextScheduleTimeOverride, clearNextScheduleTimeOverride`,
    );
  });

  it.each([
    [null, 'null'],
    ['{}', '"{}" (a string)'],
    [[], '[]'],
  ])('refuses options %j that are not an object', (options, shown) => {
    for (const build of [createOneTimeWorkRequest, createPeriodicWorkRequest]) {
      expect(() => build(plain, options as never, { now })).toThrow(
        `options: ${shown} is not valid; use an object of request options`,
      );
    }
  });
});

describe('env (the request environment)', () => {
  it.each([
    [NaN, 'NaN'],
    [-1, '-1'],
    [1.5, '1.5'],
    ['1000', '"1000" (a string)'],
  ])('refuses now = %s: it must be a whole number of epoch ms', (bad, shown) => {
    for (const build of [
      () => createOneTimeWorkRequest(plain, {}, { now: bad as never }),
      () => createPeriodicWorkRequest(plain, { intervalMs: 900_000 }, { now: bad as never }),
    ]) {
      expect(build).toThrow(InvalidWorkRequestError);
      expect(build).toThrow(
        `env.now: ${shown} is not valid; use the current time in epoch ms, a whole number from 0 to 9007199254740991`,
      );
    }
  });

  it('refuses an id from randomUUID that is not a UUID, naming env.randomUUID', () => {
    for (const build of [
      () => createOneTimeWorkRequest(plain, {}, { now, randomUUID: () => 'nope' }),
      () => createPeriodicWorkRequest(plain, { intervalMs: 900_000 }, { now, randomUUID: () => 'nope' }),
    ]) {
      expect(build).toThrow(InvalidWorkRequestError);
      expect(build).toThrow('env.randomUUID: returned "nope", which is not a UUID');
    }
    expect(() => createOneTimeWorkRequest(plain, {}, { now, randomUUID: () => 42 as never })).toThrow(
      'env.randomUUID: returned 42, which is not a UUID',
    );
    // A given options.id wins, so the id source is not called.
    const id = '123e4567-e89b-42d3-a456-426614174000';
    expect(createOneTimeWorkRequest(plain, { id }, { now, randomUUID: () => 'nope' }).id).toBe(id);
  });

  it('refuses an env that is not an object, and env functions that are not functions', () => {
    expect(() => createOneTimeWorkRequest(plain, {}, null as never)).toThrow('env: null is not valid');
    expect(() => createOneTimeWorkRequest(plain, {}, { randomUUID: 'x' as never })).toThrow(
      'env.randomUUID: "x" (a string) is not valid; use a function that returns a UUID',
    );
    expect(() => createOneTimeWorkRequest(plain, {}, { onWarning: true as never })).toThrow(
      'env.onWarning: true is not valid; use a function that takes the warning message',
    );
  });
});
