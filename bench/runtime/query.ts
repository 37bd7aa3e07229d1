// getWorkInfosByTag on a database holding 100k work items (all ENQUEUED with a 10-day delay, so nothing
// runs): a tag on 100 items, a tag on 1 000, and a tag on all 100 000. The fill itself is reported too
// (enqueue of lists of 1 000 requests, one transaction each).
//   tsx query.ts [rows]
import { createOneTimeWorkRequest, defineWorker } from '@workscript/api';
import { createWorkManager, silentLogger } from '@workscript/runtime';
import { nowMs, percentile, report, round, tempDatabaseFile, trackMemory } from './support.js';

const rows = Number(process.argv[2] ?? 100_000);
const Idle = defineWorker({ name: 'Idle', run: (_input: Record<string, never>, ctx) => ctx.success() });
const wm = createWorkManager({
  database: tempDatabaseFile('query.db'),
  workers: [Idle],
  logger: silentLogger,
});
const memory = trackMemory();

const fillStart = nowMs();
for (let i = 0; i < rows; i += 1000) {
  const batch = Array.from({ length: Math.min(1000, rows - i) }, (_, j) =>
    createOneTimeWorkRequest(Idle, {
      initialDelayMs: 864_000_000,
      tags: [`hundred-${(i + j) % (rows / 100)}`, `thousand-${(i + j) % (rows / 1000)}`, 'all'],
    }),
  );
  await wm.enqueue(batch);
}
const fillMs = nowMs() - fillStart;

async function time(
  tag: string,
  repeats: number,
): Promise<{ rows: number; medianMs: number; p95Ms: number }> {
  const times: number[] = [];
  let found = 0;
  for (let r = 0; r < repeats; r++) {
    const t = nowMs();
    found = (await wm.getWorkInfosByTag(tag)).length;
    times.push(nowMs() - t);
  }
  return { rows: found, medianMs: round(percentile(times, 50), 2), p95Ms: round(percentile(times, 95), 2) };
}

const tag100 = await time('hundred-7', 50);
const tag1000 = await time('thousand-3', 20);
const tagAll = await time('all', 3);
const peaks = memory.stop();
await wm.close();
report({
  case: 'query',
  rows,
  fillMs: round(fillMs),
  fillPerSecond: round((rows / fillMs) * 1000),
  tag100,
  tag1000,
  tagAll,
  ...peaks,
});
