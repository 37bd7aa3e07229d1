/**
 * Workers that run in both engines: imported as TS definitions by the inline engine, bundled with
 * `createBundle` for the QuickJS engine. Shapes are written by hand here (the codegen derives them).
 */
import {
  defineWorker,
  nativeService,
  type Int,
  type Long,
  type NativeService,
  type WorkerContext,
} from '@workscript/api';

const int = { kind: 'int' } as const;
const str = { kind: 'string' } as const;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export const asyncWork = defineWorker({
  name: 'AsyncWork',
  shapes: { input: { fields: [{ name: 'n', type: int }] }, output: { fields: [{ name: 'sum', type: int }] } },
  async run(input: { n: Int }, ctx) {
    let sum = 0;
    for (let i = 1; i <= input.n; i++) sum += await Promise.resolve(i);
    return ctx.success({ sum: sum as Int });
  },
});

export const timers = defineWorker({
  name: 'Timers',
  shapes: {
    output: {
      fields: [
        { name: 'ticks', type: int },
        { name: 'cleared', type: { kind: 'boolean' } },
      ],
    },
  },
  async run(_input: Record<string, never>, ctx) {
    let cleared = true;
    const never = setTimeout(() => (cleared = false), 5);
    clearTimeout(never);
    let ticks = 0;
    await new Promise<void>((resolve) => {
      const handle = setInterval(() => {
        if (++ticks === 3) {
          clearInterval(handle);
          resolve();
        }
      }, 5);
    });
    await sleep(20);
    return ctx.success({ ticks: ticks as Int, cleared });
  },
});

export const fetchJson = defineWorker({
  name: 'FetchJson',
  shapes: {
    input: { fields: [{ name: 'url', type: str }] },
    output: {
      fields: [
        { name: 'status', type: int },
        { name: 'greeting', type: str },
        { name: 'echoed', type: str },
      ],
    },
  },
  async run(input: { url: string }, ctx) {
    const response = await ctx.fetch(input.url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"name":"qjs"}',
    });
    const body = await response.json<{ greeting: string; echoed: string }>();
    return ctx.success({ status: response.status as Int, greeting: body.greeting, echoed: body.echoed });
  },
});

export const storage = defineWorker({
  name: 'Storage',
  shapes: {
    output: {
      fields: [
        { name: 'keys', type: { kind: 'array', element: str } },
        { name: 'value', type: str },
        { name: 'missing', type: { kind: 'boolean' } },
      ],
    },
  },
  async run(_input: Record<string, never>, ctx) {
    await ctx.storage.set('parity/a', '1');
    await ctx.storage.set('parity/b', '2');
    await ctx.storage.set('other', '3');
    const keys = await ctx.storage.keys('parity/');
    await ctx.storage.delete('parity/a');
    const value = (await ctx.storage.get('parity/b')) ?? '';
    const missing = (await ctx.storage.get('parity/a')) === null;
    return ctx.success({ keys, value, missing });
  },
});

export const throws = defineWorker({
  name: 'Throws',
  async run(input: { message: string }) {
    await Promise.resolve();
    throw new TypeError(input.message);
  },
});

export const progress = defineWorker({
  name: 'Progress',
  shapes: { progress: { fields: [{ name: 'percent', type: int }] } },
  async run(_input: Record<string, never>, ctx: WorkerContext<{ percent: Int }>) {
    await ctx.setProgress({ percent: 50 as Int });
    await sleep(50);
    ctx.log.info('halfway', { percent: 50 });
    return ctx.success();
  },
});

export const retryOnce = defineWorker({
  name: 'RetryOnce',
  shapes: { output: { fields: [{ name: 'attempt', type: int }] } },
  run(_input: Record<string, never>, ctx) {
    return ctx.runAttemptCount < 1 ? ctx.retry() : ctx.success({ attempt: ctx.runAttemptCount });
  },
});

export const failsWithOutput = defineWorker({
  name: 'FailsWithOutput',
  shapes: { failureOutput: { fields: [{ name: 'code', type: str }] } },
  run(_input: Record<string, never>, ctx) {
    return ctx.failure({ code: 'E42' });
  },
});

/** Waits for its stop signal, then returns (the result of a stopped worker is ignored). */
export const cancellable = defineWorker({
  name: 'Cancellable',
  async run(_input: Record<string, never>, ctx) {
    await new Promise<void>((resolve) =>
      ctx.signal.addEventListener('abort', () => resolve(), { once: true }),
    );
    return ctx.success({ stoppedWith: Number(ctx.signal.reason) });
  },
});

/** Reports which host globals it can see (QuickJS only: the inline engine is not a sandbox). */
export const sandboxProbe = defineWorker({
  name: 'SandboxProbe',
  shapes: {
    output: {
      fields: [
        { name: 'globals', type: str },
        { name: 'dynamicImport', type: str },
        { name: 'evalRequire', type: str },
      ],
    },
  },
  async run(_input: Record<string, never>, ctx) {
    const g = globalThis as Record<string, unknown>;
    const names = ['require', 'process', 'fs', 'module', 'Buffer', 'global', 'std', 'os', '__filename'];
    const globals = names.map((n) => `${n}:${typeof g[n]}`).join(',');
    let dynamicImport = 'blocked';
    try {
      await (new Function('m', 'return import(m)') as (m: string) => Promise<unknown>)('fs');
      dynamicImport = 'allowed';
    } catch {
      // no module loader in the sandbox
    }
    let evalRequire = 'blocked';
    try {
      (new Function('return require("fs")') as () => unknown)();
      evalRequire = 'allowed';
    } catch {
      // no require
    }
    return ctx.success({ globals, dynamicImport, evalRequire });
  },
});

