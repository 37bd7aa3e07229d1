import { describe, expect, it } from 'vitest';
import {
  defineWorker,
  InvalidWorkerDefinitionError,
  InvalidWorkRequestError,
  isWorkerDefinition,
  Result,
} from '../../src/index.js';

describe('defineWorker', () => {
  it('returns a deeply frozen, inspectable definition and registers nothing', () => {
    const def = defineWorker({
      name: 'SyncContacts',
      constraints: { requiredNetworkType: 'CONNECTED' },
      tags: ['sync'],
      run: async (input: { since: string }, ctx) => ctx.success({ since: input.since }),
    });
    expect(def.kind).toBe('workscript.worker');
    expect(def.name).toBe('SyncContacts');
    expect(Object.isFrozen(def)).toBe(true);
    expect(Object.isFrozen(def.constraints)).toBe(true);
    expect(Object.isFrozen(def.tags)).toBe(true);
    expect(isWorkerDefinition(def)).toBe(true);
    expect(isWorkerDefinition({ name: 'x' })).toBe(false);
  });

  it.each(['', '1abc', 'has space', 'dash-name', 'x'.repeat(101)])('rejects the name %j', (name) => {
    expect(() => defineWorker({ name, run: (_: object, ctx) => ctx.success() })).toThrow(
      InvalidWorkerDefinitionError,
    );
    expect(() => defineWorker({ name, run: (_: object, ctx) => ctx.success() })).toThrow(
      /is not a valid worker name; use a letter followed by/,
    );
  });

  it('needs a run function', () => {
    expect(() => defineWorker({ name: 'NoRun' } as never)).toThrow(
      "defineWorker run: worker 'NoRun' needs a run(input, ctx) function",
    );
  });

  it('checks request defaults at definition time and names the worker', () => {
    expect(() =>
      defineWorker({
        name: 'Idle',
        backoff: { delayMs: 20_000 },
        constraints: { requiresDeviceIdle: true },
        run: (_: object, c) => c.success(),
      }),
    ).toThrow("defineWorker('Idle').backoff: cannot set backoff criteria on an idle mode job");
    expect(() =>
      defineWorker({
        name: 'Fast',
        expedited: 'DROP_WORK_REQUEST',
        initialDelayMs: 5,
        run: (_: object, c) => c.success(),
      }),
    ).toThrow(InvalidWorkRequestError);
    expect(() =>
      defineWorker({
        name: 'Both',
        expedited: 'DROP_WORK_REQUEST',
        periodic: { intervalMs: 900_000 },
        run: (_: object, c) => c.success(),
      }),
    ).toThrow("defineWorker('Both').expedited: periodic work cannot be expedited");
  });

  it('result constructors build the three outcomes', () => {
    expect(Result.success({ a: 1 })).toEqual({ status: 'success', output: { a: 1 } });
    expect(Result.success()).toEqual({ status: 'success', output: {} });
    expect(Result.failure({ reason: 'x' })).toEqual({ status: 'failure', output: { reason: 'x' } });
    expect(Result.retry()).toEqual({ status: 'retry' });
  });
});
