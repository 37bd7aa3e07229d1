// Spec §15.2 "Request building" (androidx WorkTest, WorkRequestTest, PeriodicWorkRequestTest,
// OneTimeWorkRequestTest). Each test names its scenario number; scenarios the spec does not list
// (10, 12, 15) are not given there and have no test.
import { describe, expect, it } from 'vitest';
import {
  createOneTimeWorkRequest,
  createPeriodicWorkRequest,
  defineWorker,
  InvalidWorkRequestError,
  LONG_MAX_VALUE,
} from '../src/index.js';

const worker = defineWorker({ name: 'Noop', run: (_: { n?: number }, ctx) => ctx.success() });
const env = { now: 1_700_000_000_000, onWarning: () => undefined };

describe('spec §15.2 request building', () => {
  it('15.2 #11 the same options built twice give two different ids and otherwise equal requests', () => {
    const options = { input: { n: 1 }, tags: ['a'], initialDelayMs: 5_000 };
    const a = createOneTimeWorkRequest(worker, options, env);
    const b = createOneTimeWorkRequest(worker, options, env);
    expect(a.id).not.toBe(b.id);
    const { id: _a, input: inputA, ...restA } = a;
    const { id: _b, input: inputB, ...restB } = b;
    expect(restA).toEqual(restB);
    expect(inputA.equals(inputB)).toBe(true);
  });

  it('15.2 #13 explicit backoff with requiresDeviceIdle throws (one-time and periodic)', () => {
    const options = {
      backoff: { policy: 'LINEAR', delayMs: 20_000 },
      constraints: { requiresDeviceIdle: true },
    } as const;
    expect(() => createOneTimeWorkRequest(worker, options, env)).toThrow(InvalidWorkRequestError);
    expect(() => createOneTimeWorkRequest(worker, options, env)).toThrow(
      /backoff: cannot set backoff criteria on an idle mode job/,
    );
    expect(() => createPeriodicWorkRequest(worker, { ...options, intervalMs: 900_000 }, env)).toThrow(
      /idle mode job/,
    );
    // Idle alone and backoff alone are both fine.
    expect(
      createOneTimeWorkRequest(worker, { constraints: { requiresDeviceIdle: true } }, env).constraints
        .requiresDeviceIdle,
    ).toBe(true);
    expect(createOneTimeWorkRequest(worker, { backoff: { delayMs: 20_000 } }, env).backoffDelayMs).toBe(
      20_000,
    );
  });

  it('15.2 #14 an initial delay of Long.MAX or Long.MAX − now throws', () => {
    expect(() => createOneTimeWorkRequest(worker, { initialDelayMs: LONG_MAX_VALUE }, env)).toThrow(
      /initialDelayMs: .* is not a valid duration; use a whole number of milliseconds/,
    );
    expect(() => createOneTimeWorkRequest(worker, { initialDelayMs: LONG_MAX_VALUE - env.now }, env)).toThrow(
      InvalidWorkRequestError,
    );
    expect(() =>
      createOneTimeWorkRequest(worker, { initialDelayMs: Number.MAX_SAFE_INTEGER - env.now + 1 }, env),
    ).toThrow(/too large and would overflow/);
    expect(
      createOneTimeWorkRequest(worker, { initialDelayMs: Number.MAX_SAFE_INTEGER - env.now }, env)
        .initialDelayMs,
    ).toBe(Number.MAX_SAFE_INTEGER - env.now);
  });

  it('15.2 #16 periodic 15 min gives interval = flex = 900 000; with flex 10 min, flex 600 000', () => {
    const p = createPeriodicWorkRequest(worker, { intervalMs: 15 * 60_000 }, env);
    expect([p.intervalMs, p.flexMs]).toEqual([900_000, 900_000]);
    const q = createPeriodicWorkRequest(worker, { intervalMs: 15 * 60_000, flexMs: 10 * 60_000 }, env);
    expect([q.intervalMs, q.flexMs]).toEqual([900_000, 600_000]);
    const r = createPeriodicWorkRequest(
      worker,
      { intervalMs: (3 * 60 + 25) * 60_000, flexMs: (3 * 60 + 10) * 60_000 },
      env,
    );
    expect([r.intervalMs, r.flexMs]).toEqual([12_300_000, 11_400_000]);
  });

  it('15.2 #17 schedule override: 123456 → override 123456, generation 1; none → MAX/0; MAX → throws', () => {
    const set = createPeriodicWorkRequest(
      worker,
      { intervalMs: 900_000, nextScheduleTimeOverride: 123_456 },
      env,
    );
    expect([set.nextScheduleTimeOverride, set.nextScheduleTimeOverrideGeneration]).toEqual([123_456, 1]);
    const none = createPeriodicWorkRequest(worker, { intervalMs: 900_000 }, env);
    expect([none.nextScheduleTimeOverride, none.nextScheduleTimeOverrideGeneration]).toEqual([
      LONG_MAX_VALUE,
      0,
    ]);
    const cleared = createPeriodicWorkRequest(
      worker,
      { intervalMs: 900_000, clearNextScheduleTimeOverride: true },
      env,
    );
    expect([cleared.nextScheduleTimeOverride, cleared.nextScheduleTimeOverrideGeneration]).toEqual([
      LONG_MAX_VALUE,
      1,
    ]);
    expect(() =>
      createPeriodicWorkRequest(
        worker,
        { intervalMs: 900_000, nextScheduleTimeOverride: LONG_MAX_VALUE },
        env,
      ),
    ).toThrow(/nextScheduleTimeOverride: Long.MAX_VALUE cannot be used as the next schedule time/);
  });

  it('15.2 #18 the default input merger is OverwritingInputMerger; ArrayCreatingInputMerger is stored when set', () => {
    expect(createOneTimeWorkRequest(worker, {}, env).inputMerger).toBe('OverwritingInputMerger');
    expect(
      createOneTimeWorkRequest(worker, { inputMerger: 'ArrayCreatingInputMerger' }, env).inputMerger,
    ).toBe('ArrayCreatingInputMerger');
    expect(() => createOneTimeWorkRequest(worker, { inputMerger: 'Nope' as never }, env)).toThrow(
      "inputMerger: \"Nope\" is not valid; use one of 'OverwritingInputMerger', 'ArrayCreatingInputMerger'",
    );
  });
});
