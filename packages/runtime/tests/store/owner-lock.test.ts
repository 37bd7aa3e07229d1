// One WorkDatabase per file at a time. A second WorkManager on a file in use would take the first one's
// RUNNING work for a dead process's (its start-up recovery re-enqueues it) and run it a second time.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOneTimeWorkRequest, StopReason } from '@workscript/api';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createWorkManager,
  DatabaseInUseError,
  silentLogger,
  WorkDatabase,
  type WorkManager,
  type WorkManagerOptions,
} from '../../src/index.js';
import { createSuspendingWorker } from '../helpers/workers.js';

const dirs: string[] = [];
const open: WorkManager[] = [];
const tmpDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'workscript-owner-'));
  dirs.push(dir);
  return dir;
};

afterEach(async () => {
  for (const wm of open.splice(0)) await wm.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function start(file: string, workers: NonNullable<WorkManagerOptions['workers']> = []): WorkManager {
  const wm = createWorkManager({ database: file, workers, logger: silentLogger });
  open.push(wm);
  return wm;
}

describe('one WorkDatabase per file', () => {
  it('a second WorkManager on a file in use is refused, naming the file; the first one runs on untouched', async () => {
    const file = join(tmpDir(), 'work.db');
    const { worker, seen } = createSuspendingWorker('Long');
    const first = start(file, [worker]);
    const request = createOneTimeWorkRequest(worker);
    await first.enqueue(request);
    await first.settle();
    expect(() => createWorkManager({ database: file, workers: [worker], logger: silentLogger })).toThrow(
      DatabaseInUseError,
    );
    expect(() => WorkDatabase.open({ filename: file })).toThrow(file);
    expect(await first.getWorkInfoById(request.id)).toMatchObject({ state: 'RUNNING', runAttemptCount: 1 });
    expect(seen).toHaveLength(1);
    await first.close();
    // Closed: the file is free again, and the close recorded the stop as a death would.
    const second = start(file, [worker]);
    expect(await second.getWorkInfoById(request.id)).toMatchObject({
      state: 'ENQUEUED',
      stopReason: StopReason.UNKNOWN,
    });
  });

  it('in-memory databases are never shared, so any number may be open', () => {
    const a = WorkDatabase.open({ filename: ':memory:' });
    const b = WorkDatabase.open({ filename: ':memory:' });
    expect([a.isOpen, b.isOpen]).toEqual([true, true]);
    a.close();
    b.close();
  });

  it('a process killed with SIGKILL leaves the file free: the next one opens it and recovers the work', async () => {
    const dir = tmpDir();
    const file = join(dir, 'work.db');
    const script = join(dir, 'holder.mts');
    const runtime = JSON.stringify(new URL('../../src/index.ts', import.meta.url).href);
    const api = JSON.stringify(new URL('../../../api/src/index.ts', import.meta.url).href);
    writeFileSync(
      script,
      `import { createOneTimeWorkRequest, defineWorker } from ${api};
import { createWorkManager, silentLogger } from ${runtime};
const Long = defineWorker({ name: 'Long', run: () => new Promise(() => {}) });
const wm = createWorkManager({ database: ${JSON.stringify(file)}, workers: [Long], logger: silentLogger });
const request = createOneTimeWorkRequest(Long);
await wm.enqueue(request);
await wm.settle();
console.log(request.id);
setInterval(() => {}, 1000);
`,
    );
    const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += String(d)));
    const id = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => resolve(String(d).trim()));
      child.on('exit', () => reject(new Error(`the holder exited early: ${stderr}`)));
    });
    try {
      expect(() => createWorkManager({ database: file, logger: silentLogger })).toThrow(DatabaseInUseError);
    } finally {
      // Even when the assertion fails: the holder never exits by itself.
      child.kill('SIGKILL');
      await exited;
    }
    const next = start(file);
    expect(await next.getWorkInfoById(id)).toMatchObject({
      state: 'ENQUEUED',
      stopReason: StopReason.UNKNOWN,
      runAttemptCount: 1,
    });
  });
});
