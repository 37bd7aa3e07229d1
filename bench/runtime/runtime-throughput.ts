// Durable enqueue → SUCCEEDED of no-op work through the public API, on a file database with the default
// parts (system clock, GreedyScheduler, inline executor): each request is enqueued with its own
// `await wm.enqueue(request)` (one transaction, committed before it resolves) while earlier work runs.
//   tsx runtime-throughput.ts <n>
import { createOneTimeWorkRequest, defineWorker } from '@workscript/api';
import { createWorkManager, silentLogger } from '@workscript/runtime';
import { nowMs, report, round, tempDatabaseFile, trackMemory } from './support.js';

const n = Number(process.argv[2] ?? 1000);

const Noop = defineWorker({ name: 'Noop', run: (_input: Record<string, never>, ctx) => ctx.success() });

const wm = createWorkManager({
  database: tempDatabaseFile('runtime.db'),
  workers: [Noop],
  logger: silentLogger,
});
let succeeded = 0;
const allDone = new Promise<void>((resolve) =>
  wm.on('work:succeeded', () => {
    if (++succeeded === n) resolve();
  }),
);

const memory = trackMemory();
const cpuStart = process.cpuUsage();
const start = nowMs();
for (let i = 0; i < n; i++) await wm.enqueue(createOneTimeWorkRequest(Noop));
const enqueuedMs = nowMs() - start;
await allDone;
const ms = nowMs() - start;
const cpu = process.cpuUsage(cpuStart);
const peaks = memory.stop();
await wm.close();
report({
  case: 'runtime',
  n,
  ms: round(ms, 1),
  enqueuedMs: round(enqueuedMs, 1),
  perSecond: round((n / ms) * 1000),
  usPerItem: round((ms * 1000) / n, 1),
  // CPU time of the process (all threads): what the machine's load distorts least.
  cpuUsPerItem: round((cpu.user + cpu.system) / n, 1),
  ...peaks,
});
