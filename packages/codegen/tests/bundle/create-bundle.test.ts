import { readFileSync } from 'node:fs';
import { SourceMap, type SourceMapPayload } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkerDefinition } from '@workscript/api';
import { createBundle } from '../../src/bundle/create-bundle.js';
import { FakeHost, type FakeResponse } from './fake-host.js';
import { QuickJsGuest } from './quickjs-guest.js';
import countVisits from '../fixtures-bundle/src/workers/count-visits.js';
import { fetchStatus } from '../fixtures-bundle/src/workers/fetch-status.js';
import { greet } from '../fixtures-bundle/src/workers/greet.js';
import { parseOrder } from '../fixtures-bundle/src/workers/parse-order.js';

const projectRoot = fileURLToPath(new URL('../fixtures-bundle/', import.meta.url));
const workers = [
  { name: 'ParseOrder', exportName: 'parseOrder', sourceFile: 'src/workers/parse-order.ts', shapes: {} },
  { name: 'Greet', exportName: 'greet', sourceFile: 'src/workers/greet.ts', shapes: {} },
  { name: 'CountVisits', exportName: 'default', sourceFile: 'src/workers/count-visits.ts', shapes: {} },
  { name: 'FetchStatus', exportName: 'fetchStatus', sourceFile: 'src\\workers\\fetch-status.ts', shapes: {} },
] as const;
const definitions: Record<string, WorkerDefinition> = {
  ParseOrder: parseOrder,
  Greet: greet,
  CountVisits: countVisits,
  FetchStatus: fetchStatus,
} as Record<string, WorkerDefinition>;

const responses: Record<string, FakeResponse> = {
  'https://example.test/ok': {
    status: 200,
    headers: { 'Content-Type': 'application/json' },
    body: '{"state":"green"}',
  },
  'https://example.test/busy': { status: 503, body: '' },
  'https://example.test/missing': { status: 404, body: 'not found' },
};

interface Case {
  readonly worker: string;
  readonly input: unknown;
  readonly runAttemptCount?: number;
  readonly storage?: Readonly<Record<string, string>>;
}

const cases: Record<string, Case> = {
  'success with output': { worker: 'Greet', input: { name: 'Ada', times: 2 }, runAttemptCount: 1 },
  'storage, progress, log and a timer': {
    worker: 'CountVisits',
    input: { page: 'home' },
    storage: { 'visits:home': '2', 'visits:about': '5', other: 'x' },
  },
  'first visit': { worker: 'CountVisits', input: { page: 'new' } },
  'order total': {
    worker: 'ParseOrder',
    input: {
      order: {
        id: 'o1',
        lines: [
          { sku: 'b', qty: 2 },
          { sku: 'a', qty: 3 },
        ],
      },
    },
  },
  'failure with output': { worker: 'ParseOrder', input: { order: { id: 'o2', lines: [] } } },
  'thrown RangeError': {
    worker: 'ParseOrder',
    input: { order: { id: 'o3', lines: [{ sku: 'c', qty: 0.5 }] } },
  },
  'fetch ok': { worker: 'FetchStatus', input: { url: 'https://example.test/ok' } },
  'fetch 503 → retry': { worker: 'FetchStatus', input: { url: 'https://example.test/busy' } },
  'fetch 404 → thrown Error': { worker: 'FetchStatus', input: { url: 'https://example.test/missing' } },
  'gives up after 3 attempts': {
    worker: 'FetchStatus',
    input: { url: 'https://example.test/ok' },
    runAttemptCount: 3,
  },
  'host error surfaces as thrown Error': {
    worker: 'FetchStatus',
    input: { url: 'https://example.test/nowhere' },
  },
};

/** The result a host would record, without the engine-specific stack. */
function comparable(result: { status: string; output?: unknown; error?: { name: string; message: string } }) {
  return {
    status: result.status,
    output: result.output,
    error: result.error && { name: result.error.name, message: result.error.message },
  };
}

async function runInNode(c: Case, host: FakeHost) {
  const definition = definitions[c.worker];
  if (definition === undefined) throw new Error(`no fixture ${c.worker}`);
  const ctx = host.nodeContext({
    id: 'work-1',
    tags: ['a', 'b'],
    runAttemptCount: c.runAttemptCount ?? 0,
    generation: 0,
  });
  try {
    const result = (await definition.run(c.input, ctx)) as { status: string; output?: unknown };
    return comparable(result.status === 'retry' ? { status: 'retry' } : result);
  } catch (e) {
    const error = e as Error;
    return comparable({ status: 'failure', output: {}, error: { name: error.name, message: error.message } });
  }
}

