import type { WorkerDefinition, WorkRequest } from '@workscript/api';
import { createEventBus } from '../../src/events.js';
import { createInputMergerResolver } from '../../src/execution/input-merger-factory.js';
import { createInlineWorkExecutor } from '../../src/execution/inline-work-executor.js';
import { createSerialTaskExecutor } from '../../src/execution/serial-task-executor.js';
import { createWorkerRegistry } from '../../src/execution/worker-factory.js';
import { WorkerWrapper } from '../../src/execution/worker-wrapper.js';
import { PendingHostWork } from '../../src/internal/pending-host-work.js';
import type { RuntimeContext } from '../../src/internal/runtime-context.js';
import { silentLogger } from '../../src/logger.js';
import { createWorkSpec, type WorkSpec } from '../../src/model/work-spec.js';
import { createNativeServiceHost } from '../../src/native/native-service-host.js';
import { WorkDatabase } from '../../src/store/work-database.js';
import { TestClock } from '../../src/testing/index.js';

/**
 * White-box harness for WorkerWrapper scenarios (spec §15.3) that need a stored state the public API
 * cannot produce (e.g. a spec already RUNNING, or a lastEnqueueTime in the future), mirroring androidx's
 * WorkerWrapperTest which inserts WorkSpecs directly.
 */
export function createWrapperHarness(workers: readonly WorkerDefinition[], clock = new TestClock()) {
  const database = WorkDatabase.open({ filename: ':memory:' });
  const ctx: RuntimeContext = {
    database,
    clock,
    timer: clock,
    logger: silentLogger,
    events: createEventBus(),
    taskExecutor: createSerialTaskExecutor(),
    workerFactory: createWorkerRegistry(workers),
    inputShapeOf: () => undefined,
    inputMergers: createInputMergerResolver({ definitions: [], workers }),
    pendingHostWork: new PendingHostWork(),
    workExecutor: createInlineWorkExecutor(),
    nativeServices: createNativeServiceHost([]),
    executionTimeLimitMs: 600_000,
    contentUriTriggerWorkersLimit: 8,
  };
  const insert = (
    request: WorkRequest,
    overrides: Partial<WorkSpec> = {},
    prerequisites: readonly string[] = [],
  ): WorkSpec => {
    const spec = { ...createWorkSpec(request), lastEnqueueTime: clock.currentTimeMillis(), ...overrides };
    database.runInTransaction(() => {
      database.workSpecDao.insert(spec);
      for (const p of prerequisites) database.dependencyDao.insert(spec.id, p);
      database.workTagDao.insertTags(spec.id, request.workerName, request.tags);
    });
    return spec;
  };
  /** Runs one attempt and applies it, like the Processor does; returns androidx's "needs reschedule". */
  const run = async (id: string, wrapper = new WorkerWrapper(ctx, id)): Promise<boolean> => {
    const applied = wrapper.apply(await wrapper.run());
    applied.emit();
    return applied.needsReschedule;
  };
  const spec = (id: string): WorkSpec => {
    const s = database.workSpecDao.get(id);
    if (s === null) throw new Error(`no spec ${id}`);
    return s;
  };
  return { ctx, database, clock, insert, run, spec, wrapper: (id: string) => new WorkerWrapper(ctx, id) };
}
