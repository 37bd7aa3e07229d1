// Property-based tests of the Data encoder and the input mergers (fast-check).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ArrayCreatingInputMerger,
  Data,
  DataTooLargeError,
  InputMergeError,
  modifiedUtf8Length,
  OverwritingInputMerger,
  type DataValue,
} from '../../src/index.js';

const int32 = fc.integer({ min: -2_147_483_648, max: 2_147_483_647 });
const str = fc.string({ unit: 'binary', maxLength: 40 });
const value: fc.Arbitrary<DataValue> = fc.oneof(
  fc.constant({ type: 'null', value: null } as const),
  fc.boolean().map((value) => ({ type: 'boolean', value }) as const),
  fc.integer({ min: -128, max: 127 }).map((value) => ({ type: 'byte', value }) as const),
  int32.map((value) => ({ type: 'int', value }) as const),
  fc.maxSafeInteger().map((value) => ({ type: 'long', value }) as const),
  fc.float({ noNaN: true }).map((value) => ({ type: 'float', value }) as const),
  fc.double({ noNaN: true }).map((value) => ({ type: 'double', value }) as const),
  str.map((value) => ({ type: 'string', value }) as const),
  fc.array(fc.boolean(), { maxLength: 8 }).map((value) => ({ type: 'boolean[]', value }) as const),
  fc.array(int32, { maxLength: 8 }).map((value) => ({ type: 'int[]', value }) as const),
  fc.array(fc.maxSafeInteger(), { maxLength: 8 }).map((value) => ({ type: 'long[]', value }) as const),
  fc
    .array(fc.double({ noNaN: true }), { maxLength: 8 })
    .map((value) => ({ type: 'double[]', value }) as const),
  fc
    .array(fc.option(str, { nil: null }), { maxLength: 8 })
    .map((value) => ({ type: 'string[]', value }) as const),
);
const entries = fc.dictionary(fc.string({ unit: 'binary', maxLength: 12 }), value, { maxKeys: 12 });
const build = (e: Record<string, DataValue>): Data => {
  const b = Data.builder();
  for (const [k, v] of Object.entries(e)) b.put(k, v);
  return b.build();
};

/** Independent size model, straight from spec §7.2. */
const utf = (s: string) => 2 + modifiedUtf8Length(s);
const width: Record<string, number> = { boolean: 1, byte: 1, int: 4, long: 8, float: 4, double: 8 };
const modelSize = (e: Record<string, DataValue>): number =>
  8 +
  Object.entries(e).reduce((n, [k, v]) => {
    let size: number;
    if (v.type === 'null') size = 0;
    else if (v.type === 'string') size = utf(v.value);
    else if (v.type === 'string[]') size = 4 + v.value.reduce((m, s) => m + (s === null ? 57 : utf(s)), 0);
    else if (v.type.endsWith('[]'))
      size = 4 + (v.value as readonly unknown[]).length * (width[v.type.slice(0, -2)] as number);
    else size = width[v.type] as number;
    return n + 1 + size + utf(k);
  }, 0);

describe('Data encoder properties', () => {
  it('round-trips through bytes', () => {
    fc.assert(
      fc.property(entries, (e) => {
        const data = build(e);
        expect(Data.fromByteArray(data.toByteArray()).equals(data)).toBe(true);
      }),
    );
  });

  it('serializedSize equals the byte length and the spec formula', () => {
    fc.assert(
      fc.property(entries, (e) => {
        const data = build(e);
        expect(data.serializedSize()).toBe(data.toByteArray().length);
        expect(data.serializedSize()).toBe(modelSize(e));
      }),
    );
  });

  it('build() throws exactly when the size exceeds 10,240 bytes', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', minLength: 3_000, maxLength: 4_000 }),
        fc.nat(3),
        (s, copies) => {
          const e: Record<string, DataValue> = {};
          for (let i = 0; i <= copies; i++) e[`k${i}`] = { type: 'string', value: s };
          const tooBig = modelSize(e) > 10_240;
          if (tooBig) expect(() => build(e)).toThrow(DataTooLargeError);
          else expect(build(e).serializedSize()).toBe(modelSize(e));
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('input merger laws', () => {
  it('OverwritingInputMerger: the result holds the last value of every key, and merging is associative', () => {
    fc.assert(
      fc.property(fc.array(entries, { maxLength: 4 }), (list) => {
        const inputs = list.map(build);
        const merged = OverwritingInputMerger.merge(inputs);
        const expected = new Map<string, DataValue>();
        for (const e of list) for (const [k, v] of Object.entries(e)) expected.set(k, v);
        expect(merged.equals(build(Object.fromEntries(expected)))).toBe(true);
        if (inputs.length >= 2) {
          const [first, ...rest] = inputs as [Data, ...Data[]];
          expect(
            OverwritingInputMerger.merge([first, OverwritingInputMerger.merge(rest)]).equals(merged),
          ).toBe(true);
        }
      }),
    );
  });

  it('ArrayCreatingInputMerger: same-typed values concatenate in order; mixed types throw', () => {
    const scalarInts = fc.array(fc.oneof(int32, fc.array(int32, { maxLength: 3 })), {
      minLength: 1,
      maxLength: 5,
    });
    fc.assert(
      fc.property(scalarInts, (values) => {
        const inputs = values.map((v) =>
          (Array.isArray(v) ? Data.builder().putIntArray('k', v) : Data.builder().putInt('k', v)).build(),
        );
        expect(ArrayCreatingInputMerger.merge(inputs).getIntArray('k')).toEqual(values.flat());
      }),
    );
    fc.assert(
      fc.property(int32, fc.maxSafeInteger(), (i, l) => {
        expect(() =>
          ArrayCreatingInputMerger.merge([
            Data.builder().putInt('k', i).build(),
            Data.builder().putLong('k', l).build(),
          ]),
        ).toThrow(InputMergeError);
      }),
    );
  });
});
