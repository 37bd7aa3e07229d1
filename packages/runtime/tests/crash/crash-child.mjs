/* global process, performance, setTimeout, console -- a Node script */
// The crash test's child process: runs a planned workload on a FILE database with the BUILT runtime
// (dist, through the package's own "exports"), until it is SIGKILLed — or, for the last child, until every
// one-time work has finished.
//
//   node crash-child.mjs <plan.json> <restart-number>
//
// Time is virtual but real: `virtualStart + (wall clock − realStart) × speed`, the same formula in every
// process, so the schedule stored by one process is honoured by the next. The Timer divides delays by the
// same factor. Nothing in WorkManager's rules is changed: backoff is still ≥ 10 s, periods 15 min — of
// virtual time.
//
// Every worker run appends one line to the side-effect log and fsyncs it before the worker returns:
//   <virtual start ms> <work id> <runAttemptCount> <worker> <decision> <pid>
// stdout carries the protocol for the parent: `ready`, `ack <wave>` (every continuation of the wave was
// committed: its Operation resolved), `done`.
import { fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import { createOneTimeWorkRequest, createPeriodicWorkRequest, defineWorker } from '@workscript/api';
import { createSystemTimer, createWorkManager } from '@workscript/runtime';

const [planFile, restartArg] = process.argv.slice(2);
if (!planFile) throw new Error('usage: node crash-child.mjs <plan.json> <restart>');
const plan = JSON.parse(readFileSync(planFile, 'utf8'));
const restart = Number(restartArg ?? 0);

/** mulberry32: the child's own jitter is seeded too (seed + restart), so a run can be repeated. */
function createRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = createRandom(plan.seed * 7919 + restart);

const clock = {
  currentTimeMillis: () =>
    Math.floor(
      plan.virtualStart + (performance.timeOrigin + performance.now() - plan.realStart) * plan.speed,
    ),
};
const systemTimer = createSystemTimer();
const timer = {
  // +1 ms: a real timer may fire a fraction of a millisecond early, which is a whole virtual second.
  setTimeout: (callback, delayMs) => systemTimer.setTimeout(callback, Math.ceil(delayMs / plan.speed) + 1),
  clearTimeout: (handle) => systemTimer.clearTimeout(handle),
};

const logFd = openSync(plan.logFile, 'a');
const sleep = (maxMs) => new Promise((resolve) => setTimeout(resolve, Math.floor(random() * maxMs)));

/** One run: wait a little, record the side effect (append + fsync), wait a little, decide. */
async function run(ctx, worker, decide) {
  const startedAt = clock.currentTimeMillis();
  await sleep(plan.workerJitterMs);
  const decision = decide();
  // A stopped worker must not act any more (its result would be ignored, and a rerun is coming).
  if (ctx.signal.aborted) return ctx.retry();
  writeSync(
    logFd,
    `${startedAt} ${ctx.id} ${ctx.runAttemptCount} ${worker} ${decision.kind} ${process.pid}\n`,
  );
  fsyncSync(logFd);
  await sleep(plan.workerJitterMs);
  return decision.result;
}

const Step = defineWorker({
  name: 'Step',
  run: (input, ctx) =>
    run(ctx, 'Step', () => ({ kind: 'success', result: ctx.success({ value: (input.value ?? 0) + 1 }) })),
});
const Flaky = defineWorker({
  name: 'Flaky',
  run: (input, ctx) =>
    run(ctx, 'Flaky', () =>
      ctx.runAttemptCount < input.succeedAt
        ? { kind: 'retry', result: ctx.retry() }
        : { kind: 'success', result: ctx.success({ attempt: ctx.runAttemptCount }) },
    ),
});
const Doomed = defineWorker({
  name: 'Doomed',
  run: (_input, ctx) =>
    run(ctx, 'Doomed', () =>
      ctx.runAttemptCount < 1
        ? { kind: 'retry', result: ctx.retry() }
        : { kind: 'failure', result: ctx.failure({ reason: 'doomed' }) },
    ),
});
const Heartbeat = defineWorker({
  name: 'Heartbeat',
  run: (_input, ctx) => run(ctx, 'Heartbeat', () => ({ kind: 'success', result: ctx.success() })),
});
const workers = { Step, Flaky, Doomed, Heartbeat };

const wm = createWorkManager({ database: plan.dbFile, workers: Object.values(workers), clock, timer });
console.log('ready');

const env = () => ({ now: clock.currentTimeMillis(), onWarning: () => undefined });
const request = (r) =>
  createOneTimeWorkRequest(
    workers[r.worker],
    {
      id: r.id,
      input: r.input,
      initialDelayMs: r.initialDelayMs,
      backoff: r.backoff,
      keepResultsForAtLeastMs: plan.keepResultsForAtLeastMs,
    },
    env(),
  );

await wm.enqueueUniquePeriodicWork(
  'heartbeat',
  'KEEP',
  createPeriodicWorkRequest(
    Heartbeat,
    { id: plan.periodic.id, intervalMs: plan.periodic.intervalMs, flexMs: plan.periodic.flexMs },
    env(),
  ),
);

const acked = new Set();
/** Enqueues, as one continuation each, what is due and not stored yet; a continuation is all-or-nothing. */
async function enqueueDueWaves() {
  const elapsed = clock.currentTimeMillis() - plan.virtualStart;
  for (const [index, wave] of plan.waves.entries()) {
    if (wave.dueOffsetMs > elapsed || acked.has(index)) continue;
    for (const levels of wave.continuations) {
      if ((await wm.getWorkInfoById(levels[0][0].id)) !== null) continue;
      let continuation = wm.beginWith(levels[0].map(request));
      for (const level of levels.slice(1)) continuation = continuation.then(level.map(request));
      await continuation.enqueue();
    }
    acked.add(index);
    console.log(`ack ${index}`);
  }
}

const oneTimeIds = plan.waves.flatMap((w) => w.continuations.flat(2).map((r) => r.id));
const FINISHED = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED']);
for (;;) {
  await enqueueDueWaves();
  // Only the last child (restart === plan.kills) may finish; the others run until they are killed.
  if (restart >= plan.kills && acked.size === plan.waves.length) {
    const infos = await Promise.all(oneTimeIds.map((id) => wm.getWorkInfoById(id)));
    // null: finished work that was never enqueued (failed while BLOCKED) is pruned at the next start,
    // as in androidx (spec §11.4); the parent checks that only such work is missing.
    if (infos.every((i) => i === null || FINISHED.has(i.state))) break;
  }
  await new Promise((resolve) => setTimeout(resolve, 20));
}
await wm.close();
console.log('done');
