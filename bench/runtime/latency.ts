// Latency from due time to start, on the system clock and a file database: how late a worker starts after
// the moment WorkManager's rules make it runnable (lastEnqueueTime + initialDelay, read back from
// WorkInfo.nextScheduleTimeMillis).
//   idle:  200 delayed items, due one by one 5 ms apart
//   burst: 1000 items due at the same instant (the tail shows the drain rate)
//   tsx latency.ts
import { createOneTimeWorkRequest, defineWorker } from '@workscript/api';
import { createWorkManager, silentLogger } from '@workscript/runtime';
import { nowMs, percentile, report, round, tempDatabaseFile, trackMemory } from './support.js';

const started = new Map<string, number>();
const Probe = defineWorker({
  name: 'Probe',
  run: (_input: Record<string, never>, ctx) => {
    started.set(ctx.id, nowMs());
    return ctx.success();
  },
});

async function measure(
  count: number,
  delayOf: (i: number) => number,
): Promise<{ p50: number; p95: number; max: number }> {
  started.clear();
  const wm = createWorkManager({
    database: tempDatabaseFile('latency.db'),
    workers: [Probe],
    logger: silentLogger,
  });
  const due = new Map<string, number>();
  let finished = 0;
  const allDone = new Promise<void>((resolve) =>
    wm.on('work:succeeded', () => ++finished === count && resolve()),
  );
  // Due times start after every enqueue is done, so enqueueing does not compete with the runs measured.
  const base = Date.now() + 500 + count * 3;
  for (let i = 0; i < count; i++) {
    const request = createOneTimeWorkRequest(Probe, {
      initialDelayMs: Math.max(0, base + delayOf(i) - Date.now()),
    });
    await wm.enqueue(request);
    const info = await wm.getWorkInfoById(request.id);
    due.set(request.id, info?.nextScheduleTimeMillis ?? Number.NaN);
  }
  await allDone;
  await wm.close();
  const lateness = [...due].map(([id, at]) => (started.get(id) ?? Number.NaN) - at);
  if (lateness.some((l) => !Number.isFinite(l)))
    throw new Error('an item ran before its due time was read; raise the lead time');
  return {
    p50: round(percentile(lateness, 50), 2),
    p95: round(percentile(lateness, 95), 2),
    max: round(Math.max(...lateness), 2),
  };
}

const memory = trackMemory();
const idle = await measure(200, (i) => i * 5);
const burst = await measure(1000, () => 200);
report({ case: 'latency', idle, burst, ...memory.stop() });
