import path from 'node:path';
import { createOneTimeWorkRequest, Data, defineWorker, type WorkerDefinition } from '@workscript/api';
import { beforeAll, describe, expect, it } from 'vitest';
import { createWorkManager, silentLogger, type WorkInfo, type WorkManager } from '../../src/index.js';
import { buildParityBundle } from './helpers/fixture-bundle.js';
import { recordHistory } from './helpers/history.js';
import * as workers from './workers/parity-workers.js';

const { all: _all, ...definitions } = workers;
let bundlePath: string;

beforeAll(async () => {
  bundlePath = await buildParityBundle(definitions);
});

async function runToEnd(wm: WorkManager, name: string, input: Data = Data.EMPTY): Promise<WorkInfo> {
  try {
    const request = createOneTimeWorkRequest({ name }, { input });
    const recorded = recordHistory(wm, request.id);
    await wm.enqueue(request);
    await recorded.done;
    const info = await wm.getWorkInfoById(request.id);
    if (info === null) throw new Error(`work ${request.id} vanished`);
    return info;
  } finally {
    await wm.close();
  }
}

/** The `globals` output of SandboxProbe: what worker code could see of Node. */
const sandboxGlobals = (info: WorkInfo): unknown => info.outputData.toObject().globals;

describe('createWorkManager: the engine follows the bundle', () => {
  it('runs the bundle in QuickJS by default when a bundlePath is given', async () => {
    const info = await runToEnd(
      createWorkManager({ database: ':memory:', logger: silentLogger, bundlePath }),
      'SandboxProbe',
    );
    expect(info.state).toBe('SUCCEEDED');
    expect(sandboxGlobals(info)).toContain('process:undefined');
  });

  it("runs the TS definitions inline with engine: { kind: 'inline' }, with the manifest's shapes", async () => {
    // A definition without shapes, as one imported from TS source is: the manifest supplies them.
    const { shapes: _shapes, ...unshaped } = workers.asyncWork as WorkerDefinition;
    const probe = workers.sandboxProbe as WorkerDefinition;
    const wm = createWorkManager({
      database: ':memory:',
      logger: silentLogger,
      bundlePath,
      engine: { kind: 'inline' },
      workers: [defineWorker(unshaped as Parameters<typeof defineWorker>[0]), probe],
    });
    const sum = await runToEnd(wm, 'AsyncWork', Data.builder().putInt('n', 4).build());
    expect(sum.state).toBe('SUCCEEDED');
    // The output shape says Int; without it the number would have been stored as a Double.
    expect(sum.outputData.get('sum')).toEqual({ type: 'int', value: 10 });

    const inline = createWorkManager({
      database: ':memory:',
      logger: silentLogger,
      bundlePath,
      engine: { kind: 'inline' },
      workers: [probe],
    });
    expect(sandboxGlobals(await runToEnd(inline, 'SandboxProbe'))).toContain('process:object');
  });

  it('an explicit QuickJS engine takes the top-level bundlePath; a missing bundle says what to pass', () => {
    const wm = createWorkManager({
      database: ':memory:',
      logger: silentLogger,
      bundlePath,
      engine: { kind: 'quickjs', contexts: 'reuse' },
    });
    void wm.close();
    expect(() => createWorkManager({ database: ':memory:', bundlePath: 'nowhere/workers.js' })).toThrow(
      `createWorkManager: the bundle ${path.resolve('nowhere/workers.js')} does not exist; pass the workers.js written by workscript generate (<out>/assets/workers.js)`,
    );
    expect(() => createWorkManager({ database: ':memory:', engine: { kind: 'quickjs' } })).toThrow(
      "createWorkManager: engine { kind: 'quickjs' } needs a bundle; pass bundlePath (the workers.js written by workscript generate)",
    );
  });
});
