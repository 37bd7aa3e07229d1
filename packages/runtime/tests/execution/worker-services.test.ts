import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createOneTimeWorkRequest, defineWorker, Result, StopReason } from '@workscript/api';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestWorkManager } from '../../src/testing/index.js';

let server: Server | undefined;
afterEach(() => {
  server?.close();
  server = undefined;
});

/** A local HTTP server; `hang` paths never answer (to test stops). */
async function listen(): Promise<string> {
  server = createServer((req, res) => {
    if (req.url === '/hang') return;
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      res.setHeader('X-Echo', 'yes');
      res.end(JSON.stringify({ method: req.method, body }));
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('worker services', () => {
  it('ctx.storage persists strings across runs and workers, in the database', async () => {
    const counter = defineWorker({
      name: 'Counter',
      run: async (_i: Record<string, never>, ctx) => {
        const n = Number((await ctx.storage.get('runs')) ?? '0') + 1;
        await ctx.storage.set('runs', String(n));
        await ctx.storage.set('other:x', 'y');
        return Result.success({ n, keys: (await ctx.storage.keys('run')).join(',') });
      },
    });
    const { workManager, database } = createTestWorkManager({ workers: [counter] });
    const first = createOneTimeWorkRequest(counter);
    const second = createOneTimeWorkRequest(counter);
    await workManager.enqueue(first);
    await workManager.enqueue(second);
    const info = await workManager.getWorkInfoById(second.id);
    expect(info?.state).toBe('SUCCEEDED');
    expect(info?.outputData.toObject()).toEqual({ n: 2, keys: 'runs' });
    expect(database.workerStorageDao.get('runs')).toBe('2');
  });

  it('ctx.fetch performs HTTP through the host', async () => {
    const base = await listen();
    const caller = defineWorker({
      name: 'Caller',
      run: async (_i: Record<string, never>, ctx) => {
        const response = await ctx.fetch(`${base}/echo`, { method: 'POST', body: 'ping' });
        const json = await response.json<{ method: string; body: string }>();
        return Result.success({
          status: response.status,
          echo: response.headers['x-echo'] ?? '',
          method: json.method,
          body: json.body,
        });
      },
    });
    const { workManager } = createTestWorkManager({ workers: [caller], synchronous: false });
    const request = createOneTimeWorkRequest(caller);
    await workManager.enqueue(request);
    for await (const info of workManager.watchWorkInfoById(request.id))
      if (info?.state === 'SUCCEEDED') break;
    expect((await workManager.getWorkInfoById(request.id))?.outputData.toObject()).toEqual({
      status: 200,
      echo: 'yes',
      method: 'POST',
      body: 'ping',
    });
  });

  it('a stop aborts an in-flight ctx.fetch', async () => {
    const base = await listen();
    let aborted = false;
    const hanging = defineWorker({
      name: 'Hanging',
      run: async (_i: Record<string, never>, ctx) => {
        try {
          await ctx.fetch(`${base}/hang`);
        } catch {
          aborted = true;
        }
        return Result.success();
      },
    });
    const { workManager, driver } = createTestWorkManager({ workers: [hanging], synchronous: false });
    const request = createOneTimeWorkRequest(hanging);
    await workManager.enqueue(request);
    for await (const info of workManager.watchWorkInfoById(request.id)) if (info?.state === 'RUNNING') break;
    await driver.stopRunningWorkWithReason(request.id, StopReason.CONSTRAINT_CONNECTIVITY);
    for await (const info of workManager.watchWorkInfoById(request.id)) if (info?.state === 'ENQUEUED') break;
    await new Promise((r) => setImmediate(r));
    expect(aborted).toBe(true);
    expect((await workManager.getWorkInfoById(request.id))?.stopReason).toBe(
      StopReason.CONSTRAINT_CONNECTIVITY,
    );
  });
});
