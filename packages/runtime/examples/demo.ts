// The runtime demo (`npm run demo` at the repository root): WorkManager's rules on Node, on a real SQLite
// file, in virtual time. It shows
//   1. a chain Download → Transcode → Upload gated by a network constraint, while the simulated device
//      goes offline, online, offline mid-upload (the upload is stopped and runs again) and online;
//   2. a worker that asks for a retry twice, with exponential backoff (10 s, then 20 s);
//   3. a periodic worker (15 min interval, 5 min flex): first run when the flex window opens, at 10 min.
// Time comes from a TestClock that is also the Timer, so 45 virtual minutes take well under a second.
// The workers are TS definitions run inline (no bundle): they wait on that TestClock, which code sandboxed in
// QuickJS could not reach. `createWorkManager({ bundlePath })` runs a shipped bundle in QuickJS instead.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  createOneTimeWorkRequest,
  createPeriodicWorkRequest,
  defineWorker,
  stopReasonName,
  type WorkSignal,
} from '@workscript/api';
import { createDeviceState, createWorkManager } from '@workscript/runtime';
import { TestClock } from '@workscript/runtime/testing';

const DIR = '.workscript';
const DATABASE = join(DIR, 'demo.db');
for (const file of [DATABASE, `${DATABASE}-wal`, `${DATABASE}-shm`]) if (existsSync(file)) rmSync(file);
mkdirSync(DIR, { recursive: true });

const clock = new TestClock(Date.UTC(2026, 0, 1, 9, 0, 0));
const START = clock.currentTimeMillis();
/** Waits virtual time inside a worker; resolves early (false) if the work is stopped. */
const work = (ms: number, signal: WorkSignal) =>
  new Promise<boolean>((resolve) => {
    const handle = clock.setTimeout(() => resolve(true), ms);
    signal.addEventListener('abort', () => {
      clock.clearTimeout(handle);
      resolve(false);
    });
  });

const Download = defineWorker({
  name: 'Download',
  constraints: { requiredNetworkType: 'CONNECTED' },
  run: async (input: { url: string }, ctx) => {
    await work(20_000, ctx.signal);
    return ctx.success({ file: `${input.url.split('/').at(-1) ?? 'file'}.raw`, bytes: 48_213 });
  },
});
const Transcode = defineWorker({
  name: 'Transcode',
  run: async (input: { file: string }, ctx) => {
    await work(15_000, ctx.signal);
    return ctx.success({ file: input.file.replace(/\.raw$/, '.mp4') });
  },
});
const Upload = defineWorker({
  name: 'Upload',
  constraints: { requiredNetworkType: 'CONNECTED' },
  run: async (input: { file: string }, ctx) => {
    const finished = await work(60_000, ctx.signal);
    return finished ? ctx.success({ uploaded: input.file }) : ctx.retry(); // a stopped run's result is ignored anyway
  },
});
const SyncContacts = defineWorker({
  name: 'SyncContacts',
  backoff: { policy: 'EXPONENTIAL', delayMs: 10_000 },
  run: (_input: Record<string, never>, ctx) =>
    ctx.runAttemptCount < 2 ? ctx.retry() : ctx.success({ synced: 42 }),
});
const Heartbeat = defineWorker({
  name: 'Heartbeat',
  run: (_input: Record<string, never>, ctx) => ctx.success(),
});

const deviceState = createDeviceState({ network: 'NONE' });
const wm = createWorkManager({
  database: DATABASE,
  workers: [Download, Transcode, Upload, SyncContacts, Heartbeat],
  clock,
  timer: clock,
  deviceState,
});
// After each due timer, let what it started run to its next wait before time moves on.
clock.settle = () => wm.settle();

