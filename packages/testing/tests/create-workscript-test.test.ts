import { existsSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { long, type Int, type Long, type WorkerDefinition } from '@workscript/api';
import { afterEach, describe, expect, it } from 'vitest';
import { createWorkscriptTest, WorkscriptGenerateError, type WorkscriptTest } from '../src/index.js';
import { copyFixture } from './helpers/fixture-project.js';

let harness: WorkscriptTest | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const order = {
  customer: { id: long(4_000_000_123), tier: 'gold' as const },
  lines: [
    { sku: 'tea', quantity: 3 as Int, unitCents: 450 as Long },
    { sku: 'cup', quantity: 1 as Int, unitCents: 1_200 as Long },
  ],
  priority: 'high' as const,
};

/** The fixture's worker as a test would import it; only its name and defaults matter to the harness. */
async function importPlaceOrder(root: string): Promise<WorkerDefinition<typeof order>> {
  const module = (await import(pathToFileURL(path.join(root, 'workers/orders.ts')).href)) as {
    placeOrder: WorkerDefinition<typeof order>;
  };
  return module.placeOrder;
}

describe('createWorkscriptTest', () => {
  it('builds the bundle and runs it in QuickJS with nested, enum and Long input encoded by the manifest', async () => {
    const root = copyFixture('shop');
    harness = await createWorkscriptTest({ root, workers: 'workers' });
    expect(harness.workers.map((w) => w.name)).toEqual(['PlaceOrder']);
    const run = await harness.start();
    const request = harness.request(await importPlaceOrder(root), { input: order });
    // The input is Data exactly as the generated Kotlin builder writes it: the nested parts as JSON strings.
    expect(request.input.get('customer')).toEqual({
      type: 'string',
      value: '{"id":4000000123,"tier":"gold"}',
    });
    expect(request.input.get('priority')).toEqual({ type: 'string', value: 'high' });

    await run.workManager.enqueue(request);
    expect((await run.workManager.getWorkInfoById(request.id))?.state).toBe('ENQUEUED'); // needs network
    const info = await run.runUntilFinished(request.id);
    expect(info.state).toBe('SUCCEEDED');
    expect(info.outputData.toObject()).toEqual({
      customerId: 4_000_000_123,
      totalCents: Math.round(3 * 450 * 0.9) + Math.round(1_200 * 0.9),
      lines: 2,
      priority: 'high',
      engine: 'quickjs',
    });
    expect(info.outputData.get('customerId')?.type).toBe('long');
    expect(info.outputData.get('lines')?.type).toBe('int');
  });

  it("engine: 'inline' imports the TS definitions and runs them on Node with the same shapes", async () => {
    const root = copyFixture('shop');
    harness = await createWorkscriptTest({ root, workers: ['workers/orders.ts'] });
    const run = await harness.start({ engine: 'inline' });
    const request = harness.request({ name: 'PlaceOrder' }, { input: order });
    await run.workManager.enqueue(request);
    const info = await run.runUntilFinished(request.id);
    expect(info.outputData.toObject()).toMatchObject({ engine: 'inline', lines: 2 });
    expect(info.outputData.get('lines')?.type).toBe('int');
  });

  it("engine: 'inline' with workers runs the definitions given, shaped by the manifest", async () => {
    const root = copyFixture('shop');
    harness = await createWorkscriptTest({ root, workers: 'workers' });
    const placeOrder = await importPlaceOrder(root);
    const run = await harness.start({ engine: 'inline', workers: [placeOrder as WorkerDefinition] });
    const request = harness.request(placeOrder, { input: order });
    await run.workManager.enqueue(request);
    const info = await run.runUntilFinished(request.id);
    expect(info.outputData.get('customerId')).toEqual({ type: 'long', value: 4_000_000_123 });
    expect(info.outputData.get('engine')).toEqual({ type: 'string', value: 'inline' });
  });

  it('a second call with unchanged sources reuses the build; editing an imported file rebuilds', async () => {
    const root = copyFixture('shop');
    const first = await createWorkscriptTest({ root, workers: 'workers/orders.ts' });
    expect(first.reused).toBe(false);
    const second = await createWorkscriptTest({ root, workers: 'workers/orders.ts' });
    expect([second.reused, second.hash, second.bundlePath]).toEqual([true, first.hash, first.bundlePath]);
    expect(first.bundlePath).toContain(path.join(root, 'node_modules', '.cache', 'workscript', first.hash));

    // pricing.ts is not a workers entry: only imported by orders.ts.
    const pricing = path.join(root, 'workers/pricing.ts');
    writeFileSync(pricing, readFileSync(pricing, 'utf8').replace('0.9', '0.5'));
    const third = await createWorkscriptTest({ root, workers: 'workers/orders.ts' });
    expect(third.reused).toBe(false);
    expect(third.hash).not.toBe(first.hash);
    expect(readFileSync(third.bundlePath, 'utf8')).toContain('0.5');
    harness = third;
    const run = await harness.start();
    const request = harness.request({ name: 'PlaceOrder' }, { input: order });
    await run.workManager.enqueue(request);
    expect((await run.runUntilFinished(request.id)).outputData.get('totalCents')).toEqual({
      type: 'long',
      value: Math.round(3 * 450 * 0.5) + Math.round(1_200 * 0.5),
    });
  });

  it('with a tsconfig, a new file it includes rebuilds', async () => {
    const root = copyFixture('shop');
    writeFileSync(
      path.join(root, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { strict: true, module: 'ESNext', moduleResolution: 'Bundler', noEmit: true },
        include: ['workers/*.ts'],
      }),
    );
    const first = await createWorkscriptTest({ root, tsconfig: 'tsconfig.json' });
    expect(first.workers.map((w) => w.name)).toEqual(['PlaceOrder']);
    writeFileSync(
      path.join(root, 'workers/ping.ts'),
      "import { defineWorker } from '@workscript/api';\n" +
        "export const ping = defineWorker({ name: 'Ping', run: (_input: Record<string, never>, ctx) => ctx.success() });\n",
    );
    const second = await createWorkscriptTest({ root, tsconfig: 'tsconfig.json' });
    expect([second.reused, second.workers.map((w) => w.name)]).toEqual([false, ['Ping', 'PlaceOrder']]);
    await expect(createWorkscriptTest({ root, tsconfig: 'missing.json' })).rejects.toThrow(
      `createWorkscriptTest: tsconfig 'missing.json' does not exist (looked for ${path.join(root, 'missing.json')}); pass a path relative to root (${root})`,
    );
  });

  it('fails with the rendered WS diagnostics, not a stack trace, when the codegen rejects a worker', async () => {
    const root = copyFixture('broken');
    const error = await createWorkscriptTest({ root, workers: 'workers' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkscriptGenerateError);
    const message = (error as WorkscriptGenerateError).message;
    expect(message).toBe(
      [
        'workscript generate found 1 error in the workers:',
        '',
        "workers/report.ts:5:16 - error WS1003: Input field 'since' has type 'Date', which WorkManager Data cannot hold; use an ISO string or epoch millis (Long).",
        "  in worker 'Report' (workers/report.ts:3:14)",
        '  3 | export const report = defineWorker({',
        "  4 |   name: 'Report',",
        '> 5 |   run(input: { since: Date }, ctx) {',
        '    |                ^^^^^^^^^^^',
        '  6 |     return ctx.success({ year: input.since.getFullYear() });',
        '  7 |   },',
        '  8 | });',
        '',
      ].join('\n'),
    );
    expect((error as WorkscriptGenerateError).diagnostics.map((d) => d.code)).toEqual(['WS1003']);
    expect((error as Error).stack).toBe(`WorkscriptGenerateError: ${message}`);
  });

  it("keeps the codegen's warnings with the build, also when it is reused", async () => {
    const root = copyFixture('warned');
    for (const reused of [false, true]) {
      const warned = await createWorkscriptTest({ root, workers: 'workers' });
      expect(warned.reused).toBe(reused);
      expect(warned.warnings.map((d) => [d.code, d.severity, d.span?.file, d.span?.line])).toEqual([
        ['WS1023', 'warning', 'workers/ping.ts', 5],
      ]);
    }
  });

  it('names what is valid for a missing entry and an unknown worker', async () => {
    const root = copyFixture('shop');
    await expect(createWorkscriptTest({ root, workers: 'workers/missing.ts' })).rejects.toThrow(
      `createWorkscriptTest: workers entry 'workers/missing.ts' does not exist (looked for ${path.join(root, 'workers/missing.ts')}); pass .ts files or folders relative to root (${root})`,
    );
    harness = await createWorkscriptTest({ root, workers: 'workers' });
    expect(() => harness?.request({ name: 'PlaceOrdr' })).toThrow(
      "Unknown worker 'PlaceOrdr': the bundle has PlaceOrder; pass one of their definitions or { name }",
    );
  });

  it('rejects a keepBuilds that is not a whole number ≥ 1 before building, naming what is valid', async () => {
    const root = copyFixture('warned');
    const cases: readonly [unknown, string][] = [
      [0, '0'],
      [-1, '-1'],
      [2.5, '2.5'],
      [Number.NaN, 'NaN'],
      [Infinity, 'Infinity'],
      ['3', "'3'"],
    ];
    for (const [keepBuilds, shown] of cases) {
      await expect(
        createWorkscriptTest({ root, workers: 'workers', keepBuilds: keepBuilds as number }),
      ).rejects.toThrow(
        `createWorkscriptTest: keepBuilds must be a whole number ≥ 1 (how many builds the cache keeps; default 8), got ${shown}`,
      );
    }
    expect(existsSync(path.join(root, 'node_modules', '.cache'))).toBe(false);
  });

  it('start() marks the build used, and says so when the build has left the cache', async () => {
    const root = copyFixture('warned');
    harness = await createWorkscriptTest({ root, workers: 'workers' });
    const dir = path.dirname(harness.bundlePath);
    const anHourAgo = new Date(Date.now() - 60 * 60 * 1000);
    utimesSync(dir, anHourAgo, anHourAgo);
    await harness.start();
    expect(statSync(dir).mtimeMs).toBeGreaterThan(anHourAgo.getTime() + 30 * 60 * 1000);

    rmSync(dir, { recursive: true }); // as a prune in another process does once it is unused for long
    await expect(harness.start()).rejects.toThrow(
      `The build ${dir} is no longer in the cache: it was deleted, or pruned after it had not been used for 10 minutes (see keepBuilds); call createWorkscriptTest again`,
    );
  });
});
