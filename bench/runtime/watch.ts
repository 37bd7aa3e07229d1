// The cost of observing: n works that each await one event-loop turn (as a worker doing I/O does), enqueued
// one by one with a tag, on a file database; run once unwatched, then once with a reader looping over
// `watchWorkInfos({ tags })` for all of them. Each run has its own WorkManager and file. The ratio of the two
// throughputs is the figure (same process, same run). Before the watcher was paced, 1,000 works took ~36 s
// watched against ~0.4 s unwatched: every commit read every watched work again.
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

/** Runs `n` works to SUCCEEDED; returns items/s and how many values the watcher yielded. */
async function run(watched: boolean): Promise<{ perSecond: number; yields: number }> {
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
  const watching = watched
    ? (async () => {
        for await (const infos of wm.watchWorkInfos({ tags: ['batch'] })) {
          yields++;
          if (infos.length === n && infos.every((i) => i.state === 'SUCCEEDED')) break;
        }
      })()
    : Promise.resolve();
  const start = nowMs();
  for (let i = 0; i < n; i++) await wm.enqueue(createOneTimeWorkRequest(Io, { tags: ['batch'] }));
  await done;
  await watching;
  const ms = nowMs() - start;
  await wm.close();
  return { perSecond: round((n / ms) * 1000), yields };
}

const unwatched = await run(false);
const watched = await run(true);
report({
  case: 'watch',
  n,
  unwatchedPerSecond: unwatched.perSecond,
  watchedPerSecond: watched.perSecond,
  ratio: round(watched.perSecond / unwatched.perSecond, 2),
  yields: watched.yields,
});