// ---- the timeline, from the typed events ---------------------------------------------------------------
const labels = new Map<string, string>();
const stamp = () => {
  const s = Math.floor((clock.currentTimeMillis() - START) / 1000);
  return `+${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
};
const say = (who: string, what: string) => console.log(`${stamp()}  ${who.padEnd(14)} ${what}`);
const name = (id: string) => labels.get(id) ?? id.slice(0, 8);
const show = (data: { toObject(): Record<string, unknown> }) => {
  const o = data.toObject();
  return Object.keys(o).length ? ` ${JSON.stringify(o)}` : '';
};
wm.on('work:enqueued', (e) => say(name(e.id), e.state));
wm.on('work:started', (e) => say(name(e.id), `RUNNING (runAttemptCount ${e.runAttemptCount})`));
wm.on('work:succeeded', (e) =>
  say(name(e.id), e.periodic ? 'period done → ENQUEUED for the next one' : `SUCCEEDED${show(e.output)}`),
);
wm.on('work:failed', (e) => say(name(e.id), `FAILED${e.error ? `: ${e.error.message}` : ''}`));
wm.on('work:retry-scheduled', (e) =>
  say(
    name(e.id),
    `retry → ENQUEUED, backoff ${(e.nextScheduleTimeMillis - clock.currentTimeMillis()) / 1000} s (next at ${new Date(e.nextScheduleTimeMillis).toISOString().slice(11, 19)})`,
  ),
);
wm.on('work:stopped', (e) => say(name(e.id), `stopped (${stopReasonName(e.reason) ?? e.reason}) → ENQUEUED`));
wm.on('work:cancelled', (e) => say(name(e.id), 'CANCELLED'));
const network = async (state: 'NONE' | 'UNMETERED') => {
  say('device', `network ${state === 'NONE' ? 'offline' : 'Wi-Fi (CONNECTED)'}`);
  deviceState.setNetwork(state);
  await wm.settle(); // let the starts and stops it causes happen at this virtual time
};
const until = async (minutes: number, seconds = 0) => {
  await clock.advance(START + (minutes * 60 + seconds) * 1000 - clock.currentTimeMillis());
};

// ---- the script ------------------------------------------------------------------------------------------
console.log(
  `Workscript runtime demo — database ${DATABASE}, virtual time from ${new Date(START).toISOString()}\n`,
);
say('device', 'network offline');
const now = () => ({ now: clock.currentTimeMillis() });
const download = createOneTimeWorkRequest(
  Download,
  { input: { url: 'https://example.com/clips/holiday' } },
  now(),
);
const transcode = createOneTimeWorkRequest(Transcode, {}, now());
const upload = createOneTimeWorkRequest(Upload, {}, now());
const sync = createOneTimeWorkRequest(SyncContacts, {}, now());
const heartbeat = createPeriodicWorkRequest(
  Heartbeat,
  { intervalMs: 15 * 60_000, flexMs: 5 * 60_000 },
  now(),
);
for (const [r, label] of [
  [download, 'Download'],
  [transcode, 'Transcode'],
  [upload, 'Upload'],
  [sync, 'SyncContacts'],
  [heartbeat, 'Heartbeat'],
] as const) {
  labels.set(r.id, label);
}
await wm.beginWith(download).then(transcode).then(upload).enqueue();
await wm.enqueue(sync);
await wm.enqueueUniquePeriodicWork('heartbeat', 'KEEP', heartbeat);
await wm.settle();

await until(1);
await network('UNMETERED');
await until(1, 50); // the upload started at +01:35 and needs 60 s
await network('NONE');
await until(3);
await network('UNMETERED');
await until(45);

console.log('\nFinal WorkInfo (read back from the database):');
for (const id of [download.id, transcode.id, upload.id, sync.id, heartbeat.id]) {
  const info = await wm.getWorkInfoById(id);
  if (!info) throw new Error(`work ${name(id)} is missing`);
  const periodic = info.periodicityInfo
    ? `, every ${info.periodicityInfo.repeatIntervalMillis / 60_000} min (flex ${info.periodicityInfo.flexIntervalMillis / 60_000})`
    : '';
  console.log(
    `  ${name(id).padEnd(13)} ${info.state.padEnd(10)} runAttemptCount ${info.runAttemptCount}${show(info.outputData)}${periodic}`,
  );
}
await wm.close();
console.log(`\nDone: the same rules run on Android's WorkManager. Inspect ${DATABASE} with any SQLite tool.`);
