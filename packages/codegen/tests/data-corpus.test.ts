import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Data, DataTooLargeError, decodeData, encodeData, type DataShape } from '@workscript/api';
import { describe, expect, it } from 'vitest';

/**
 * Data <-> JSON parity with the Kotlin side: the shared corpus is also checked on the JVM by
 * packages/android/generated-it (DataCorpusTest), against the Kotlin runtime's WorkscriptData and the
 * generated classes' encoding rules. The TypeScript encoder here is the one the generated Kotlin mirrors
 * (`encodeData` by DataShape, as in workscript.json).
 */
interface CorpusCase {
  readonly name: string;
  readonly shape: DataShape;
  readonly value: Record<string, unknown>;
  readonly size: number;
  readonly tooLarge: boolean;
  /** Exact JSON text each nested key holds (doubles as JSON.stringify writes them: `1`, `1e+21`). */
  readonly nestedJson?: Record<string, string>;
  /** The value read back, when it differs from `value` as written (`-0.0` reads back as `0`). */
  readonly decoded?: Record<string, unknown>;
}

const corpusFile = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../android/generated-it/src/test/resources/data-corpus/cases.json',
);
const corpus = JSON.parse(readFileSync(corpusFile, 'utf8')) as { maxDataBytes: number; cases: CorpusCase[] };

/** Expands the corpus's `{"$repeat": s, "count": n}` notation (a repeated string, or repeated array elements). */
function expand(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(expand);
  if (typeof v !== 'object' || v === null) return v;
  const o = v as Record<string, unknown>;
  if ('$repeat' in o) {
    const count = o['count'] as number;
    const r = o['$repeat'];
    return typeof r === 'string'
      ? r.repeat(count)
      : Array.from({ length: count }, () => r as unknown[]).flat();
  }
  return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, expand(x)]));
}

describe('shared Data corpus (Kotlin parity)', () => {
  it('uses the same limit as Data', () => {
    expect(corpus.maxDataBytes).toBe(Data.MAX_DATA_BYTES);
    expect(corpus.cases.some((c) => c.size === Data.MAX_DATA_BYTES && !c.tooLarge)).toBe(true);
    expect(corpus.cases.some((c) => c.size === Data.MAX_DATA_BYTES + 1 && c.tooLarge)).toBe(true);
  });

  it.each(corpus.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const value = expand(c.value) as Record<string, unknown>;
    expect(c.tooLarge).toBe(c.size > Data.MAX_DATA_BYTES);
    if (c.tooLarge) {
      let error: unknown;
      try {
        encodeData(value, c.shape);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(DataTooLargeError);
      expect((error as DataTooLargeError).size).toBe(c.size);
      return;
    }
    const data = encodeData(value, c.shape);
    expect(data.serializedSize()).toBe(c.size);
    expect(data.toByteArray().length).toBe(c.size);
    for (const [key, text] of Object.entries(c.nestedJson ?? {})) expect(data.getString(key)).toBe(text);
    expect(decodeData(Data.fromByteArray(data.toByteArray()), c.shape)).toEqual(c.decoded ?? value);
  });
});
