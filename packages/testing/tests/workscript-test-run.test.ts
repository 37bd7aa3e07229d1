import { createDeviceState, WorkNotEnqueuedError } from '@workscript/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkscriptTest, type WorkscriptTest } from '../src/index.js';
import { copyFixture } from './helpers/fixture-project.js';

let harness: WorkscriptTest;
beforeAll(async () => {
  harness = await createWorkscriptTest({ root: copyFixture('shop'), workers: 'workers' });
});
afterAll(() => harness.close());

const order = (failFirstAttempts: number) => ({
  input: {
    customer: { id: 7, tier: 'basic' as const },
    lines: [{ sku: 'tea', quantity: 2, unitCents: 300 }],
    priority: 'low' as const,
    failFirstAttempts,
  },
});

describe('WorkscriptTestRun', () => {
  it("runUntilFinished in 'driver' mode meets constraints, then releases each backoff through the driver", async () => {
    const run = await harness.start();
    const request = harness.request({ name: 'PlaceOrder' }, order(2));
    const start = run.clock.currentTimeMillis();
    await run.workManager.enqueue(request);
    const info = await run.runUntilFinished(request.id);
    // Two retries, then success: the third attempt (runAttemptCount counts started attempts).
    expect([info.state, info.runAttemptCount, info.outputData.get('totalCents')]).toEqual([
      'SUCCEEDED',
      3,
      { type: 'long', value: 600 },
    ]);
    expect(run.clock.currentTimeMillis()).toBe(start); // the driver, not time, released the retries
  });

  it("runUntilFinished in 'time-based' mode advances the clock by the linear backoff (20 s, then 40 s)", async () => {
    const run = await harness.start({ scheduling: 'time-based' });
    const request = harness.request({ name: 'PlaceOrder' }, order(2));
    const start = run.clock.currentTimeMillis();
    await run.workManager.enqueue(request);
    const info = await run.runUntilFinished(request.id);
    expect([info.state, info.runAttemptCount]).toEqual(['SUCCEEDED', 3]);
    expect(run.clock.currentTimeMillis() - start).toBe(20_000 + 40_000);
  });

  it('settled waits for the QuickJS attempt a driver call started', async () => {
    const run = await harness.start();
    const request = harness.request({ name: 'PlaceOrder' }, order(0));
    await run.workManager.enqueue(request);
    await run.driver.setAllConstraintsMet(request.id);
    expect((await run.settled(request.id)).state).toBe('SUCCEEDED');
    await expect(run.settled('00000000-0000-4000-8000-000000000000')).rejects.toThrow(WorkNotEnqueuedError);
  });

  it('gives up with a reason instead of hanging', async () => {
    const run = await harness.start();
    const flaky = harness.request({ name: 'PlaceOrder' }, order(100));
    await run.workManager.enqueue(flaky);
    await expect(run.runUntilFinished(flaky.id, { maxReleases: 3 })).rejects.toThrow(
      `runUntilFinished(${flaky.id}): not finished after 3 releases (state ENQUEUED, runAttemptCount 3); a worker that keeps retrying needs a larger maxReleases or a fix`,
    );

    const periodic = harness.periodicRequest({ name: 'PlaceOrder' }, { ...order(0), intervalMs: 900_000 });
    await run.workManager.enqueue(periodic);
    await expect(run.runUntilFinished(periodic.id)).rejects.toThrow(
      `runUntilFinished(${periodic.id}): periodic work never finishes; release one period with driver.setPeriodDelayMet(id) and await settled(id)`,
    );

    const offline = await harness.start({
      scheduling: 'device',
      deviceState: createDeviceState({ network: 'NONE' }),
    });
    const request = harness.request({ name: 'PlaceOrder' }, order(0));
    await offline.workManager.enqueue(request);
    await expect(offline.runUntilFinished(request.id)).rejects.toThrow(
      `runUntilFinished(${request.id}): releasing the work did not run it (state ENQUEUED; in device mode its constraints must hold on deviceState, and content-URI triggers need deviceState.notifyContentChange)`,
    );
    offline.deviceState.setNetwork('UNMETERED');
    expect((await offline.runUntilFinished(request.id)).state).toBe('SUCCEEDED');
  });
});
