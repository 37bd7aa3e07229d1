import { createOneTimeWorkRequest, Data, isFinished, type WorkerDefinition } from '@workscript/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkSignal } from '../../src/execution/work-signal.js';
import {
  createInlineWorkExecutor,
  createQuickJsEngine,
  createThreadWorkExecutor,
  type WorkExecutor,
  type WorkInfo,
  type WorkManager,
  type WorkTask,
} from '../../src/index.js';
import { createTestWorkManager } from '../../src/testing/index.js';
import { buildParityBundle } from '../engines/helpers/fixture-bundle.js';
import * as workers from '../engines/workers/parity-workers.js';

// androidx WorkerParameters.getTriggeredContentUris()/getTriggeredContentAuthorities(): whatever the
// scheduler puts in task.params reaches ctx on every engine (the QuickJS one through contextJson).

const WORKERS_MODULE = new URL('../engines/workers/parity-workers.ts', import.meta.url);
const URIS = ['content://media/external/images/media/42', 'content://com.example.notes/notes/caf%C3%A9'];
const AUTHORITIES = ['media', 'com.example.notes'];

/** An executor and the definition it runs the TriggeredContent worker as. */
interface Engine {
  readonly executor: WorkExecutor;
  readonly worker: WorkerDefinition;
}

const engines: Record<string, () => Promise<Engine>> = {
  inline: () => Promise.resolve({ executor: createInlineWorkExecutor(), worker: workers.triggeredContent }),
  // The thread imports the same module and finds the worker by name.
  thread: () =>
    Promise.resolve({
      executor: createThreadWorkExecutor({ workersModule: WORKERS_MODULE, poolSize: 1 }),
      worker: workers.triggeredContent,
    }),
  // Only the engine's own stubs run in QuickJS (any other definition runs inline), so ask its factory.
  quickjs: async () => {
    const { all: _all, ...definitions } = workers;
    const engine = createQuickJsEngine({ bundlePath: await buildParityBundle(definitions), poolSize: 1 });
    const worker = engine.workerFactory.createWorker('TriggeredContent');
    if (worker === null) throw new Error('the parity bundle has no TriggeredContent worker');
    return { executor: engine.executor, worker };
  },
};

function task(
  worker: WorkerDefinition,
  params: Pick<WorkTask['params'], 'triggeredContentUris' | 'triggeredContentAuthorities'>,
): WorkTask {
  const unused = (): never => {
    throw new Error('TriggeredContent calls no host service');
  };
  return {
    worker,
    input: Data.EMPTY,
    params: {
      id: '00000000-0000-4000-8000-000000000033',
      tags: [],
      runAttemptCount: 0,
      generation: 0,
      ...params,
    },
    signal: createWorkSignal().signal,
    host: {
      setProgress: unused,
      log: { debug: unused, info: unused, warn: unused, error: unused },
      fetch: unused,
      storage: { get: unused, set: unused, delete: unused, keys: unused },
    },
  };
}

describe.each(Object.keys(engines))('triggered content on the %s engine', (name) => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await (engines[name] as () => Promise<Engine>)();
  });
  afterAll(() => engine.executor.close());

  it('ctx has the URIs and authorities of task.params, in order, frozen', async () => {
    const outcome = await engine.executor.execute(
      task(engine.worker, { triggeredContentUris: URIS, triggeredContentAuthorities: AUTHORITIES }),
    );
    expect(outcome.status).toBe('success');
    expect(outcome.output.toObject()).toEqual({
      uris: URIS.join(' '),
      authorities: AUTHORITIES.join(' '),
      count: 4,
      frozen: true,
    });
  });

  it('ctx has empty lists when no content change started the run', async () => {
    const outcome = await engine.executor.execute(
      task(engine.worker, { triggeredContentUris: [], triggeredContentAuthorities: [] }),
    );
    expect(outcome.output.toObject()).toEqual({ uris: '', authorities: '', count: 0, frozen: true });
  });
});

describe('triggered content end to end: a content change, the GreedyScheduler, the bundle in QuickJS', () => {
  it('the run started by a change sees it, and the output is stored', async () => {
    const { all: _all, ...definitions } = workers;
    const bundlePath = await buildParityBundle(definitions);
    const { workManager, clock, deviceState } = createTestWorkManager({
      scheduling: 'device',
      engine: { kind: 'quickjs', bundlePath, poolSize: 1 },
    });
    try {
      const request = createOneTimeWorkRequest(workers.triggeredContent, {
        constraints: {
          contentUriTriggers: [
            { uri: 'content://media/external/images/media', isTriggeredForDescendants: true },
          ],
          contentTriggerUpdateDelayMillis: 1_000,
        },
      });
      await workManager.enqueue(request);
      deviceState.notifyContentChange(URIS[0] as string);
      await clock.advance(1_000);
      const info = await waitForFinished(workManager, request.id);
      expect(info.state).toBe('SUCCEEDED');
      expect(info.outputData.toObject()).toEqual({
        uris: URIS[0],
        authorities: 'media',
        count: 2,
        frozen: true,
      });
    } finally {
      await workManager.close();
    }
  });
});

async function waitForFinished(wm: WorkManager, id: string): Promise<WorkInfo> {
  for await (const info of wm.watchWorkInfoById(id)) {
    if (info !== null && isFinished(info.state)) return info;
  }
  throw new Error(`work ${id} vanished`);
}
