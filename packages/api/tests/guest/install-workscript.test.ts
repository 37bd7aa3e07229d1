import { afterEach, describe, expect, it } from 'vitest';
import { defineWorker } from '../../src/index.js';
import {
  installWorkscript,
  PROTOCOL_VERSION,
  type Host,
  type WorkscriptGuest,
} from '../../src/guest/index.js';
import { contextJson, FakeHost } from './fake-host.js';

const globals = globalThis as { __host?: Host; __workscript?: WorkscriptGuest };

describe('installWorkscript', () => {
  afterEach(() => {
    delete globals.__host;
    delete globals.__workscript;
  });

  it('defines globalThis.__workscript that calls globalThis.__host', async () => {
    const host = new FakeHost(() => 'stored');
    globals.__host = host;
    const worker = defineWorker({
      name: 'Reader',
      run: async (_: object, ctx) => ctx.success({ value: await ctx.storage.get('k') }),
    });
    const installed = installWorkscript([worker]);
    expect(globals.__workscript).toBe(installed);
    expect(installed.protocolVersion).toBe(PROTOCOL_VERSION);
    await expect(globals.__workscript?.run('Reader', '{}', contextJson())).resolves.toBe(
      '{"status":"success","output":{"value":"stored"}}',
    );
    expect(host.calls).toEqual([{ method: 'storage.get', args: { key: 'k' } }]);
  });

  it('keeps the engine timers when it has them', () => {
    const before = globalThis.setTimeout;
    installWorkscript([]);
    expect(globalThis.setTimeout).toBe(before);
  });
});

describe('installWorkscript in an engine without timers or console', () => {
  const g = globalThis as Record<string, unknown>;
  const names = ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'console'] as const;

  it('defines them over the host, and a second install rebinds them to the new workers', async () => {
    const saved = names.map((n) => g[n]);
    const host = new FakeHost();
    try {
      for (const n of names) Reflect.deleteProperty(g, n);
      globals.__host = host;
      const sleeper = (name: string) =>
        defineWorker({
          name,
          async run(_: object, ctx) {
            (g['console'] as { log(m: string): void }).log(`hello from ${name}`);
            await new Promise<void>((resolve) =>
              (g['setTimeout'] as (f: () => void, ms: number) => void)(resolve, 5),
            );
            return ctx.success();
          },
        });
      installWorkscript([sleeper('First')]);
      const firstTimer = g['setTimeout'];
      installWorkscript([sleeper('Second')]);
      expect(g['setTimeout']).not.toBe(firstTimer);
      expect(globals.__workscript?.workers).toEqual(['Second']);
      await expect(globals.__workscript?.run('Second', '{}', contextJson({ runId: 'r2' }))).resolves.toBe(
        '{"status":"success","output":{}}',
      );
    } finally {
      names.forEach((n, i) => (g[n] = saved[i]));
      delete globals.__host;
      delete globals.__workscript;
    }
    expect(host.calls).toEqual([
      { method: 'log', args: { runId: 'r2', level: 'info', message: 'hello from Second', fields: {} } },
      { method: 'timer.sleep', args: { runId: 'r2', ms: 5 } },
    ]);
  });
});
