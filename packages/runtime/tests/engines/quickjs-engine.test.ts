import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  createOneTimeWorkRequest,
  InvalidManifestError,
  StopReason,
  type WorkerDefinition,
} from '@workscript/api';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createQuickJsEngine,
  createWorkManager,
  silentLogger,
  type WorkInfo,
  type WorkManager,
} from '../../src/index.js';
import { createTestWorkManager } from '../../src/testing/index.js';
import { buildParityBundle } from './helpers/fixture-bundle.js';
import { recordHistory, waitFor } from './helpers/history.js';
import * as workers from './workers/parity-workers.js';

const { all: _all, ...definitions } = workers;
let bundlePath: string;

beforeAll(async () => {
  bundlePath = await buildParityBundle(definitions);
});

/** Writes a hand-made bundle into a new folder (no manifest beside it) and returns its path. */
function writeBundle(name: string, code: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'workscript-qjs-')), name);
  writeFileSync(file, code);
  return file;
}

async function runToEnd(
  wm: WorkManager,
  worker: WorkerDefinition,
  input: Record<string, unknown> = {},
): Promise<WorkInfo> {
  const request = createOneTimeWorkRequest(worker as WorkerDefinition<never>, { input: input as never });
  const recorded = recordHistory(wm, request.id);
  await wm.enqueue(request);
  await recorded.done;
  const info = await wm.getWorkInfoById(request.id);
  if (info === null) throw new Error('work vanished');
  return info;
}

