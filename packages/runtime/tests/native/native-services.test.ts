import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  createOneTimeWorkRequest,
  Data,
  defineWorker,
  nativeService,
  type NativeService,
  type WorkSignal,
} from '@workscript/api';
import { describe, expect, it } from 'vitest';
import {
  createInlineWorkExecutor,
  createThreadWorkExecutor,
  createWorkManager,
  DuplicateNativeServiceError,
  provideNativeService,
  type NativeServiceProvider,
  type WorkExecutor,
} from '../../src/index.js';
import { createTestWorkManager } from '../../src/testing/index.js';
import { NativeHangs, NativeProbe, type ProvidedProbe } from '../fixtures/native-workers.js';

const WORKERS_MODULE = new URL('../fixtures/native-workers.ts', import.meta.url);

/** The tests' Probe: echo returns what it got plus a Date and an undefined field; records the arguments. */
function probeProvider(seen: unknown[][], hangs: (() => void)[] = []): NativeServiceProvider {
  return provideNativeService(nativeService<ProvidedProbe>('Probe'), {
    echo: (...args) => {
      seen.push(args);
      return { got: args[0], at: new Date(1000), gone: undefined };
    },
    nothing: async () => undefined,
    hang: (...args) => {
      seen.push(args);
      return new Promise<void>((resolve) => hangs.push(resolve));
    },
    throwsPlain: () => {
      throw 'plain failure';
    },
  });
}

async function runProbe(executor?: WorkExecutor) {
  const seen: unknown[][] = [];
  const { workManager } = createTestWorkManager({
    workers: [NativeProbe],
    nativeServices: [probeProvider(seen)],
    synchronous: false,
    ...(executor ? { executor } : {}),
  });
  try {
    const request = createOneTimeWorkRequest(NativeProbe);
    await workManager.enqueue(request);
    for await (const info of workManager.watchWorkInfoById(request.id)) {
      if (info?.state === 'SUCCEEDED') return { output: info.outputData.toObject(), seen };
      if (info?.state === 'FAILED') throw new Error(`NativeProbe failed: ${JSON.stringify(info)}`);
    }
    throw new Error('unreachable');
  } finally {
    await workManager.close();
  }
}

const EXPECTED_ARGS = [
  [{ at: '1970-01-01T00:00:00.000Z', list: [1, null, null], nan: null, nested: { deep: [{ ok: true }] } }],
];

