/**
 * The workers every bridge conformance case runs against, and the input mergers of the merge cases (see
 * README.md). Each one exercises one part of the protocol and reports what it saw in its output, so the
 * result JSON pins the guest's behaviour.
 * After editing, regenerate the bundle: `node packages/codegen/scripts/build-conformance-bundle.mjs`.
 */
import {
  Data,
  defineInputMerger,
  defineWorker,
  nativeService,
  type Int,
  type Long,
  type NativeService,
  type WorkerContext,
} from '@workscript/api';
import { probeEnvironment, type ProbeSection } from './environment-probe.js';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Success with output: echoes its input and everything `ctx` knows about the run. */
export const echo = defineWorker({
  name: 'Echo',
  run(input: { text: string; n: number; nested: { flag: boolean } }, ctx) {
    return ctx.success({
      input,
      id: ctx.id,
      tags: ctx.tags,
      runAttemptCount: ctx.runAttemptCount,
      generation: ctx.generation,
      aborted: ctx.signal.aborted,
    });
  },
});

/** Retry until the attempt count reaches `attempts`. */
export const retryUntil = defineWorker({
  name: 'RetryUntil',
  run(input: { attempts: number }, ctx) {
    return ctx.runAttemptCount < input.attempts ? ctx.retry() : ctx.success({ after: ctx.runAttemptCount });
  },
});

/** Failure with output. */
export const failWithOutput = defineWorker({
  name: 'FailWithOutput',
  run(input: { code: string }, ctx) {
    return ctx.failure({ code: input.code, retryable: false });
  },
});

/** Throws (`kind: 'sync'`) or rejects (`kind: 'async'`) with an Error whose message comes from the input. */
export const throws = defineWorker({
  name: 'Throws',
  async run(input: { kind: 'sync' | 'async' | 'value'; message: string }) {
    if (input.kind === 'async') await Promise.resolve();
    if (input.kind === 'value') throw input.message;
    throw new TypeError(input.message);
  },
});

/** Returns something that is not a WorkResult. */
export const badResult = defineWorker({
  name: 'BadResult',
  run: () => ({ ok: true }) as never,
});

/** Reports progress twice. */
export const progress = defineWorker({
  name: 'Progress',
  async run(input: { steps: number }, ctx: WorkerContext<{ step: number; of: number }>) {
    for (let step = 1; step <= input.steps; step++) await ctx.setProgress({ step, of: input.steps });
    return ctx.success({ reported: input.steps });
  },
});

/** Logs at every level, with and without fields; logging is not awaited. */
export const logs = defineWorker({
  name: 'Logs',
  run(_input: Record<string, never>, ctx) {
    ctx.log.debug('debug message');
    ctx.log.info('info message', { count: 1 });
    ctx.log.warn('warn message', { nested: { a: [1, 2] } });
    ctx.log.error('error message', { text: 'ünïcødé ✓' });
    return ctx.success();
  },
});

/** Reads, writes, lists and deletes storage keys. */
export const storage = defineWorker({
  name: 'Storage',
  async run(input: { key: string }, ctx) {
    const before = await ctx.storage.get(input.key);
    await ctx.storage.set(input.key, `${before ?? ''}+`);
    const keys = await ctx.storage.keys('cfg.');
    const all = await ctx.storage.keys();
    await ctx.storage.delete('cfg.old');
    return ctx.success({ before, keys, all: all.length });
  },
});

/** setTimeout, clearTimeout and setInterval over timer.sleep. */
export const timers = defineWorker({
  name: 'Timers',
  async run(input: { ms: number }, ctx) {
    const events: string[] = [];
    const cancelled = setTimeout(() => events.push('cancelled timeout fired'), 1);
    clearTimeout(cancelled);
    await sleep(input.ms);
    events.push('slept');
    await new Promise<void>((resolve) => {
      let ticks = 0;
      const id = setInterval(
        (label: string) => {
          events.push(`${label} ${++ticks}`);
          if (ticks === 2) {
            clearInterval(id);
            resolve();
          }
        },
        input.ms * 2,
        'tick',
      );
    });
    return ctx.success({ events, aborted: ctx.signal.aborted });
  },
});

/** Fetch with every option; the host's reply is scripted. */
export const fetchJson = defineWorker({
  name: 'FetchJson',
  async run(input: { url: string }, ctx) {
    const response = await ctx.fetch(input.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ q: 1 }),
      timeoutMs: 5000,
    });
    const plain = await ctx.fetch(`${input.url}/plain`);
    return ctx.success({
      status: response.status,
      ok: response.ok,
      url: response.url,
      etag: response.headers['etag'] ?? null,
      body: await response.json<unknown>(),
      plainStatus: plain.status,
      plainOk: plain.ok,
      plainText: await plain.text(),
    });
  },
});

