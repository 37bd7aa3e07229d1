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
//
// Planned operations (unique enqueues, cancels; `plan.groups`) are recorded in the same log, after their
// Operation resolved (so after their commit), as a marker line `<virtual ms> op<key> -1 @op done <pid>`. A
// marked operation is never issued again; an unmarked one is issued again after a restart unless its commit
// is visible (see `committed`). Gate workers read the markers: they retry until a planned operation is marked.
import { existsSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
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
/** Keys of the planned operations whose marker is in the log (read before any worker can run). */
const doneOps = new Set(
  (existsSync(plan.logFile) ? readFileSync(plan.logFile, 'utf8') : '')
    .split('\n')
    .map((l) => l.split(' '))
    .filter((f) => f.length === 6 && f[3] === '@op' && f[4] === 'done')
    .map((f) => Number(f[1]?.slice(2))),
);
function markDone(op) {
  writeSync(logFd, `${clock.currentTimeMillis()} op${op.key} -1 @op done ${process.pid}\n`);
  fsyncSync(logFd);
  doneOps.add(op.key);
}
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
// Succeeds (value + 1) only once the planned operation `input.gate` is marked done, retries before: the work
// is unfinished (ENQUEUED or RUNNING) whenever that operation commits, however the kills fall. Gated on its
// own cancel, it never succeeds — and would, were it run again after the cancel.
const Gate = defineWorker({
  name: 'Gate',
  run: (input, ctx) =>
    run(ctx, 'Gate', () =>
      doneOps.has(input.gate)
        ? { kind: 'success', result: ctx.success({ value: (input.value ?? 0) + 1 }) }
        : { kind: 'retry', result: ctx.retry() },
    ),
});
const workers = { Step, Flaky, Doomed, Heartbeat, Gate };

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
      tags: r.tags,
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

const FINISHED = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED']);
const chain = (continuation, levels) =>
  levels.slice(1).reduce((c, level) => c.then(level.map(request)), continuation);
const allFinished = async (ids) =>
  (await Promise.all(ids.map((id) => wm.getWorkInfoById(id)))).every(
    (i) => i !== null && FINISHED.has(i.state),
  );

/**
 * Whether an unmarked operation committed before a kill (then it is only marked, never issued again). Checked
 * before its `after` work: what it committed may have deleted that work.
 */
async function committed(op) {
  switch (op.kind) {
    case 'enqueue':
      // Each continuation is one transaction; the operation is all of them, enqueued one after the other.
      return (await wm.getWorkInfoById(op.continuations.at(-1)[0][0].id)) !== null;
    case 'unique':
      // Its first request is stored: nothing can have deleted it yet, as the group's next operation waits
      // for this one's marker. Two outcomes store nothing that lasts, and are issued again with the same
      // outcome: a KEEP that kept the old work (which waits for this marker, so it is still unfinished), and
      // an APPEND onto a FAILED leaf (its FAILED, never-enqueued work may be pruned by the next start, §11.4;
      // appended again, it fails again).
      return (await wm.getWorkInfoById(op.levels[0][0].id)) !== null;
    default:
      // Cancels are idempotent: issued again, they find their targets CANCELLED and change nothing.
      return false;
  }
}

/** Issues a planned operation that did not commit. */
async function issue(op) {
  switch (op.kind) {
    case 'enqueue':
      for (const levels of op.continuations) {
        if ((await wm.getWorkInfoById(levels[0][0].id)) !== null) continue;
        await chain(wm.beginWith(levels[0].map(request)), levels).enqueue();
      }
      return;
    case 'unique':
      await chain(wm.beginUniqueWork(op.name, op.policy, op.levels[0].map(request)), op.levels).enqueue();
      return;
    case 'cancelById':
      await wm.cancelWorkById(op.target);
      return;
    case 'cancelByTag':
      await wm.cancelAllWorkByTag(op.target);
      return;
    default:
      throw new Error(`unknown op ${op.kind}`);
  }
}

/** Per group, the operations in order: each waits for its due time, its `after` work, and its predecessor. */
const nextOp = plan.groups.map(() => 0);
async function runDueOps() {
  const elapsed = clock.currentTimeMillis() - plan.virtualStart;
  for (const [g, group] of plan.groups.entries()) {
    while (nextOp[g] < group.ops.length) {
      const op = group.ops[nextOp[g]];
      if (!doneOps.has(op.key)) {
        if (op.dueOffsetMs > elapsed) break;
        if (!(await committed(op))) {
          if (op.after && !(await allFinished(op.after))) break;
          await issue(op);
        }
        markDone(op);
      }
      nextOp[g]++;
    }
  }
}

const oneTimeIds = [
  ...plan.waves.flatMap((w) => w.continuations.flat(2).map((r) => r.id)),
  ...plan.groups.flatMap((g) =>
    g.ops.flatMap((op) => [...(op.levels ?? []), ...(op.continuations ?? []).flat()].flat().map((r) => r.id)),
  ),
];
let nextReport = performance.now() + 10_000;
for (;;) {
  await enqueueDueWaves();
  await runDueOps();
  // Only the last child (restart === plan.kills) may finish; the others run until they are killed.
  const opsDone = plan.groups.every((g, i) => nextOp[i] === g.ops.length);
  if (restart >= plan.kills && acked.size === plan.waves.length && opsDone) {
    const infos = await Promise.all(oneTimeIds.map((id) => wm.getWorkInfoById(id)));
    // null: finished work that was never enqueued (failed while BLOCKED) is pruned at the next start,
    // as in androidx (spec §11.4); the parent checks that only such work is missing.
    if (infos.every((i) => i === null || FINISHED.has(i.state))) break;
  }
  if (restart >= plan.kills && performance.now() > nextReport) {
    // What the last child still waits for, in case the parent gives up on it (it prints stderr then).
    nextReport = performance.now() + 10_000;
    const pending = plan.groups.flatMap((g, i) =>
      g.ops[nextOp[i]] ? [`${g.scenario}:op${g.ops[nextOp[i]].key}`] : [],
    );
    const infos = await Promise.all(oneTimeIds.map((id) => wm.getWorkInfoById(id)));
    const unfinished = infos
      .filter((i) => i !== null && !FINISHED.has(i.state))
      .map((i) => `${i.id}:${i.state}`);
    console.error(
      `waiting: waves ${acked.size}/${plan.waves.length}; ops ${pending.join(' ')}; work ${unfinished.join(' ')}`,
    );
  }
  await new Promise((resolve) => setTimeout(resolve, 20));
}
await wm.close();
console.log('done');
