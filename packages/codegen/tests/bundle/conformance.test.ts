import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isInputMergerDefinition, isWorkerDefinition } from '@workscript/api';
import * as conformanceWorkers from '../../../api/bridge-conformance/conformance-workers.js';
import {
  buildConformanceBundle,
  CONFORMANCE_BUNDLE,
  CONFORMANCE_BUNDLE_MAP,
  CONFORMANCE_DIR,
  REGENERATE_COMMAND,
} from '../../scripts/conformance-bundle.js';
import {
  loadConformanceCases,
  loadMergeCases,
  normaliseResultJson,
  runConformanceCase,
  runMergeCase,
} from './conformance-runner.js';
import { QuickJsGuest } from './quickjs-guest.js';

const bundle = readFileSync(CONFORMANCE_BUNDLE, 'utf8');
const cases = loadConformanceCases(path.join(CONFORMANCE_DIR, 'cases'));
const mergeCases = loadMergeCases(path.join(CONFORMANCE_DIR, 'merge-cases'));

describe('bridge conformance (quickjs-emscripten host)', () => {
  it('the committed bundle is up to date', async () => {
    const fresh = await buildConformanceBundle();
    const stale = `The committed conformance bundle is stale. Run \`${REGENERATE_COMMAND}\` after building @workscript/api.`;
    expect(fresh.code === bundle, stale).toBe(true);
    expect(fresh.map === readFileSync(CONFORMANCE_BUNDLE_MAP, 'utf8'), stale).toBe(true);
  });

  it('the bundle registers every conformance worker and input merger', async () => {
    const definitions = Object.values(conformanceWorkers);
    const names = definitions
      .filter(isWorkerDefinition)
      .map((w) => w.name)
      .sort();
    const mergerNames = definitions
      .filter(isInputMergerDefinition)
      .map((m) => m.name)
      .sort();
    const guest = await QuickJsGuest.load(bundle);
    try {
      expect(guest.describe()).toEqual({
        protocolVersion: 1,
        workers: names,
        inputMergers: mergerNames,
        run: 'function',
        stop: 'function',
        merge: 'function',
      });
    } finally {
      guest.dispose();
    }
  });

  it('loads every case (each named after its file)', () => {
    expect(cases.map((c) => c.name.slice(0, 2))).toEqual(
      Array.from({ length: cases.length }, (_, i) => String(i + 1).padStart(2, '0')),
    );
    expect(cases.length).toBeGreaterThanOrEqual(22);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_, testCase) => {
    const outcome = await runConformanceCase(testCase, bundle);
    expect(outcome.resultJson).toBe(testCase.expectedResultJson);
    expect(outcome.calls).toEqual(testCase.expectedCalls);
  });

  it('loads every merge case (each named after its file)', () => {
    expect(mergeCases.map((c) => c.name.slice(0, 2))).toEqual(
      Array.from({ length: mergeCases.length }, (_, i) => String(i + 1).padStart(2, '0')),
    );
    expect(mergeCases.length).toBeGreaterThanOrEqual(16);
  });

  it.each(mergeCases.map((c) => [c.name, c] as const))('merge %s', async (_, testCase) => {
    expect(await runMergeCase(testCase, bundle)).toBe(testCase.expectedJson);
  });
});

describe('normaliseResultJson', () => {
  const actual =
    '{"status":"failure","output":{},"error":{"name":"E","message":"m \\"}}","stack":"at x (a.js:1)\\n\\"q\\"}}"}}';

  it('replaces the stack when the expected result says <any>', () => {
    expect(
      normaliseResultJson(
        actual,
        '{"status":"failure","output":{},"error":{"name":"E","message":"m","stack":"<any>"}}',
      ),
    ).toBe('{"status":"failure","output":{},"error":{"name":"E","message":"m \\"}}","stack":"<any>"}}');
  });

  it('leaves the result alone otherwise', () => {
    expect(normaliseResultJson(actual, '{"status":"retry"}')).toBe(actual);
  });
});
