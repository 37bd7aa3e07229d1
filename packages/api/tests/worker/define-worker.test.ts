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
    for (const periodic of [null, 900_000, 'PT15M']) {
      expect(() =>
        defineWorker({ name: 'Odd', periodic: periodic as never, run: (_: object, c) => c.success() }),
      ).toThrow(
        `defineWorker('Odd').periodic: ${periodic === 'PT15M' ? '"PT15M" (a string)' : String(periodic)} is not valid; use { intervalMs, flexMs? }`,
      );
    }
  });

  it.each([
    [{ backof: { delayMs: 60_000 } }, 'backof'],
    [{ tag: ['sync'] }, 'tag'],
    [{ kind: 'other' }, 'kind'],
  ])('refuses the unknown option %j, naming it and listing the valid ones', (extra, key) => {
    const attempt = () => defineWorker({ name: 'Typo', run: (_: object, c) => c.success(), ...extra });
    expect(attempt).toThrow(InvalidWorkerDefinitionError);
    expect(attempt).toThrow(
      `defineWorker ${key}: unknown option of worker 'Typo'; valid options are name, run, periodic, shapes, constraints, backoff, tags, initialDelayMs, keepResultsForAtLeastMs, backoffOnSystemInterruptions, traceTag, expedited, inputMerger`,
    );
  });

  it('takes a definition passed back in, whose kind marker it replaces', () => {
    const base = defineWorker({ name: 'Base', tags: ['a'], run: (_: object, c) => c.success() });
    const copy = defineWorker({ ...base, name: 'Copy' });
    expect([copy.name, copy.tags, isWorkerDefinition(copy)]).toEqual(['Copy', ['a'], true]);
  });

  it('refuses request defaults that are booleans in name only', () => {
    expect(() =>
      defineWorker({
        name: 'Flag',
        backoffOnSystemInterruptions: 'yes' as never,
        run: (_: object, c) => c.success(),
      }),
    ).toThrow(
      `defineWorker('Flag').backoffOnSystemInterruptions: "yes" (a string) is not valid; use true or false`,
    );
  });

  it('result constructors build the three outcomes', () => {
    expect(Result.success({ a: 1 })).toEqual({ status: 'success', output: { a: 1 } });
    expect(Result.success()).toEqual({ status: 'success', output: {} });
    expect(Result.failure({ reason: 'x' })).toEqual({ status: 'failure', output: { reason: 'x' } });
    expect(Result.retry()).toEqual({ status: 'retry' });
  });
});

describe('defineWorker shapes', () => {
  const define = (shapes: unknown) => () =>
    defineWorker({ name: 'Shaped', shapes: shapes as never, run: (_: object, c) => c.success() });

  it.each([
    [
      'x',
      `shapes: "x" (a string) is not valid for worker 'Shaped'; use an object { input, output, failureOutput, progress } of DataShapes`,
    ],
    [[], 'shapes: [] is not valid'],
    [
      { inputs: { fields: [] } },
      "shapes.inputs: unknown shape of worker 'Shaped'; valid shapes are input, output, failureOutput, progress",
    ],
    [
      { input: 'x' },
      `shapes.input: "x" (a string) is not a DataShape; use { fields: [{ name, type }, ...] } (worker 'Shaped')`,
    ],
    [{ input: {} }, 'shapes.input: {} is not a DataShape'],
    [
      { output: { fields: [null] } },
      'shapes.output.fields[0]: null is not a field; use { name, type, optional }',
    ],
    [
      { input: { fields: [{ type: { kind: 'int' } }] } },
      'shapes.input.fields[0].name: undefined is not valid',
    ],
    [
      { input: { fields: [{ name: 'n', type: { kind: 'integer' } }] } },
      `shapes.input.fields[0].type.kind: "integer" is not a field kind; use one of 'boolean', 'int', 'long', 'double', 'string', 'enum', 'array', 'object'`,
    ],
    [
      { input: { fields: [{ name: 'n', type: 'int' }] } },
      'shapes.input.fields[0].type: "int" (a string) is not a field type',
    ],
    [
      { input: { fields: [{ name: 'n', type: { kind: 'int' }, optional: 'yes' }] } },
      'shapes.input.fields[0].optional: "yes" (a string) is not valid; use true or false',
    ],
    [
      { progress: { fields: [{ name: 'e', type: { kind: 'enum', values: ['a', 1] } }] } },
      `shapes.progress.fields[0].type.values: ["a",1] is not valid; use an array of the enum's strings`,
    ],
    [
      {
        input: {
          fields: [
            { name: 'xs', type: { kind: 'array', element: { kind: 'object', shape: { fields: 'n' } } } },
          ],
        },
      },
      'shapes.input.fields[0].type.element.shape: {"fields":"n"} is not a DataShape',
    ],
  ])('refuses %j, naming the place', (shapes, message) => {
    expect(define(shapes)).toThrow(InvalidWorkerDefinitionError);
    expect(define(shapes)).toThrow(`defineWorker ${message}`);
  });

  it('takes the shapes the codegen writes, nested ones and a recursive one', () => {
    const shapes = {
      input: {
        fields: [
          { name: 'n', type: { kind: 'int' } },
          { name: 'tag', type: { kind: 'enum', values: ['a', 'b'] }, optional: true },
          { name: 'xs', type: { kind: 'array', element: { kind: 'long' } } },
          {
            name: 'o',
            type: { kind: 'object', shape: { fields: [{ name: 's', type: { kind: 'string' } }] } },
          },
        ],
      },
      output: undefined,
    };
    expect(define(shapes)().shapes).toEqual(shapes);
    const tree: { fields: unknown[] } = { fields: [] };
    tree.fields.push({ name: 'children', type: { kind: 'array', element: { kind: 'object', shape: tree } } });
    expect(define({ input: tree })).not.toThrow();
  });
});
