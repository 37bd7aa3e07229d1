import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { createOneTimeWorkRequest } from '@workscript/api';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { createWorkManager, silentLogger, WorkDatabase } from '../../src/index.js';
import { COMMITS_PER_CHECKPOINT, WalCheckpointer } from '../../src/store/wal-checkpointer.js';
import { TestWorker } from '../helpers/workers.js';

// SQLite checkpoints a WAL in the connection whose commit crosses 1,000 pages, and that commit then waits for
// two fsyncs. A file database hands its checkpoints to a second connection on a thread of its own instead.

const tmp = (): string => mkdtempSync(join(tmpdir(), 'workscript-wal-'));
const KIB = 'x'.repeat(1024);

/** `count` commits of ~1 KiB each: one WAL page or two apiece, far below SQLite's 1,000-page checkpoint. */
function commit(db: WorkDatabase, count: number, prefix = 'k'): void {
  for (let i = 0; i < count; i++) db.runInTransaction(() => db.workerStorageDao.set(`${prefix}${i}`, KIB));
}

const size = (file: string): number => (existsSync(file) ? statSync(file).size : 0);

/** The runtime and api from sources, as module specifiers for a child's script. */
const RUNTIME = JSON.stringify(new URL('../../src/index.ts', import.meta.url).href);
const API = JSON.stringify(new URL('../../../api/src/index.ts', import.meta.url).href);

/** Runs `source` as a TypeScript module in a fresh Node process (through tsx), from `dir`'s `script.mts`. */
function runScript(dir: string, source: string): SpawnSyncReturns<string> {
  const script = join(dir, 'script.mts');
  writeFileSync(script, source);
  return spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', timeout: 60_000 });
}

