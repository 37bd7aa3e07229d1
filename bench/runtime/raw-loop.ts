// Baseline: the least a durable job store can do per job on this machine, in plain better-sqlite3 with the
// runtime's settings (WAL, synchronous=NORMAL): insert the job (one commit), then claim it (one commit)
// and complete it (one commit) — three commits per job, like enqueue + start + finish in WorkManager.
// With <warm>, that many jobs run the same way first, untimed, in the same process and table (the
// runtime's "warm" figure's baseline).
//   tsx raw-loop.ts <n> [warm]
import { randomUUID } from 'node:crypto';
import BetterSqlite3 from 'better-sqlite3';
import { nowMs, report, round, tempDatabaseFile, trackMemory } from './support.js';

const n = Number(process.argv[2] ?? 1000);
const warm = Number(process.argv[3] ?? 0);
const db = new BetterSqlite3(tempDatabaseFile('raw.db'));
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.exec(`CREATE TABLE job (id TEXT NOT NULL PRIMARY KEY, state INTEGER NOT NULL, input BLOB NOT NULL, output BLOB NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0, enqueued_at INTEGER NOT NULL);
  CREATE INDEX job_state ON job (state, enqueued_at);`);
const empty = Buffer.alloc(8);
const insert = db.prepare('INSERT INTO job (id, state, input, output, enqueued_at) VALUES (?, 0, ?, ?, ?)');
const claim = db.prepare(
  'UPDATE job SET state = 1, attempts = attempts + 1 WHERE id = (SELECT id FROM job WHERE state = 0 ORDER BY enqueued_at LIMIT 1) RETURNING id, input',
);
const complete = db.prepare('UPDATE job SET state = 2, output = ? WHERE id = ?');

/** Inserts `count` jobs, then claims and completes until none is left; returns how many completed. */
function runJobs(count: number): number {
  for (let i = 0; i < count; i++) insert.run(randomUUID(), empty, empty, Date.now());
  let done = 0;
  for (;;) {
    const job = claim.get() as { id: string } | undefined;
    if (!job) break;
    complete.run(empty, job.id);
    done++;
  }
  return done;
}

if (warm > 0) runJobs(warm);
const memory = trackMemory();
const cpuStart = process.cpuUsage();
const start = nowMs();
const done = runJobs(n);
const ms = nowMs() - start;
const cpu = process.cpuUsage(cpuStart);
if (done !== n) throw new Error(`raw loop completed ${done} of ${n}`);
db.close();
report({
  case: 'raw',
  n,
  warm,
  ms: round(ms, 1),
  perSecond: round((n / ms) * 1000),
  usPerItem: round((ms * 1000) / n, 1),
  // CPU time of the process (all threads): what the machine's load distorts least.
  cpuUsPerItem: round((cpu.user + cpu.system) / n, 1),
  ...memory.stop(),
});