describe('createBundle', () => {
  let code: string;
  let map: string;
  let guest: QuickJsGuest;

  beforeAll(async () => {
    ({ code, map } = await createBundle({ projectRoot, workers }));
    guest = await QuickJsGuest.load(code);
  });
  afterAll(() => guest.dispose());

  it('defines __workscript with protocol version 1, the sorted worker names and no input mergers', () => {
    expect(guest.describe()).toEqual({
      protocolVersion: 1,
      workers: ['CountVisits', 'FetchStatus', 'Greet', 'ParseOrder'],
      inputMergers: [],
      run: 'function',
      stop: 'function',
      merge: 'function',
    });
  });

  it('is a script, not a module, for ES2020: the prelude, then the workers given its modules', () => {
    expect(
      code.startsWith(
        '// Code generated by @workscript/codegen. DO NOT EDIT.\n/* eslint-disable */\nvar __workscriptPrelude = (() => {\n',
      ),
    ).toBe(true);
    expect(code).toContain(
      '\n((require, __workscriptShapes) => { var { installWorkscript } = require("@workscript/api/guest");',
    );
    expect(code.endsWith('\n})(__workscriptPrelude.load, [\n  {},\n  {},\n  {},\n  {},\n]);\n')).toBe(true);
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
  });

  it('maps a QuickJS stack frame of a worker to its source line, and prelude code to @workscript/api', () => {
    const { resultJson } = guest.run({
      worker: 'FetchStatus',
      inputJson: JSON.stringify({ url: 'https://example.test/missing' }),
      contextJson: JSON.stringify({ runId: 'r', id: 'w', tags: [], runAttemptCount: 0, generation: 0 }),
      reply: new FakeHost(responses).reply,
    });
    const stack = (JSON.parse(resultJson) as { error: { stack: string } }).error.stack;
    const frame = /workers\.js:(\d+):(\d+)/.exec(stack);
    expect(frame, stack).not.toBeNull();
    const sourceMap = new SourceMap(JSON.parse(map) as SourceMapPayload);
    const at = sourceMap.findEntry(Number(frame?.[1]) - 1, Number(frame?.[2]) - 1) as {
      originalSource?: string;
      originalLine?: number;
    };
    const source = readFileSync(path.join(projectRoot, 'src/workers/fetch-status.ts'), 'utf8').split('\n');
    expect(at.originalSource).toBe('src/workers/fetch-status.ts');
    expect(source[at.originalLine ?? -1]).toContain('throw new Error(`GET ${input.url} answered');

    const lines = code.split('\n');
    const line = lines.findIndex((l) => l.includes('function installWorkscript('));
    const column = lines[line]?.indexOf('function installWorkscript(') ?? -1;
    const prelude = sourceMap.findEntry(line, column) as { originalSource?: string };
    // esbuild follows @workscript/api's own source maps, so this is its TypeScript source.
    expect(prelude.originalSource).toMatch(/api\/src\/guest\/install-workscript\.ts$/);
  });

  it.each(Object.entries(cases))('%s: QuickJS gives the same result and effects as Node', async (_, c) => {
    const seed = Object.entries(c.storage ?? {});
    const nodeHost = new FakeHost(responses);
    const quickHost = new FakeHost(responses);
    for (const [k, v] of seed) {
      nodeHost.storage.set(k, v);
      quickHost.storage.set(k, v);
    }
    const expected = await runInNode(c, nodeHost);
    const { resultJson, calls } = guest.run({
      worker: c.worker,
      inputJson: JSON.stringify(c.input),
      contextJson: JSON.stringify({
        runId: 'run-1',
        id: 'work-1',
        tags: ['a', 'b'],
        runAttemptCount: c.runAttemptCount ?? 0,
        generation: 0,
      }),
      reply: quickHost.reply,
    });
    const actual = JSON.parse(resultJson) as Parameters<typeof comparable>[0] & {
      error?: { stack: unknown };
    };
    expect(comparable(actual)).toEqual(expected);
    if (actual.error !== undefined) expect(typeof actual.error.stack).toBe('string');
    expect([...quickHost.storage].sort()).toEqual([...nodeHost.storage].sort());
    expect(quickHost.progress).toEqual(nodeHost.progress);
    expect(quickHost.logs).toEqual(nodeHost.logs);
    expect(quickHost.fetched).toEqual(nodeHost.fetched);
    for (const call of calls) {
      if (call.method !== 'storage.get' && call.method !== 'storage.set' && call.method !== 'storage.keys') {
        expect(JSON.parse(call.argsJson)).toMatchObject({ runId: 'run-1' });
      }
    }
  });

  it('is deterministic: bundling again gives identical bytes', async () => {
    const again = await createBundle({ projectRoot, workers: [...workers].reverse() });
    expect(again.code).toBe(code);
    expect(again.map).toBe(map);
  });

  it('writes a source map whose sources are relative to the project root', () => {
    const parsed = JSON.parse(map) as {
      version: number;
      sources: string[];
      sourcesContent: (string | null)[];
    };
    expect(parsed.version).toBe(3);
    expect(parsed.sources).toEqual(
      expect.arrayContaining(['src/workers/greet.ts', 'src/workers/count-visits.ts']),
    );
    for (const source of parsed.sources) {
      expect(source).not.toMatch(/^(\/|[A-Za-z]:|file:)|\\/);
    }
    expect(code).not.toContain(projectRoot);
    expect(map).not.toContain(projectRoot.replace(/\/$/, ''));
    expect(parsed.sourcesContent[parsed.sources.indexOf('src/workers/greet.ts')]).toContain("name: 'Greet'");
  });
});
