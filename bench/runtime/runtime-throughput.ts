// Durable enqueue → SUCCEEDED of no-op work through the public API, on a file database with the default
// parts (system clock, GreedyScheduler, inline executor): each request is enqueued with its own
// `await wm.enqueue(request)` (one transaction, committed before it resolves) while earlier work runs.
// With <warm>, that many items run the same way first, untimed, in the same process and database: a
// separately labelled "warm" figure (JIT compiled), never mixed into the cold one.
//   tsx runtime-throughput.ts <n> [warm]
import { createOneTimeWorkRequest, defineWorker } from '@workscript/api';
import { createWorkManager, silentLogger } from '@workscript/runtime';
import { nowMs, report, round, tempDatabaseFile, trackMemory } from './support.js';

const n = Number(process.argv[2] ?? 1000);
const warm = Number(process.argv[3] ?? 0);

const Noop = defineWorker({ name: 'Noop', run: (_input: Record<string, never>, ctx) => ctx.success() });

const wm = createWorkManager({
  database: tempDatabaseFile('runtime.db'),
  workers: [Noop],
  logger: silentLogger,
});
let succeeded = 0;
let target = 0;
let onTarget: (() => void) | undefined;
wm.on('work:succeeded', () => {
  if (++succeeded === target) onTarget?.();
});
/** Enqueues `count` items one by one; resolves once the last enqueue committed, and `done` once all succeeded. */
async function enqueueEach(count: number): Promise<{ done: Promise<void> }> {
  target += count;
  const done = new Promise<void>((resolve) => (onTarget = resolve));
  for (let i = 0; i < count; i++) await wm.enqueue(createOneTimeWorkRequest(Noop));
  return { done };
}

if (warm > 0) await (await enqueueEach(warm)).done;
const memory = trackMemory();
const cpuStart = process.cpuUsage();
const start = nowMs();
const { done } = await enqueueEach(n);
const enqueuedMs = nowMs() - start;
await done;
const ms = nowMs() - start;
const cpu = process.cpuUsage(cpuStart);
const peaks = memory.stop();
await wm.close();
report({
  case: 'runtime',
  n,
  warm,
  ms: round(ms, 1),
  enqueuedMs: round(enqueuedMs, 1),
  perSecond: round((n / ms) * 1000),
  usPerItem: round((ms * 1000) / n, 1),
  // CPU time of the process (all threads): what the machine's load distorts least.
  cpuUsPerItem: round((cpu.user + cpu.system) / n, 1),
  ...peaks,
});
