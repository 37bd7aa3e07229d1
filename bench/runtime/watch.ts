// The cost of observing: n works that each await one event-loop turn (as a worker doing I/O does), enqueued
// one by one with a tag, on a file database; run unwatched, then with a reader looping over
// `watchWorkInfos({ tags })` for all of them, then with one `watchWorkInfoById` loop per work, started at its
// enqueue and ended at its SUCCEEDED (a caller awaiting its own job). Each run has its own WorkManager and
// file; the ratios of the throughputs are the figures (same process, same run). Before watchers were paced
// or skipped commits of other works, 1,000 works took ~36 s watched by tag and ~37 s watched by id, against
// ~0.3 s unwatched: every commit read every watched work again.
//   tsx watch.ts [n]
import { createOneTimeWorkRequest, defineWorker } from '@workscript/api';
import { createWorkManager, silentLogger } from '@workscript/runtime';
import { nowMs, report, round, tempDatabaseFile } from './support.js';

const n = Number(process.argv[2] ?? 1000);
const Io = defineWorker({
  name: 'Io',
  run: async (_input: Record<string, never>, ctx) => {
    await new Promise((resolve) => setImmediate(resolve));
    return ctx.success();
  },
});

/** Runs `n` works to SUCCEEDED; returns items/s and how many values the watchers yielded. */
async function run(watched: 'none' | 'tag' | 'id'): Promise<{ perSecond: number; yields: number }> {
  const wm = createWorkManager({
    database: tempDatabaseFile('watch.db'),
    workers: [Io],
    logger: silentLogger,
  });
  let succeeded = 0;
  let allDone = (): void => undefined;
  const done = new Promise<void>((resolve) => (allDone = resolve));
  wm.on('work:succeeded', () => {
    if (++succeeded === n) allDone();
  });
  let yields = 0;
  const watching =
    watched === 'tag'
      ? (async () => {
          for await (const infos of wm.watchWorkInfos({ tags: ['batch'] })) {
            yields++;
            if (infos.length === n && infos.every((i) => i.state === 'SUCCEEDED')) break;
          }
        })()
      : Promise.resolve();
  const start = nowMs();
  const byId: Promise<void>[] = [];
  for (let i = 0; i < n; i++) {
    const request = createOneTimeWorkRequest(Io, { tags: ['batch'] });
    await wm.enqueue(request);
    if (watched === 'id')
      byId.push(
        (async () => {
          for await (const info of wm.watchWorkInfoById(request.id)) {
            yields++;
            if (info?.state === 'SUCCEEDED') break;
          }
        })(),
      );
  }
  await done;
  await watching;
  await Promise.all(byId);
  const ms = nowMs() - start;
  await wm.close();
  return { perSecond: round((n / ms) * 1000), yields };
}

const unwatched = await run('none');
const byTag = await run('tag');
const byId = await run('id');
report({
  case: 'watch',
  n,
  unwatchedPerSecond: unwatched.perSecond,
  byTagPerSecond: byTag.perSecond,
  byTagRatio: round(byTag.perSecond / unwatched.perSecond, 2),
  byTagYields: byTag.yields,
  byIdPerSecond: byId.perSecond,
  byIdRatio: round(byId.perSecond / unwatched.perSecond, 2),
  byIdYields: byId.yields,
});