describe('WAL checkpoints on a thread of their own (file databases)', () => {
  it('no thread before the first request; then the thread checkpoints while the main thread is idle', async () => {
    const file = join(tmp(), 'wm.db');
    const db = WorkDatabase.open({ filename: file });
    commit(db, COMMITS_PER_CHECKPOINT - 1);
    expect(db.checkpointsOffThread).toBe(false);
    const before = size(file);
    commit(db, 1, 'last');
    expect(db.checkpointsOffThread).toBe(true);
    // Rows reach the database file only through a checkpoint. ~300 pages in the WAL are far below the
    // main connection's threshold, so the file grows only if the thread checkpointed.
    await vi.waitFor(() => expect(size(file)).toBeGreaterThan(before + 100 * 1024), { timeout: 30_000 });
    db.close();
  });

  it('close waits for the thread to close its connection, so the WAL is folded in and removed', async () => {
    const file = join(tmp(), 'wm.db');
    const db = WorkDatabase.open({ filename: file });
    const before = size(file);
    commit(db, COMMITS_PER_CHECKPOINT);
    // Once the file grew, the thread's connection is open: the main one is not the last unless close waits.
    await vi.waitFor(() => expect(size(file)).toBeGreaterThan(before), { timeout: 30_000 });
    commit(db, 5, 'more');
    db.close();
    expect(existsSync(`${file}-wal`)).toBe(false);
    const raw = new BetterSqlite3(file, { readonly: true });
    expect(raw.prepare('SELECT COUNT(*) FROM worker_storage').pluck().get()).toBe(COMMITS_PER_CHECKPOINT + 5);
    raw.close();
  });

  it('closing while the thread is still starting loses nothing', () => {
    const file = join(tmp(), 'wm.db');
    const db = WorkDatabase.open({ filename: file });
    commit(db, COMMITS_PER_CHECKPOINT + 5);
    expect(db.checkpointsOffThread).toBe(true);
    db.close();
    const again = WorkDatabase.open({ filename: file });
    expect(again.workerStorageDao.get(`k${COMMITS_PER_CHECKPOINT + 4}`)).toBe(KIB);
    again.close();
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it('a WorkManager on a file runs work across checkpoint requests, and its file holds every result', async () => {
    const file = join(tmp(), 'wm.db');
    const wm = createWorkManager({ database: file, workers: [TestWorker], logger: silentLogger });
    // Three commits per item (enqueue, start, result): 300 items ask for four checkpoints.
    const requests = Array.from({ length: 300 }, (_, i) =>
      createOneTimeWorkRequest(TestWorker, { input: { i } }),
    );
    for (const request of requests) await wm.enqueue(request);
    await vi.waitFor(
      async () => {
        const infos = await wm.getWorkInfosByTag('TestWorker');
        expect(infos.filter((w) => w.state === 'SUCCEEDED')).toHaveLength(300);
      },
      { timeout: 30_000 },
    );
    await wm.close();
    expect(existsSync(`${file}-wal`)).toBe(false);
    const reopened = createWorkManager({ database: file, workers: [TestWorker], logger: silentLogger });
    const info = await reopened.getWorkInfoById(requests.at(-1)?.id ?? 'missing');
    expect(info?.state).toBe('SUCCEEDED');
    expect(info?.outputData.getDouble('i', -1)).toBe(299);
    await reopened.close();
  });

  it('an in-memory database has no WAL and never starts a thread', () => {
    const db = WorkDatabase.open({ filename: ':memory:' });
    commit(db, COMMITS_PER_CHECKPOINT * 2);
    expect(db.checkpointsOffThread).toBe(false);
    db.close();
  });

  it.each([
    ['throws', 'throw new Error("the checkpoint thread could not open the file")'],
    ['exits', 'process.exit(0)'],
  ])('a thread that %s gives checkpoints back to SQLite; commits go on', async (_how, source) => {
    const file = join(tmp(), 'raw.db');
    const db = new BetterSqlite3(file);
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE t (v TEXT)');
    let started = 0;
    const checkpointer = new WalCheckpointer(db, file, () => {
      started++;
      return new Worker(source, { eval: true });
    });
    for (let i = 0; i < COMMITS_PER_CHECKPOINT; i++) checkpointer.noteCommit();
    expect(checkpointer.active).toBe(true);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(10_000);
    await vi.waitFor(() => expect(checkpointer.active).toBe(false), { timeout: 30_000 });
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1_000);
    // No second thread, however many commits follow; SQLite checkpoints in the committing connection again.
    for (let i = 0; i < COMMITS_PER_CHECKPOINT * 2; i++) {
      db.prepare('INSERT INTO t VALUES (?)').run(KIB);
      checkpointer.noteCommit();
    }
    expect(started).toBe(1);
    checkpointer.close();
    db.close();
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it('a relative file name means the file opened, even after the process changed directory', () => {
    const dir = tmp();
    const elsewhere = tmp();
    const child = runScript(
      dir,
      `import { statSync } from 'node:fs';
import { WorkDatabase } from ${RUNTIME};
process.chdir(${JSON.stringify(dir)});
const db = WorkDatabase.open({ filename: 'wm.db' });
const before = statSync('wm.db').size;
process.chdir(${JSON.stringify(elsewhere)});
for (let i = 0; i < 250; i++) db.runInTransaction(() => db.workerStorageDao.set('k' + i, 'x'.repeat(1024)));
const file = ${JSON.stringify(join(dir, 'wm.db'))};
const deadline = Date.now() + 30000;
while (statSync(file).size <= before && db.checkpointsOffThread && Date.now() < deadline) {
  await new Promise((r) => setTimeout(r, 20));
}
console.log('thread: ' + String(db.checkpointsOffThread) + '; grew: ' + String(statSync(file).size > before));
db.close();
`,
    );
    expect(child.stderr).toBe('');
    expect(child.stdout.trim()).toBe('thread: true; grew: true');
    expect(existsSync(join(elsewhere, 'wm.db'))).toBe(false);
  });

  it('the thread never keeps a process alive: a script that does not close its WorkManager still exits', () => {
    const dir = tmp();
    const child = runScript(
      dir,
      `import { createOneTimeWorkRequest, defineWorker } from ${API};
import { createWorkManager, silentLogger, WorkDatabase } from ${RUNTIME};
const Noop = defineWorker({ name: 'Noop', run: (_input, ctx) => ctx.success() });
const database = WorkDatabase.open({ filename: ${JSON.stringify(join(dir, 'wm.db'))} });
const wm = createWorkManager({ database, workers: [Noop], logger: silentLogger });
for (let i = 0; i < 100; i++) await wm.enqueue(createOneTimeWorkRequest(Noop));
console.log('enqueued; thread: ' + String(database.checkpointsOffThread));
`,
    );
    expect(child.stderr).toBe('');
    expect(child.stdout.trim()).toBe('enqueued; thread: true');
    expect(child.status).toBe(0);
  });
});