describe('QuickJS engine sandbox and limits', () => {
  it('worker code cannot reach require, process, fs or a module loader', async () => {
    const wm = createWorkManager({
      database: ':memory:',
      logger: silentLogger,
      engine: { kind: 'quickjs', bundlePath },
    });
    try {
      const info = await runToEnd(wm, workers.sandboxProbe);
      expect(info.state).toBe('SUCCEEDED');
      expect(info.outputData.toObject()).toEqual({
        globals:
          'require:undefined,process:undefined,fs:undefined,module:undefined,Buffer:undefined,global:undefined,std:undefined,os:undefined,__filename:undefined',
        dynamicImport: 'blocked',
        evalRequire: 'blocked',
      });
    } finally {
      await wm.close();
    }
  });

  it('an infinite loop is stopped with TIMEOUT by the execution time limit, then interrupted; the thread runs the next work', async () => {
    const { workManager: wm, clock } = createTestWorkManager({
      synchronous: false,
      scheduling: 'time-based',
      executionTimeLimitMs: 60_000,
      engine: { kind: 'quickjs', bundlePath, poolSize: 1, stopGracePeriodMs: 50 },
    });
    try {
      const request = createOneTimeWorkRequest(workers.spins, {});
      const { history } = recordHistory(wm, request.id, (h) =>
        h.some((e) => e.startsWith('ENQUEUED attempt=1 stop=3')),
      );
      await wm.enqueue(request);
      await waitFor(() => history.some((h) => h.startsWith('RUNNING')), 60_000, 'RUNNING');
      await new Promise((resolve) => setTimeout(resolve, 100)); // the guest is now spinning
      await clock.advance(60_000);
      await waitFor(
        () => history.some((h) => h.startsWith('ENQUEUED attempt=1 stop=3')),
        60_000,
        'the TIMEOUT stop',
      );
      expect(history.at(-1)).toMatch(new RegExp(`^ENQUEUED attempt=1 stop=${StopReason.TIMEOUT} `));
      await wm.cancelWorkById(request.id);
      // One thread: it only runs this once the spinning guest was interrupted after the grace period.
      const next = await runToEnd(wm, workers.asyncWork, { n: 3 });
      expect(next.state).toBe('SUCCEEDED');
      expect(next.outputData.toObject()).toEqual({ sum: 6 });
    } finally {
      await wm.close();
    }
  });

  it('a worker that ignores its stop is interrupted after the grace period', async () => {
    const wm = createWorkManager({
      database: ':memory:',
      logger: silentLogger,
      engine: { kind: 'quickjs', bundlePath, poolSize: 1, stopGracePeriodMs: 100 },
    });
    try {
      const request = createOneTimeWorkRequest(workers.spins, {});
      const { history, done } = recordHistory(wm, request.id);
      await wm.enqueue(request);
      await waitFor(() => history.some((h) => h.startsWith('RUNNING')), 60_000, 'RUNNING');
      await new Promise((resolve) => setTimeout(resolve, 100));
      const started = Date.now();
      await wm.cancelWorkById(request.id);
      await done;
      expect(history.at(-1)).toMatch(/^CANCELLED /);
      const next = await runToEnd(wm, workers.asyncWork, { n: 2 });
      expect(next.state).toBe('SUCCEEDED');
      expect(Date.now() - started).toBeGreaterThanOrEqual(90);
    } finally {
      await wm.close();
    }
  });

  it.each(['fresh', 'reuse'] as const)(
    'a memory bomb fails the work and the host keeps running (%s contexts)',
    async (contexts) => {
      const failures: Error[] = [];
      const wm = createWorkManager({
        database: ':memory:',
        logger: silentLogger,
        engine: { kind: 'quickjs', bundlePath, poolSize: 1, memoryLimitBytes: 16 * 1024 * 1024, contexts },
      });
      wm.on('work:failed', (e) => e.error && failures.push(e.error));
      try {
        const before = process.memoryUsage().rss;
        const bomb = await runToEnd(wm, workers.memoryBomb);
        expect(bomb.state).toBe('FAILED');
        expect(failures[0]?.message).toMatch(/out of memory/);
        const next = await runToEnd(wm, workers.asyncWork, { n: 5 });
        expect(next.outputData.toObject()).toEqual({ sum: 15 });
        expect(process.memoryUsage().rss - before).toBeLessThan(256 * 1024 * 1024);
      } finally {
        await wm.close();
      }
    },
  );

  it('deep recursion hits the stack limit as a catchable error, not a crash', async () => {
    const recursive = writeBundle(
      'recursive.js',
      `${'globalThis.__workscript = { protocolVersion: 1, workers: ["Deep"], stop() {},'} run(name, inputJson, contextJson) { function down(n) { return down(n + 1) + 1; } try { down(0); return Promise.resolve('{"status":"success","output":{"deep":"no"}}'); } catch (e) { return Promise.resolve(JSON.stringify({ status: 'success', output: { deep: String(e) } })); } } };`,
    );
    const deep = {
      kind: 'workscript.worker',
      name: 'Deep',
      run: () => undefined,
    } as unknown as WorkerDefinition;
    const wm = createWorkManager({
      database: ':memory:',
      logger: silentLogger,
      engine: {
        kind: 'quickjs',
        bundlePath: recursive,
        manifestPath: path.join(path.dirname(bundlePath), 'workscript.json'),
        maxStackSizeBytes: 256 * 1024,
      },
    });
    try {
      // Deep is not in the manifest: without a manifest entry the name is unknown to the factory.
      const unknown = await runToEnd(wm, deep);
      expect(unknown.state).toBe('FAILED');
    } finally {
      await wm.close();
    }
    const noManifest = createWorkManager({
      database: ':memory:',
      logger: silentLogger,
      engine: { kind: 'quickjs', bundlePath: recursive, maxStackSizeBytes: 256 * 1024 },
    });
    try {
      const info = await runToEnd(noManifest, deep);
      expect(info.state).toBe('SUCCEEDED');
      expect(info.outputData.toObject()).toEqual({ deep: 'InternalError: stack overflow' });
    } finally {
      await noManifest.close();
    }
  });

  it('without a manifest, inputs and outputs cross as Data.toObject / Data.fromObject', async () => {
    const plain = await buildParityBundle({ asyncWork: workers.asyncWork }, { manifest: false });
    const wm = createWorkManager({
      database: ':memory:',
      logger: silentLogger,
      engine: { kind: 'quickjs', bundlePath: plain },
    });
    try {
      const info = await runToEnd(wm, workers.asyncWork, { n: 4 });
      expect(info.state).toBe('SUCCEEDED');
      expect(info.outputData.toObject()).toEqual({ sum: 10 });
    } finally {
      await wm.close();
    }
  });

  it('reports limits and manifests it cannot use, naming the option or file', () => {
    expect(() => createQuickJsEngine({ bundlePath, stopGracePeriodMs: 2 ** 31 })).toThrow(
      /stopGracePeriodMs must be a number of milliseconds from 0 to 2147483647 \(about 24.8 days\), got 2147483648/,
    );
    expect(() => createQuickJsEngine({ bundlePath, memoryLimitBytes: 0 })).toThrow(
      /memoryLimitBytes must be a positive number/,
    );
    expect(() => createQuickJsEngine({ bundlePath, manifestPath: '/nonexistent/workscript.json' })).toThrow(
      /\/nonexistent\/workscript.json does not exist/,
    );
    const edited = path.join(mkdtempSync(path.join(tmpdir(), 'workscript-manifest-')), 'workscript.json');
    writeFileSync(
      edited,
      JSON.stringify({
        bridgeProtocolVersion: 1,
        kotlinPackage: 'app',
        workers: [{ name: 'Sync' }],
        files: {},
      }),
    );
    expect(() => createQuickJsEngine({ bundlePath, manifestPath: edited })).toThrow(
      new InvalidManifestError(edited, 'has no shapes object at $.workers[0].shapes'),
    );
  });

  it('a bundle that does not load fails the attempt with its error', async () => {
    const broken = writeBundle('broken.js', 'throw new Error("bundle exploded");');
    const failures: Error[] = [];
    const wm = createWorkManager({
      database: ':memory:',
      logger: silentLogger,
      engine: { kind: 'quickjs', bundlePath: broken },
    });
    wm.on('work:failed', (e) => e.error && failures.push(e.error));
    try {
      const info = await runToEnd(wm, workers.asyncWork, { n: 1 });
      expect(info.state).toBe('FAILED');
      expect(failures[0]?.message).toBe('The bundle broken.js failed to evaluate: Error: bundle exploded');
    } finally {
      await wm.close();
    }
  });

  it('context reuse keeps module state between attempts; fresh contexts do not', async () => {
    const counter = writeBundle(
      'counter.js',
      'let n = 0; globalThis.__workscript = { protocolVersion: 1, workers: ["Count"], stop() {}, run() { n++; return Promise.resolve(JSON.stringify({ status: "success", output: { n } })); } };',
    );
    const count = {
      kind: 'workscript.worker',
      name: 'Count',
      run: () => undefined,
    } as unknown as WorkerDefinition;
    for (const [contexts, expected] of [
      ['fresh', [1, 1, 1]],
      ['reuse', [1, 2, 3]],
    ] as const) {
      const wm = createWorkManager({
        database: ':memory:',
        logger: silentLogger,
        engine: { kind: 'quickjs', bundlePath: counter, poolSize: 1, contexts },
      });
      try {
        const seen: unknown[] = [];
        for (let i = 0; i < 3; i++) seen.push((await runToEnd(wm, count)).outputData.toObject()['n']);
        expect(seen).toEqual(expected);
      } finally {
        await wm.close();
      }
    }
  });
});
