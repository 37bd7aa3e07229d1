/**
 * Per-attempt overhead of the runtime's QuickJS engine, measured against raw quickjs-emscripten calling the
 * same worker function in the same process, and against the inline engine.
 *
 *   npx tsx bench/engines/quickjs-overhead.ts [--attempts 200]      (after `npm run build` in packages/runtime)
 *
 * One worker (`AsyncWork`: awaits 4 microtasks, returns `{ sum }` through the Int shape) from a bundle built
 * with the codegen's `createBundle`. Every figure is the median of per-attempt wall times over sequential
 * attempts (after a warm-up); ratios are computed against the raw figures of this same run, so they carry
 * over between machines better than the absolute numbers.
 *
 * - raw warm:   one loaded QuickJS context, `__workscript.run(...)` + pending jobs, nothing else.
 * - raw cold:   new runtime + context, evaluate the bundle, run, dispose (what a fresh engine costs).
 * - executor:   `engine.executor.execute(task)`: thread hop, Data↔JSON, the engine's QuickJS work. "fresh,
 *               20 ms idle" leaves the thread idle between attempts (not counted), as real work usually does:
 *               the engine then loads the next fresh context off the attempt's path.
 * - WorkManager: enqueue → SUCCEEDED through createWorkManager (SQLite `:memory:`, scheduler, events).
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { getQuickJS, type QuickJSContext } from 'quickjs-emscripten';
import { createOneTimeWorkRequest, Data, type WorkerDefinition } from '@workscript/api';
import {
  createInlineWorkExecutor,
  createQuickJsEngine,
  createWorkManager,
  silentLogger,
  type WorkExecutor,
} from '../../packages/runtime/dist/index.js';
import type { WorkTask } from '../../packages/runtime/dist/execution/work-executor.js';
import { createWorkSignal } from '../../packages/runtime/dist/execution/work-signal.js';
import { buildParityBundle } from '../../packages/runtime/tests/engines/helpers/fixture-bundle.ts';
import { asyncWork } from '../../packages/runtime/tests/engines/workers/parity-workers.ts';

const attemptsArg = process.argv.indexOf('--attempts');
const ATTEMPTS = attemptsArg > 0 ? Number(process.argv[attemptsArg + 1]) : 200;
const WARMUP = Math.max(10, Math.floor(ATTEMPTS / 10));
const INPUT_JSON = '{"n":4}';
const contextJson = (i: number) =>
  JSON.stringify({ runId: `run-${i}`, id: 'bench', tags: [], runAttemptCount: 0, generation: 0 });

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};

async function timeEach(
  label: string,
  attempt: (i: number) => Promise<number | undefined> | undefined,
): Promise<number> {
  for (let i = 0; i < WARMUP; i++) await attempt(-1 - i);
  const times: number[] = [];
  for (let i = 0; i < ATTEMPTS; i++) {
    const t = performance.now();
    const idle = await attempt(i);
    times.push(performance.now() - t - (idle ?? 0));
  }
  const m = median(times);
  console.log(`${label.padEnd(34)} ${(m * 1000).toFixed(0).padStart(7)} µs/attempt`);
  return m;
}

/** Raw quickjs-emscripten: the bundle in one context; a host that answers nothing (AsyncWork makes no calls). */
function rawRun(vm: QuickJSContext, i: number): string {
  const handle = vm.unwrapResult(
    vm.evalCode(
      `__workscript.run('AsyncWork', ${JSON.stringify(INPUT_JSON)}, ${JSON.stringify(contextJson(i))})`,
    ),
  );
  vm.runtime.executePendingJobs();
  const state = vm.getPromiseState(handle);
  handle.dispose();
  if (state.type !== 'fulfilled') throw new Error(`raw run did not settle: ${state.type}`);
  const result = vm.dump(state.value) as string;
  state.value.dispose();
  return result;
}

function defineHost(vm: QuickJSContext): void {
  const call = vm.newFunction('call', () => vm.newPromise().handle);
  const host = vm.newObject();
  vm.setProp(host, 'call', call);
  vm.setProp(vm.global, '__host', host);
  call.dispose();
  host.dispose();
}

function taskFor(worker: WorkerDefinition, input: Data): WorkTask {
  const { signal } = createWorkSignal();
  return {
    worker,
    input,
    params: {
      id: 'bench',
      tags: [],
      runAttemptCount: 0,
      generation: 0,
      triggeredContentUris: [],
      triggeredContentAuthorities: [],
    },
    signal,
    host: {
      setProgress: () => Promise.resolve(),
      log: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
      fetch: () => Promise.reject(new Error('no fetch in the benchmark')),
      storage: {
        get: () => Promise.resolve(null),
        set: () => Promise.resolve(),
        delete: () => Promise.resolve(),
        keys: () => Promise.resolve([]),
      },
    },
  };
}