/** Never returns and never yields: only an interrupt ends it. */
export const spins = defineWorker({
  name: 'Spins',
  run(_input: Record<string, never>, ctx) {
    for (;;) {
      if (Number.isNaN(ctx.runAttemptCount)) break;
    }
    return ctx.success();
  },
});

/** Allocates until the engine's memory limit is hit. */
export const memoryBomb = defineWorker({
  name: 'MemoryBomb',
  run(_input: Record<string, never>, ctx) {
    const hoard: string[] = [];
    for (;;) {
      hoard.push('x'.repeat(1 << 20) + hoard.length);
      if (hoard.length < 0) break;
    }
    return ctx.success({ n: hoard.length });
  },
});

/** A native service the tests implement with `provideNativeService`. */
export interface Camera extends NativeService {
  takePhoto(
    options: { quality: Int; lens: 'front' | 'back'; meta: { tags: string[]; note?: string | undefined } },
    label: string,
  ): Promise<{ uri: string; bytes: Long }>;
  reset(): Promise<void>;
  /** The tests' implementation rejects with `reason`. */
  fail(reason: string): Promise<void>;
  /** The tests' implementation settles only when the test says so. */
  hang(): Promise<void>;
}
/** One no test provides. */
export interface Missing extends NativeService {
  ping(): Promise<string>;
}
// Not exported: the bundle's entries are this module's exports, and a handle is not a worker.
const camera = nativeService<Camera>('Camera');
const missing = nativeService<Missing>('Missing');

const hostCallFailure = {
  fields: [
    { name: 'name', type: str },
    { name: 'code', type: str },
    { name: 'message', type: str },
  ],
} as const;

/** Nested object arguments, an Int, an absent optional field and a void method through `ctx.native`. */
export const photo = defineWorker({
  name: 'Photo',
  shapes: {
    input: { fields: [{ name: 'quality', type: int }] },
    output: {
      fields: [
        { name: 'uri', type: str },
        { name: 'bytes', type: { kind: 'long' } },
        { name: 'reset', type: str },
      ],
    },
  },
  async run(input: { quality: Int }, ctx) {
    const cam = ctx.native(camera);
    const shot = await cam.takePhoto(
      { quality: input.quality, lens: 'back', meta: { tags: ['a', 'b'], note: undefined } },
      'holiday',
    );
    const reset: unknown = await cam.reset();
    return ctx.success({ uri: shot.uri, bytes: shot.bytes, reset: JSON.stringify(reset) });
  },
});

/** Calls a service nobody provides and reports the HostCallError it caught. */
export const nativeMissing = defineWorker({
  name: 'NativeMissing',
  shapes: { failureOutput: hostCallFailure },
  async run(_input: Record<string, never>, ctx) {
    try {
      await ctx.native(missing).ping();
      return ctx.success();
    } catch (e) {
      const { name, code, message } = e as { name: string; code: string; message: string };
      return ctx.failure({ name, code, message });
    }
  },
});

/** Lets a rejecting implementation's HostCallError fail the run. */
export const nativeFails = defineWorker({
  name: 'NativeFails',
  async run(input: { reason: string }, ctx) {
    await ctx.native(camera).fail(input.reason);
    return ctx.success();
  },
});

/** Waits on a native call that does not settle until its stop signal aborts. */
export const nativePending = defineWorker({
  name: 'NativePending',
  async run(_input: Record<string, never>, ctx) {
    const stopped = new Promise<void>((resolve) =>
      ctx.signal.addEventListener('abort', () => resolve(), { once: true }),
    );
    await Promise.race([ctx.native(camera).hang(), stopped]);
    return ctx.success();
  },
});

/** Reports the content changes that started the run, as every engine gives them to `ctx`. */
export const triggeredContent = defineWorker({
  name: 'TriggeredContent',
  run(_input: Record<string, never>, ctx) {
    return ctx.success({
      uris: ctx.triggeredContentUris.join(' '),
      authorities: ctx.triggeredContentAuthorities.join(' '),
      count: ctx.triggeredContentUris.length + ctx.triggeredContentAuthorities.length,
      frozen: Object.isFrozen(ctx.triggeredContentUris) && Object.isFrozen(ctx.triggeredContentAuthorities),
    });
  },
});

/** Returns a double that JSON cannot hold: both engines must fail it, as the device would. */
export const nonFiniteOutput = defineWorker({
  name: 'NonFiniteOutput',
  shapes: { output: { fields: [{ name: 'd', type: { kind: 'double' } }] } },
  run(input: { infinite: boolean }, ctx) {
    return ctx.success({ d: input.infinite ? Number.POSITIVE_INFINITY : Number.NaN });
  },
});

export const all = [
  nonFiniteOutput,
  asyncWork,
  timers,
  fetchJson,
  storage,
  throws,
  progress,
  retryOnce,
  failsWithOutput,
  cancellable,
  sandboxProbe,
  spins,
  memoryBomb,
  photo,
  nativeMissing,
  nativeFails,
  nativePending,
];
