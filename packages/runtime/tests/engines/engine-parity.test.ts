import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createOneTimeWorkRequest, long, nativeService, type WorkerDefinition } from '@workscript/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provideNativeService, type Logger, type NativeServiceProvider } from '../../src/index.js';
import { createTestWorkManager, type TestWorkManager } from '../../src/testing/index.js';
import { buildParityBundle } from './helpers/fixture-bundle.js';
import { recordHistory, waitFor } from './helpers/history.js';
import * as workers from './workers/parity-workers.js';

/**
 * Parity: the same workers, run as TS modules (inline engine) and as the bundle in QuickJS, give the same
 * WorkInfo histories, worker logs and failure errors. Deliberate differences are listed in the engine's
 * README section and asserted where they show.
 */
const { all, ...definitions } = workers;
let bundlePath: string;
let server: Server;
let baseUrl: string;

beforeAll(async () => {
  bundlePath = await buildParityBundle(definitions);
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const name = (JSON.parse(body || '{}') as { name?: string }).name ?? '?';
      res.writeHead(201, {
        'Content-Type': 'application/json',
        'X-Seen-Type': req.headers['content-type'] ?? '',
      });
      res.end(
        JSON.stringify({ greeting: `hello ${name}`, echoed: `${req.method} ${req.headers['content-type']}` }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

type Engine = 'inline' | 'quickjs' | 'quickjs-reuse';

interface Observed {
  readonly histories: Record<string, string[]>;
  readonly logs: string[];
  readonly failures: Record<string, { name: string; message: string; stack: string }>;
}

function create(
  engine: Engine,
  logs: string[],
  nativeServices: readonly NativeServiceProvider[],
): TestWorkManager {
  const logger: Logger = {
    log: (level, tag, message, fields) => {
      if (tag.startsWith('workscript:worker:'))
        logs.push(`${level} ${tag} ${message} ${JSON.stringify({ ...fields, id: undefined })}`);
    },
  };
  return createTestWorkManager({
    synchronous: false,
    scheduling: 'time-based',
    logger,
    nativeServices,
    ...(engine === 'inline'
      ? { workers: all as readonly WorkerDefinition[] }
      : {
          engine: {
            kind: 'quickjs' as const,
            bundlePath,
            stopGracePeriodMs: 500,
            contexts: engine === 'quickjs' ? ('fresh' as const) : ('reuse' as const),
          },
        }),
  });
}

/** Runs `scenario` on one engine; it enqueues work through `start` and drives it. */
async function observe(
  engine: Engine,
  scenario: (
    t: TestWorkManager,
    start: (
      key: string,
      worker: WorkerDefinition,
      input?: Record<string, unknown>,
    ) => Promise<{ history: string[] }>,
  ) => Promise<void>,
  nativeServices: readonly NativeServiceProvider[] = [],
): Promise<Observed> {
  const logs: string[] = [];
  const t = create(engine, logs, nativeServices);
  const histories: Record<string, string[]> = {};
  const failures: Observed['failures'] = {};
  const keys = new Map<string, string>();
  t.workManager.on('work:failed', (e) => {
    const key = keys.get(e.id);
    if (key && e.error)
      failures[key] = { name: e.error.name, message: e.error.message, stack: e.error.stack ?? '' };
  });
  const pending: Promise<string[]>[] = [];
  try {
    await scenario(t, async (key, worker, input = {}) => {
      const request = createOneTimeWorkRequest(worker as WorkerDefinition<never>, { input: input as never });
      keys.set(request.id, key);
      const recorded = recordHistory(t.workManager, request.id);
      histories[key] = recorded.history;
      pending.push(recorded.done);
      await t.workManager.enqueue(request);
      return recorded;
    });
    await Promise.all(pending);
  } finally {
    await t.workManager.close();
  }
  return { histories, logs: logs.sort(), failures };
}

const both = async (
  scenario: Parameters<typeof observe>[1],
  nativeServices: (engine: Engine) => readonly NativeServiceProvider[] = () => [],
): Promise<[Observed, Observed]> => [
  await observe('inline', scenario, nativeServices('inline')),
  await observe('quickjs', scenario, nativeServices('quickjs')),
];

/** The tests' Camera: records every call's arguments per engine; `hang()` settles when `release()` is called. */
function createCamera() {
  const calls: Record<string, [string, unknown[]][]> = {};
  const releases: (() => void)[] = [];
  const providerFor = (engine: Engine): NativeServiceProvider[] => {
    const record = (method: string, args: unknown[]) => (calls[engine] ??= []).push([method, args]);
    return [
      provideNativeService(nativeService<workers.Camera>('Camera'), {
        takePhoto: (...args) => {
          record('takePhoto', args);
          const [options, label] = args;
          return Promise.resolve({
            uri: `file:///photos/${label}-q${options.quality}.jpg`,
            bytes: long(48_213),
          });
        },
        reset: async (...args) => void record('reset', args),
        fail: async (...args) => {
          record('fail', args);
          throw new RangeError(args[0]);
        },
        hang: (...args) => {
          record('hang', args);
          return new Promise<void>((resolve) => releases.push(resolve));
        },
      }),
    ];
  };
  return {
    calls,
    providerFor,
    pendingHangs: () => releases.length,
    release: () => releases.forEach((r) => r()),
  };
}

describe('inline and QuickJS engines give the same WorkInfo histories', () => {
  it('async work, timers, storage, progress, failure output and thrown errors (fresh and reused contexts)', async () => {
    const scenario: Parameters<typeof observe>[1] = async (_t, start) => {
      await start('async', workers.asyncWork, { n: 4 });
      await start('timers', workers.timers);
      await start('storage', workers.storage);
      await start('progress', workers.progress);
      await start('failsWithOutput', workers.failsWithOutput);
      await start('throws', workers.throws, { message: 'boom' });
    };
    const [inline, quickjs] = await both(scenario);
    const reused = await observe('quickjs-reuse', scenario);
    expect(quickjs.histories).toEqual(inline.histories);
    expect(reused.histories).toEqual(inline.histories);
    expect(reused.logs).toEqual(inline.logs);
    expect(inline.histories['async']?.at(-1)).toBe(
      'SUCCEEDED attempt=1 stop=-256 out={"sum":10} progress={}',
    );
    expect(inline.histories['timers']?.at(-1)).toContain('out={"ticks":3,"cleared":true}');
    expect(inline.histories['storage']?.at(-1)).toContain(
      'out={"keys":["parity/a","parity/b"],"value":"2","missing":true}',
    );
    expect(inline.histories['progress']).toContain(
      'RUNNING attempt=1 stop=-256 out={} progress={"percent":50}',
    );
    expect(inline.histories['failsWithOutput']?.at(-1)).toContain(
      'FAILED attempt=1 stop=-256 out={"code":"E42"}',
    );
    expect(inline.histories['throws']?.at(-1)).toContain('FAILED attempt=1 stop=-256 out={}');
    expect(quickjs.logs).toEqual(inline.logs);
    expect(inline.logs).toEqual(['info workscript:worker:Progress halfway {"percent":50}']);
    expect(quickjs.failures['throws']?.name).toBe('TypeError');
    expect(quickjs.failures['throws']?.message).toBe(inline.failures['throws']?.message);
    // Deliberate difference: the QuickJS stack names the bundle's source-mapped .ts lines, not V8 frames.
    const throwLine =
      readFileSync(new URL('./workers/parity-workers.ts', import.meta.url), 'utf8')
        .split('\n')
        .findIndex((l) => l.includes('throw new TypeError(input.message)')) + 1;
    expect(quickjs.failures['throws']?.stack).toMatch(
      new RegExp(`^TypeError: boom\n\\s+at run \\(parity-workers\\.ts:${throwLine}:\\d+\\)`),
    );
  });

  it('NaN and Infinity in a double output fail on both engines, as the bridge to a device turns them into null', async () => {
    const [inline, quickjs] = await both(async (_t, start) => {
      await start('nan', workers.nonFiniteOutput, { infinite: false });
      await start('infinity', workers.nonFiniteOutput, { infinite: true });
    });
    expect(quickjs.histories).toEqual(inline.histories);
    expect(inline.histories['nan']?.at(-1)).toContain('FAILED attempt=1');
    expect(inline.histories['infinity']?.at(-1)).toContain('FAILED attempt=1');
  });

  it('fetch to a loopback server', async () => {
    const [inline, quickjs] = await both(async (_t, start) => {
      await start('fetch', workers.fetchJson, { url: `${baseUrl}/greet` });
      await start('refused', workers.fetchJson, { url: 'http://127.0.0.1:9/closed' });
    });
    expect(quickjs.histories).toEqual(inline.histories);
    expect(inline.histories['fetch']?.at(-1)).toBe(
      'SUCCEEDED attempt=1 stop=-256 out={"status":201,"greeting":"hello qjs","echoed":"POST application/json"} progress={}',
    );
    expect(inline.histories['refused']?.at(-1)).toContain('FAILED');
    // Deliberate difference: a network error crosses the bridge as HostCallError with the cause in its message.
    expect(inline.failures['refused']?.message).toBe('fetch failed');
    expect(quickjs.failures['refused']).toMatchObject({
      name: 'HostCallError',
      message: expect.stringMatching(/^fetch failed: \S/) as unknown,
    });
  });

  it('retry with backoff, then success', async () => {
    const [inline, quickjs] = await both(async (t, start) => {
      const { history } = await start('retry', workers.retryOnce);
      await waitFor(() => history.some((h) => h.startsWith('ENQUEUED attempt=1')), 60_000, 'the retry');
      await t.clock.advance(60_000);
    });
    expect(quickjs.histories).toEqual(inline.histories);
    expect(inline.histories['retry']?.at(-1)).toBe(
      'SUCCEEDED attempt=2 stop=-256 out={"attempt":1} progress={}',
    );
  });

  it('cancellation of running work', async () => {
    const [inline, quickjs] = await both(async (t, start) => {
      const { history } = await start('cancel', workers.cancellable);
      await waitFor(() => history.some((h) => h.startsWith('RUNNING')), 60_000, 'RUNNING');
      await new Promise((resolve) => setTimeout(resolve, 50));
      await t.workManager.cancelWorkById((await t.workManager.getWorkInfosByTag('Cancellable'))[0]?.id ?? '');
    });
    expect(quickjs.histories).toEqual(inline.histories);
    expect(inline.histories['cancel']?.at(-1)).toMatch(/^CANCELLED attempt=1 stop=1 /);
  });

  it('native services: nested arguments, a void method, a missing service and a rejecting implementation', async () => {
    const camera = createCamera();
    const [inline, quickjs] = await both(async (_t, start) => {
      await start('photo', workers.photo, { quality: 80 });
      await start('missing', workers.nativeMissing);
      await start('fails', workers.nativeFails, { reason: 'lens cracked' });
    }, camera.providerFor);
    expect(quickjs.histories).toEqual(inline.histories);
    expect(inline.histories['photo']?.at(-1)).toBe(
      'SUCCEEDED attempt=1 stop=-256 out={"uri":"file:///photos/holiday-q80.jpg","bytes":48213,"reset":"null"} progress={}',
    );
    // Arguments crossed as JSON on both engines: the undefined `note` is absent, not undefined. The three
    // works may run concurrently, so their calls are compared in method order.
    const byMethod = (calls: [string, unknown[]][] = []) => [...calls].sort(([a], [b]) => (a < b ? -1 : 1));
    expect(byMethod(camera.calls['quickjs'])).toStrictEqual(byMethod(camera.calls['inline']));
    expect(byMethod(camera.calls['inline'])).toStrictEqual([
      ['fail', ['lens cracked']],
      ['reset', []],
      ['takePhoto', [{ quality: 80, lens: 'back', meta: { tags: ['a', 'b'] } }, 'holiday']],
    ]);
    expect(inline.histories['missing']?.at(-1)).toBe(
      `FAILED attempt=1 stop=-256 out=${JSON.stringify({
        name: 'HostCallError',
        code: 'unknown-method',
        message:
          "No native service method 'Missing.ping' is provided; provided: Camera.fail, Camera.hang, Camera.reset, Camera.takePhoto. " +
          'Provide it with createWorkManager({ nativeServices: [provideNativeService(ref, implementation)] })',
      })} progress={}`,
    );
    expect(quickjs.failures['fails']).toMatchObject({ name: 'HostCallError', message: 'lens cracked' });
    expect(inline.failures['fails']).toMatchObject({ name: 'HostCallError', message: 'lens cracked' });
  });

  it('a stop while a native call is pending: the signal aborts, the implementation gets no signal', async () => {
    const camera = createCamera();
    let runs = 0;
    const [inline, quickjs] = await both(async (t, start) => {
      const hangs = ++runs; // inline first, then QuickJS: each adds one pending hang()
      const { history } = await start('pending', workers.nativePending);
      await waitFor(() => history.some((h) => h.startsWith('RUNNING')), 60_000, 'RUNNING');
      await waitFor(() => camera.pendingHangs() === hangs, 60_000, 'the hang() call');
      await t.workManager.cancelWorkById(
        (await t.workManager.getWorkInfosByTag('NativePending'))[0]?.id ?? '',
      );
    }, camera.providerFor);
    expect(quickjs.histories).toEqual(inline.histories);
    expect(inline.histories['pending']?.at(-1)).toMatch(/^CANCELLED attempt=1 stop=1 /);
    // hang() was called with its JSON arguments only: nothing to observe the stop with.
    expect(camera.calls['inline']).toStrictEqual([['hang', []]]);
    expect(camera.calls['quickjs']).toStrictEqual([['hang', []]]);
    // Settling it after the run ended changes nothing (the reply is dropped).
    camera.release();
    await new Promise((resolve) => setTimeout(resolve, 20));
  });
});
