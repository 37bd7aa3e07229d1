import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLayout } from '../../src/layout/create-layout.js';
import {
  camelCase,
  constantCase,
  escapeKeyword,
  KOTLIN_HARD_KEYWORDS,
  pascalCase,
} from '../../src/layout/kotlin-names.js';
import type { TypeModel } from '../../src/model/project-model.js';
import { createNameAllocator } from '../../src/layout/name-allocator.js';
import { at, inputMergerModel, obj, workerModel } from '../helpers/model-fixtures.js';

describe('kotlin names', () => {
  it('converts cases and escapes hard keywords only', () => {
    expect(['sync_contacts', 'syncContacts', 'sync-HTTP', '1st', ''].map(pascalCase)).toEqual([
      'SyncContacts',
      'SyncContacts',
      'SyncHTTP',
      'V1st',
      'Value',
    ]);
    expect(['content-type', 'ok', '2fa', 'a$b'].map(camelCase)).toEqual(['contentType', 'ok', 'v2fa', 'aB']);
    expect(['in-progress', 'NOT_ROAMING', '', '1st', 'a b'].map(constantCase)).toEqual([
      'IN_PROGRESS',
      'NOT_ROAMING',
      'EMPTY',
      'V_1ST',
      'A_B',
    ]);
    expect(['in', 'value', 'data', 'fun', 'open'].map(escapeKeyword)).toEqual([
      '`in`',
      'value',
      'data',
      '`fun`',
      'open',
    ]);
  });

  it('allocates numeric suffixes, per name and per group', () => {
    const names = createNameAllocator(['Data']);
    expect([
      names.allocate('Data'),
      names.allocate('Data'),
      names.allocate('Item'),
      names.allocate('Item'),
    ]).toEqual(['Data2', 'Data3', 'Item', 'Item2']);
    const groups = createNameAllocator(['CoroutineWorker']);
    expect([
      groups.allocateGroup('Coroutine', ['Worker', 'Input']),
      groups.allocateGroup('Sync', ['Worker', 'Input']),
      groups.allocateGroup('Sync', ['Worker']),
    ]).toEqual(['Coroutine2', 'Sync', 'Sync2']);
  });
});

describe('createLayout', () => {
  it('names worker classes, nested types (deduplicated), properties and enum entries', () => {
    const address = obj({ street: { kind: 'string' } }, 'Address');
    const input = obj({
      in: { kind: 'string' },
      'content-type': { kind: 'enum', values: ['text/plain', 'text/html'] },
      home: address,
      work: address,
      items: { kind: 'array', element: obj({ id: { kind: 'string' } }) },
    });
    const layout = createLayout(
      {
        workers: [
          workerModel({ name: 'sync_contacts', input: { type: input, typeText: 'I', span: at(10) } }),
        ],
        nativeServices: [],
        requestInputs: [],
      },
      { kotlinPackage: 'com.example.work' },
    );
    expect(layout).toEqual({
      packageName: 'com.example.work',
      packageDir: 'com/example/work',
      factoryClass: 'WorkscriptWorkerFactory',
      registryObject: 'WorkscriptWorkers',
      jsonCodec: 'WorkscriptJson',
      codecFile: 'WorkscriptCodec',
      nativeServices: [],
      inputMergers: [],
      workers: [
        {
          workerName: 'sync_contacts',
          fileName: 'SyncContactsWorker',
          workerClass: 'SyncContactsWorker',
          requestsObject: 'SyncContactsRequests',
          input: {
            className: 'SyncContactsInput',
            properties: [
              {
                key: 'in',
                kotlinName: '`in`',
                needsSerialName: false,
                optional: false,
                type: { kind: 'string' },
              },
              {
                key: 'content-type',
                kotlinName: 'contentType',
                needsSerialName: true,
                optional: false,
                type: { kind: 'enum', className: 'ContentType' },
              },
              {
                key: 'home',
                kotlinName: 'home',
                needsSerialName: false,
                optional: false,
                type: { kind: 'object', className: 'Address' },
              },
              {
                key: 'work',
                kotlinName: 'work',
                needsSerialName: false,
                optional: false,
                type: { kind: 'object', className: 'Address' },
              },
              {
                key: 'items',
                kotlinName: 'items',
                needsSerialName: false,
                optional: false,
                type: { kind: 'array', element: { kind: 'object', className: 'Item' } },
              },
            ],
            nested: [
              {
                kind: 'enum',
                className: 'ContentType',
                entries: [
                  { name: 'TEXT_PLAIN', value: 'text/plain' },
                  { name: 'TEXT_HTML', value: 'text/html' },
                ],
              },
              {
                kind: 'class',
                className: 'Address',
                properties: [
                  {
                    key: 'street',
                    kotlinName: 'street',
                    needsSerialName: false,
                    optional: false,
                    type: { kind: 'string' },
                  },
                ],
                nested: [],
              },
              {
                kind: 'class',
                className: 'Item',
                properties: [
                  {
                    key: 'id',
                    kotlinName: 'id',
                    needsSerialName: false,
                    optional: false,
                    type: { kind: 'string' },
                  },
                ],
                nested: [],
              },
            ],
          },
          output: undefined,
          failureOutput: undefined,
          progress: undefined,
        },
      ],
    });
  });
});