describe('ctx.native on the inline and thread executors', () => {
  it('arguments and return values cross as JSON; ok:false replies reject with HostCallError', async () => {
    const { output, seen } = await runProbe();
    // Dates become ISO strings, undefined fields vanish, undefined/functions in arrays and NaN become null.
    expect(seen).toStrictEqual(EXPECTED_ARGS);
    expect(output).toEqual({
      echoed: JSON.stringify({ got: EXPECTED_ARGS[0]?.[0], at: '1970-01-01T00:00:01.000Z' }),
      echoedAtIsString: true,
      nothing: 'null',
      thenIsUndefined: true,
      plain: JSON.stringify({
        name: 'HostCallError',
        code: 'host-error',
        method: 'native.Probe.throwsPlain',
        message: 'plain failure',
      }),
      absent: JSON.stringify({
        name: 'HostCallError',
        code: 'unknown-method',
        method: 'native.Probe.absent',
        message:
          "No native service method 'Probe.absent' is provided; provided: Probe.echo, Probe.hang, Probe.nothing, Probe.throwsPlain. " +
          'Provide it with createWorkManager({ nativeServices: [provideNativeService(ref, implementation)] })',
      }),
    });
  });

  it('a stop while a thread waits on a native call: CANCELLED at once, the late reply is dropped, the thread serves on', async () => {
    const seen: unknown[][] = [];
    const hangs: (() => void)[] = [];
    const { workManager } = createTestWorkManager({
      workers: [NativeHangs, NativeProbe],
      nativeServices: [probeProvider(seen, hangs)],
      executor: createThreadWorkExecutor({ workersModule: WORKERS_MODULE, poolSize: 1 }),
      synchronous: false,
    });
    try {
      const hanging = createOneTimeWorkRequest(NativeHangs);
      await workManager.enqueue(hanging);
      while (hangs.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      await workManager.cancelWorkById(hanging.id);
      expect((await workManager.getWorkInfoById(hanging.id))?.state).toBe('CANCELLED');
      // The implementation got its (empty) arguments and nothing else; settling it now reaches no one.
      expect(seen).toStrictEqual([[]]);
      hangs[0]?.();
      const next = createOneTimeWorkRequest(NativeProbe);
      await workManager.enqueue(next);
      for await (const info of workManager.watchWorkInfoById(next.id))
        if (info?.state === 'SUCCEEDED' || info?.state === 'FAILED') break;
      expect((await workManager.getWorkInfoById(next.id))?.state).toBe('SUCCEEDED');
    } finally {
      await workManager.close();
    }
  });

  it('a worker thread forwards native calls to the implementation on the main thread', async () => {
    const inline = await runProbe();
    const threaded = await runProbe(createThreadWorkExecutor({ workersModule: WORKERS_MODULE, poolSize: 1 }));
    expect(threaded.seen).toStrictEqual(EXPECTED_ARGS);
    expect(threaded.output).toEqual(inline.output);
  });
});

describe('provideNativeService', () => {
  class CameraImpl {
    readonly shots: number[] = [];
    get lazy(): never {
      throw new Error('getters are not read when the provider is made');
    }
    takePhoto(options: { quality: number }) {
      this.shots.push(options.quality);
      return Promise.resolve({ uri: `q${options.quality}` });
    }
  }
  interface Camera extends NativeService {
    takePhoto(options: { quality: number }): Promise<{ uri: string }>;
  }

  it('finds methods on a class instance, bound to it, and does not read getters', () => {
    const impl = new CameraImpl();
    const provider = provideNativeService(nativeService<Camera>('Camera'), impl);
    expect(provider.name).toBe('Camera');
    expect([...provider.methods.keys()]).toEqual(['takePhoto']);
    void provider.methods.get('takePhoto')?.({ quality: 5 });
    expect(impl.shots).toEqual([5]);
  });

  it('refuses something that is not a nativeService() handle, or an implementation that is not an object', () => {
    expect(() =>
      provideNativeService({ name: 'Camera' } as unknown as ReturnType<typeof nativeService<Camera>>, {
        takePhoto: () => Promise.resolve({ uri: '' }),
      }),
    ).toThrow(
      new TypeError(
        `provideNativeService: the first argument must be a handle made by nativeService<S>('Name'), got {"name":"Camera"}`,
      ),
    );
    expect(() => provideNativeService(nativeService<Camera>('Camera'), null as never)).toThrow(
      new TypeError(
        "provideNativeService(Camera): the implementation must be an object with the service's methods, got null",
      ),
    );
  });

  it('two providers of one service are refused before the database is opened', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'workscript-native-')), 'work.db');
    const provider = provideNativeService(nativeService<Camera>('Camera'), new CameraImpl());
    let error: unknown;
    try {
      createWorkManager({ database: file, nativeServices: [provider, provider] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DuplicateNativeServiceError);
    expect(error).toMatchObject({
      code: 'duplicate-native-service',
      serviceName: 'Camera',
      message:
        "Native service 'Camera' is provided twice in createWorkManager({ nativeServices }); pass one provideNativeService(…) per service",
    });
    expect(existsSync(file)).toBe(false);
  });

  it('without providers every native call rejects with unknown-method, naming none', async () => {
    const { workManager } = createTestWorkManager({ workers: [NativeProbe] });
    const failures: unknown[] = [];
    workManager.on('work:failed', (e) => failures.push(e.error));
    await workManager.enqueue(createOneTimeWorkRequest(NativeProbe));
    expect(failures).toMatchObject([
      {
        name: 'HostCallError',
        code: 'unknown-method',
        message: expect.stringMatching(
          /^No native service method 'Probe\.echo' is provided; provided: \(none\)\. /,
        ) as unknown,
      },
    ]);
    await workManager.close();
  });
});

describe('a WorkTask made by hand', () => {
  it('without host.callNative has no native services: unknown-method, naming none', async () => {
    const caller = defineWorker({
      name: 'Caller',
      run: async (_input: Record<string, never>, ctx) => {
        await ctx.native(nativeService<ProvidedProbe>('Probe')).nothing();
        return ctx.success();
      },
    });
    const never: WorkSignal = {
      aborted: false,
      reason: undefined,
      throwIfAborted: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
    };
    const noop = () => undefined;
    const execution = createInlineWorkExecutor().execute({
      worker: caller,
      input: Data.EMPTY,
      params: {
        id: 'w-1',
        tags: [],
        runAttemptCount: 0,
        generation: 0,
        triggeredContentUris: [],
        triggeredContentAuthorities: [],
      },
      signal: never,
      host: {
        setProgress: async () => undefined,
        log: { debug: noop, info: noop, warn: noop, error: noop },
        fetch: () => Promise.reject(new Error('no fetch in this test')),
        storage: {
          get: async () => null,
          set: async () => undefined,
          delete: async () => undefined,
          keys: async () => [],
        },
      },
    });
    await expect(execution).rejects.toMatchObject({
      name: 'HostCallError',
      code: 'unknown-method',
      message: expect.stringMatching(
        /^No native service method 'Probe\.nothing' is provided; provided: \(none\)\. /,
      ) as unknown,
    });
  });
});