/** Sleeps in a loop until stopped; reports what the signal said. */
export const stoppable = defineWorker({
  name: 'Stoppable',
  async run(input: { tickMs: number; throwOnStop: boolean }, ctx) {
    const heard: unknown[] = [];
    ctx.signal.addEventListener('abort', () => heard.push(ctx.signal.reason));
    ctx.signal.addEventListener('abort', () => heard.push('once'), { once: true });
    let ticks = 0;
    while (!ctx.signal.aborted) {
      await sleep(input.tickMs);
      ticks++;
    }
    if (input.throwOnStop) ctx.signal.throwIfAborted();
    // Hosts ignore what a stopped run returns; the guest still reports it, which pins the signal's behaviour.
    return ctx.success({ ticks, reason: ctx.signal.reason ?? null, heard });
  },
});

/** `console` over the host's `log`, for code that logs the usual way. */
export const consoleLogs = defineWorker({
  name: 'ConsoleLogs',
  run(_input: Record<string, never>, ctx) {
    // eslint-disable-next-line no-console -- this worker exists to check the prelude's console.log
    console.log('plain', { n: 1 }, 2, null);
    console.warn('careful');
    return ctx.success();
  },
});

/** The native service of the `NativeCamera` cases; the host's replies are scripted. */
interface Camera extends NativeService {
  takePhoto(
    options: { quality: Int; lens: 'front' | 'back'; meta: { tags: string[]; note?: string } },
    label: string,
  ): Promise<{ uri: string; bytes: Long }>;
  reset(): Promise<void>;
}
const camera = nativeService<Camera>('Camera');

/**
 * Calls `native.Camera.takePhoto` (nested object arguments, an Int, an absent optional field) or the void
 * `native.Camera.reset`, and outputs the value. With `catchErrors` a HostCallError becomes failure output
 * (name, code, method, message); without, it fails the run.
 */
export const nativeCamera = defineWorker({
  name: 'NativeCamera',
  async run(input: { call: 'takePhoto' | 'reset'; quality: Int; catchErrors: boolean }, ctx) {
    const service = ctx.native(camera);
    try {
      const value: unknown =
        input.call === 'takePhoto'
          ? await service.takePhoto(
              { quality: input.quality, lens: 'back', meta: { tags: ['conformance'] } },
              'holiday',
            )
          : await service.reset();
      return ctx.success({ value });
    } catch (e) {
      if (!input.catchErrors) throw e;
      const { name, code, method, message } = e as {
        name: string;
        code: string;
        method: string;
        message: string;
      };
      return ctx.failure({ name, code, method, message });
    }
  },
});

/**
 * Reports one section of `environment-probe.ts` (globals, dates, numbers, text, language features, error
 * stacks) as it sees it from inside the engine, so the cases pin what both QuickJS hosts give a worker.
 */
export const environment = defineWorker({
  name: 'Environment',
  run(input: { section: ProbeSection }, ctx) {
    return ctx.success(probeEnvironment(input.section));
  },
});

/**
 * Echoes the content changes that started the run (`ctx.triggeredContentUris` and
 * `ctx.triggeredContentAuthorities`), which hosts may leave out of `contextJson`.
 */
export const triggeredContent = defineWorker({
  name: 'TriggeredContent',
  run(_input: Record<string, never>, ctx) {
    return ctx.success({
      uris: ctx.triggeredContentUris,
      authorities: ctx.triggeredContentAuthorities,
    });
  },
});

/** Sums the int `count` of every input (0 where absent) and says how many inputs it got. */
export const sumCounts = defineInputMerger({
  name: 'SumCounts',
  merge(inputs) {
    const total = inputs.reduce((sum, input) => sum + input.getInt('count', 0), 0);
    return Data.builder().putInt('count', total).putInt('inputs', inputs.length).build();
  },
});

/**
 * Copies every input in order (later inputs win, as OverwritingInputMerger does), so every Data type
 * crosses the bridge both ways through the tagged JSON unchanged; `build()` enforces the 10,240-byte limit.
 */
export const echoTypes = defineInputMerger({
  name: 'EchoTypes',
  merge(inputs) {
    const builder = Data.builder();
    for (const input of inputs) builder.putAll(input);
    return builder.build();
  },
});

/** A merger that throws: the host fails the work, as androidx fails work whose merger threw. */
export const throwingMerger = defineInputMerger({
  name: 'ThrowingMerger',
  merge() {
    throw new Error('no merge today');
  },
});

/** Returns a plain object instead of a Data, which the guest refuses. */
export const notData = defineInputMerger({
  name: 'NotData',
  merge: () => ({ count: 1 }) as never,
});
