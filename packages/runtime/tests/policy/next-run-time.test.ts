import { LONG_MAX_VALUE } from '@workscript/api';
import { describe, expect, it } from 'vitest';
import { calculateBackoffDelay, calculateNextRunTime, type NextRunTimeFields } from '../../src/index.js';

const L = 10_000;
const base: NextRunTimeFields = {
  isBackedOff: false,
  runAttemptCount: 0,
  backoffPolicy: 'EXPONENTIAL',
  backoffDelayDuration: 30_000,
  lastEnqueueTime: L,
  periodCount: 0,
  isPeriodic: false,
  initialDelay: 0,
  flexDuration: 0,
  intervalDuration: 0,
  nextScheduleTimeOverride: LONG_MAX_VALUE,
};
const periodic = (
  interval: number,
  flex: number,
  extra: Partial<NextRunTimeFields> = {},
): NextRunTimeFields => ({
  ...base,
  isPeriodic: true,
  intervalDuration: interval,
  flexDuration: flex,
  ...extra,
});

describe('calculateNextRunTime (spec §3.1, §4.2, §15.1)', () => {
  it.each<[string, NextRunTimeFields, number]>([
    ['15.1 #1 one-time, initialDelay 5 000 → 15 000', { ...base, initialDelay: 5_000 }, 15_000],
    [
      '15.1 #3 periodic interval = flex = 905 000, periodCount 0 → 10 000',
      periodic(905_000, 905_000),
      10_000,
    ],
    [
      '15.1 #4 periodic 905 000/305 000, periodCount 1 → 915 000',
      periodic(905_000, 305_000, { periodCount: 1 }),
      915_000,
    ],
    [
      '15.1 #6 periodic 905 000/905 000 + initialDelay 10 000, periodCount 0 → 20 000',
      periodic(905_000, 905_000, { initialDelay: 10_000 }),
      20_000,
    ],
    ['§4.2 first run with flex → 610 000', periodic(905_000, 305_000), 610_000],
    [
      '§4.2 first run with flex + initialDelay → 620 000',
      periodic(905_000, 305_000, { initialDelay: 10_000 }),
      620_000,
    ],
    ['§4.2 flex==interval periodCount 1 → 915 000', periodic(905_000, 905_000, { periodCount: 1 }), 915_000],
    [
      '§4.2 later periods ignore initialDelay',
      periodic(905_000, 905_000, { periodCount: 2, initialDelay: 10_000 }),
      915_000,
    ],
    [
      '§4.2 one-time never enqueued → LONG_MAX_VALUE',
      { ...base, lastEnqueueTime: -1, initialDelay: 5_000 },
      LONG_MAX_VALUE,
    ],
  ])('%s', (_name, fields, expected) => {
    expect(calculateNextRunTime(fields)).toBe(expected);
  });

  it.each([
    [1, 15_000],
    [2, 20_000],
    [3, 30_000],
  ])('15.1 #8 EXPONENTIAL 5 000, runAttemptCount %i → %i (gaps grow)', (n, expected) => {
    expect(
      calculateNextRunTime({ ...base, isBackedOff: true, runAttemptCount: n, backoffDelayDuration: 5_000 }),
    ).toBe(expected);
  });

  it.each([
    [1, 15_000],
    [2, 20_000],
    [3, 25_000],
  ])('15.1 #9 LINEAR 5 000, runAttemptCount %i → %i (equal gaps)', (n, expected) => {
    expect(
      calculateNextRunTime({
        ...base,
        isBackedOff: true,
        runAttemptCount: n,
        backoffDelayDuration: 5_000,
        backoffPolicy: 'LINEAR',
      }),
    ).toBe(expected);
  });

  it.each([
    [1, 30_000],
    [2, 60_000],
    [5, 480_000],
    [10, 15_360_000],
    [11, 18_000_000],
    [64, 18_000_000],
    [200, 18_000_000],
  ])('§3.1 default EXPONENTIAL 30 s: attempt %i → %i (capped at 5 h)', (n, expected) => {
    expect(calculateBackoffDelay('EXPONENTIAL', 30_000, n)).toBe(expected);
  });

  it('§3.1 LINEAR 30 s is capped from attempt 600', () => {
    expect(calculateBackoffDelay('LINEAR', 30_000, 599)).toBe(17_970_000);
    expect(calculateBackoffDelay('LINEAR', 30_000, 600)).toBe(18_000_000);
    expect(calculateBackoffDelay('LINEAR', 30_000, 601)).toBe(18_000_000);
  });

  it('§3.1 EXPONENTIAL is computed in float32, then truncated', () => {
    // 16 777 217 = 2^24 + 1 needs 25 mantissa bits; float32 has 24, so Kotlin's Float math yields 16 777 216.
    expect(calculateBackoffDelay('EXPONENTIAL', 16_777_217, 1)).toBe(16_777_216);
  });

  it('§4.2 override wins over backoff; first period → override as is (even before lastEnqueueTime)', () => {
    const f = periodic(900_000, 900_000, {
      isBackedOff: true,
      runAttemptCount: 3,
      nextScheduleTimeOverride: 5_000,
    });
    expect(calculateNextRunTime(f)).toBe(5_000);
  });

  it('§4.2 override after the first period is at least lastEnqueueTime + 15 min', () => {
    expect(
      calculateNextRunTime(
        periodic(3_600_000, 3_600_000, { periodCount: 1, nextScheduleTimeOverride: 20_000 }),
      ),
    ).toBe(L + 900_000);
    expect(
      calculateNextRunTime(
        periodic(3_600_000, 3_600_000, { periodCount: 1, nextScheduleTimeOverride: 5_000_000 }),
      ),
    ).toBe(5_000_000);
  });

  it('§4.4 override is ignored for one-time work', () => {
    expect(calculateNextRunTime({ ...base, initialDelay: 1_000, nextScheduleTimeOverride: 3 })).toBe(11_000);
  });

  it('§11.1 periodic 15 min, delay 2 000, lastEnqueueTime 1 000, periodCount 3 → 901 000', () => {
    expect(
      calculateNextRunTime(
        periodic(900_000, 900_000, { lastEnqueueTime: 1_000, initialDelay: 2_000, periodCount: 3 }),
      ),
    ).toBe(901_000);
  });
});