describe('createLayout (properties)', () => {
  const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
  const valid = (name: string): boolean =>
    (name.startsWith('`') && name.endsWith('`') && IDENTIFIER.test(name.slice(1, -1))) ||
    IDENTIFIER.test(name);

  it('gives any set of TypeScript keys and literals unique, valid Kotlin names', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ maxLength: 8 }), { minLength: 1, maxLength: 8 }),
        fc.uniqueArray(fc.string({ maxLength: 8 }), { minLength: 1, maxLength: 8 }),
        (keys, literals) => {
          const fields = Object.fromEntries(
            keys.map((k): [string, TypeModel] => [k, { kind: 'enum', values: literals }]),
          );
          const layout = createLayout(
            {
              workers: [workerModel({ input: { type: obj(fields), typeText: 'I', span: at(10) } })],
              nativeServices: [],
              requestInputs: [],
            },
            { kotlinPackage: 'p' },
          );
          const input = layout.workers[0]?.input;
          const names = input?.properties.map((p) => p.kotlinName) ?? [];
          expect(new Set(names).size).toBe(keys.length);
          expect(names.every(valid)).toBe(true);
          expect(
            input?.properties.every((p) => p.needsSerialName === (p.kotlinName.replace(/`/g, '') !== p.key)),
          ).toBe(true);
          const entries =
            input?.nested.flatMap((n) => (n.kind === 'enum' ? n.entries.map((e) => e.name) : [])) ?? [];
          expect(new Set(entries).size).toBe(entries.length);
          expect(entries.every((e) => IDENTIFIER.test(e) && !KOTLIN_HARD_KEYWORDS.has(e))).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('names each input merger class after the merger, after every other name, and says what took a name', () => {
    const workers = [workerModel({ name: 'Sync' }), workerModel({ name: 'SumCounts' })];
    const without = createLayout(
      { workers, nativeServices: [], requestInputs: [] },
      { kotlinPackage: 'a.b' },
    );
    const layout = createLayout(
      {
        workers,
        nativeServices: [],
        requestInputs: [],
        inputMergers: [
          inputMergerModel({ name: 'SumCounts' }),
          inputMergerModel({ name: 'SyncWorker' }),
          inputMergerModel({ name: 'Workscript' }),
          inputMergerModel({ name: 'SumCounts', sourceFile: 'n.ts' }),
        ],
      },
      { kotlinPackage: 'a.b' },
    );
    // A merger's class cannot move, so the workers keep the classes they had without it.
    expect(layout.workers).toEqual(without.workers);
    expect(layout.inputMergers).toEqual([
      { mergerName: 'SumCounts', fileName: 'SumCounts', className: 'SumCounts' },
      {
        mergerName: 'SyncWorker',
        fileName: 'SyncWorker',
        className: 'SyncWorker',
        takenBy: "the classes of worker 'Sync'",
      },
      {
        mergerName: 'Workscript',
        fileName: 'Workscript',
        className: 'Workscript',
        takenBy: 'dev.workscript.runtime.Workscript, which the generated code imports',
      },
      {
        mergerName: 'SumCounts',
        fileName: 'SumCounts',
        className: 'SumCounts',
        takenBy: "input merger 'SumCounts'",
      },
    ]);
  });
});