async function executorBench(
  label: string,
  executor: WorkExecutor,
  worker: WorkerDefinition,
  idleMs = 0,
): Promise<number> {
  const input = createOneTimeWorkRequest(asyncWork, { input: { n: 4 as never } }).input ?? Data.EMPTY;
  try {
    return await timeEach(label, async () => {
      // Idle time between attempts is not measured; the engine uses it to load the next context.
      let idle = 0;
      if (idleMs > 0) {
        const t = performance.now();
        await new Promise((resolve) => setTimeout(resolve, idleMs));
        idle = performance.now() - t;
      }
      const outcome = await executor.execute(taskFor(worker, input));
      if (outcome.status !== 'success') throw new Error(`${label}: ${outcome.status}`);
      return idle;
    });
  } finally {
    await executor.close();
  }
}

async function workManagerBench(
  label: string,
  options: Parameters<typeof createWorkManager>[0],
): Promise<number> {
  const wm = createWorkManager({ database: ':memory:', logger: silentLogger, ...options });
  try {
    return await timeEach(label, async () => {
      const request = createOneTimeWorkRequest(asyncWork, { input: { n: 4 as never } });
      const done = new Promise<void>((resolve, reject) => {
        const offOk = wm.on('work:succeeded', (e) => e.id === request.id && (offOk(), offFail(), resolve()));
        const offFail = wm.on(
          'work:failed',
          (e) => e.id === request.id && (offOk(), offFail(), reject(e.error ?? new Error('failed'))),
        );
      });
      await wm.enqueue(request);
      await done;
      return undefined;
    });
  } finally {
    await wm.close();
  }
}

const bundlePath = await buildParityBundle({ asyncWork });
const code = readFileSync(bundlePath, 'utf8');
console.log(
  `QuickJS engine overhead — bundle ${(code.length / 1024).toFixed(1)} KB, ${ATTEMPTS} attempts (+${WARMUP} warm-up), medians`,
);

const quickjs = await getQuickJS();
const warmVm = quickjs.newContext();
defineHost(warmVm);
warmVm.unwrapResult(warmVm.evalCode(code, 'workers.js')).dispose();
const rawWarm = await timeEach('raw quickjs-emscripten, warm', (i) => {
  rawRun(warmVm, i);
  return undefined;
});
warmVm.dispose();
const rawCold = await timeEach('raw quickjs-emscripten, cold', (i) => {
  const rt = quickjs.newRuntime();
  const vm = rt.newContext();
  defineHost(vm);
  vm.unwrapResult(vm.evalCode(code, 'workers.js')).dispose();
  rawRun(vm, i);
  vm.dispose();
  rt.dispose();
  return undefined;
});

const stubOf = (engine: ReturnType<typeof createQuickJsEngine>): WorkerDefinition => {
  const stub = engine.workerFactory.createWorker('AsyncWork');
  if (stub === null) throw new Error('AsyncWork is not in the bundle');
  return stub;
};
const fresh = createQuickJsEngine({ bundlePath, contexts: 'fresh', poolSize: 1 });
const execFresh = await executorBench('QuickJS executor, fresh context', fresh.executor, stubOf(fresh));
const idle = createQuickJsEngine({ bundlePath, contexts: 'fresh', poolSize: 1 });
const execFreshIdle = await executorBench(
  'QuickJS executor, fresh, 20 ms idle',
  idle.executor,
  stubOf(idle),
  20,
);
const reuse = createQuickJsEngine({ bundlePath, contexts: 'reuse', poolSize: 1 });
const execReuse = await executorBench('QuickJS executor, reused context', reuse.executor, stubOf(reuse));
const execInline = await executorBench(
  'inline executor',
  createInlineWorkExecutor(),
  asyncWork as WorkerDefinition,
);

const wmFresh = await workManagerBench('WorkManager + QuickJS, fresh', {
  engine: { kind: 'quickjs', bundlePath, contexts: 'fresh' },
});
const wmReuse = await workManagerBench('WorkManager + QuickJS, reuse', {
  engine: { kind: 'quickjs', bundlePath, contexts: 'reuse' },
});
const wmInline = await workManagerBench('WorkManager + inline', { workers: [asyncWork as WorkerDefinition] });

const ratio = (a: number, b: number) => `${(a / b).toFixed(1)}×`;
console.log('\nratios (same run)');
console.log(
  `executor fresh / raw cold     ${ratio(execFresh, rawCold)}    executor fresh / raw warm  ${ratio(execFresh, rawWarm)}`,
);
console.log(
  `executor reuse / raw warm     ${ratio(execReuse, rawWarm)}    executor reuse / inline    ${ratio(execReuse, execInline)}`,
);
console.log(
  `executor fresh / inline       ${ratio(execFresh, execInline)}    fresh after idle / raw warm ${ratio(execFreshIdle, rawWarm)}`,
);
console.log(
  `WorkManager fresh / inline    ${ratio(wmFresh, wmInline)}    WorkManager reuse / inline ${ratio(wmReuse, wmInline)}`,
);
console.log(
  JSON.stringify({
    bench: 'engines/quickjs-overhead',
    attempts: ATTEMPTS,
    medianMs: {
      rawWarm,
      rawCold,
      execFresh,
      execFreshIdle,
      execReuse,
      execInline,
      wmFresh,
      wmReuse,
      wmInline,
    },
  }),
);
