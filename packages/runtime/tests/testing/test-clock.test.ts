import { createOneTimeWorkRequest, createPeriodicWorkRequest } from '@workscript/api';
import { describe, expect, it } from 'vitest';
import { createTestWorkManager, DEFAULT_TEST_CLOCK_START, TestClock } from '../../src/testing/index.js';
import { createCountingWorker, TestWorker } from '../helpers/workers.js';

// Times are WorkManager's Long epoch ms. A TestClock that accepted anything else showed up far from the
// mistake: a string concatenated into the time, Infinity firing periodic work forever, NaN as a SQLite
// NOT NULL failure at enqueue, −1 colliding with the "never enqueued" marker.

const MAX_STEP = Number.MAX_SAFE_INTEGER - DEFAULT_TEST_CLOCK_START;

describe('TestClock bad input', () => {
  it.each([
    [Infinity, RangeError, 'Infinity'],
    [NaN, RangeError, 'NaN'],
    [-1, RangeError, '-1'],
    [0.5, RangeError, '0.5'],
    [MAX_STEP + 1, RangeError, String(MAX_STEP + 1)],
    ['1000', TypeError, '"1000" (a string)'],
    [undefined, TypeError, 'undefined'],
  ])(
    'advance(%s) rejects with a typed error naming ms and what is valid; the clock and its timers stay put',
    async (ms, type, got) => {
      const clock = new TestClock();
      let fired = 0;
      clock.setTimeout(() => fired++, 1_000);
      const advancing = clock.advance(ms as number);
      await expect(advancing).rejects.toThrow(type);
      await expect(advancing).rejects.toThrow(
        `TestClock.advance(ms): ms must be a whole number of milliseconds from 0 to ${MAX_STEP}, got ${got}`,
      );
      expect(clock.currentTimeMillis()).toBe(DEFAULT_TEST_CLOCK_START);
      expect({ fired, pending: clock.pendingTimers }).toEqual({ fired: 0, pending: 1 });
    },
  );

  it('advance(Infinity) with periodic work in time-based mode rejects instead of running it forever', async () => {
    const { worker, counter } = createCountingWorker();
    const { workManager, clock } = createTestWorkManager({ workers: [worker], scheduling: 'time-based' });
    await workManager.enqueue(createPeriodicWorkRequest(worker, { intervalMs: 900_000 }));
    const runs = counter.count;
    await expect(clock.advance(Infinity)).rejects.toThrow(RangeError);
    expect(counter.count).toBe(runs);
    await workManager.cancelAllWork();
    await clock.advance(MAX_STEP); // the largest step is fine: the time stays a safe integer
    expect(clock.currentTimeMillis()).toBe(Number.MAX_SAFE_INTEGER);
  });

  it.each([
    [NaN, RangeError, 'NaN'],
    [-1, RangeError, '-1'],
    [1.5, RangeError, '1.5'],
    [Infinity, RangeError, 'Infinity'],
    [1e20, RangeError, '100000000000000000000'],
    ['x', TypeError, '"x" (a string)'],
  ])('new TestClock(%s) throws a typed error naming startMillis', (start, type, got) => {
    const make = (): TestClock => new TestClock(start as number);
    expect(make).toThrow(type);
    expect(make).toThrow(
      `new TestClock(startMillis): startMillis must be a whole number of milliseconds from 0 to ${Number.MAX_SAFE_INTEGER}, got ${got}`,
    );
  });

  it('a clock starting at 0 runs work (0 is not a marker; −1 is, and is refused)', async () => {
    const { workManager, clock } = createTestWorkManager({
      workers: [TestWorker],
      clock: new TestClock(0),
      scheduling: 'time-based',
    });
    const request = createOneTimeWorkRequest(TestWorker, { initialDelayMs: 1_000 });
    await workManager.enqueue(request);
    await clock.advance(1_000);
    expect((await workManager.getWorkInfoById(request.id))?.state).toBe('SUCCEEDED');
  });

  it('setTimeout refuses a callback that is not a function or a delay that is not a number, at the call', () => {
    const clock = new TestClock();
    expect(() => clock.setTimeout(42 as never, 10)).toThrow(
      new TypeError('TestClock.setTimeout: callback must be a function, got 42'),
    );
    expect(() => clock.setTimeout(() => {}, '10' as never)).toThrow(
      new TypeError('TestClock.setTimeout: delayMs must be a number of milliseconds, got "10" (a string)'),
    );
    expect(() => clock.setTimeout(() => {}, NaN)).toThrow(
      new RangeError('TestClock.setTimeout: delayMs must be a number of milliseconds, got NaN'),
    );
    expect(clock.pendingTimers).toBe(0);
  });

  it('setTimeout: a negative delay counts as 0, a fraction rounds up, Infinity never fires; the time stays whole', async () => {
    const clock = new TestClock();
    const firedAt: Record<string, number> = {};
    clock.setTimeout(() => (firedAt['negative'] = clock.currentTimeMillis()), -5);
    clock.setTimeout(() => (firedAt['fraction'] = clock.currentTimeMillis()), 0.5);
    clock.setTimeout(() => (firedAt['infinite'] = clock.currentTimeMillis()), Infinity);
    await clock.advance(0);
    expect(firedAt).toEqual({ negative: DEFAULT_TEST_CLOCK_START });
    await clock.advance(10);
    expect(firedAt).toEqual({ negative: DEFAULT_TEST_CLOCK_START, fraction: DEFAULT_TEST_CLOCK_START + 1 });
    expect(clock.pendingTimers).toBe(1);
  });
});
