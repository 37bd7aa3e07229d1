// The tagged Data JSON that crosses the bridge for input mergers: exact text, lossless round trips, clear errors.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  Data,
  DataTooLargeError,
  InvalidDataError,
  dataFromTaggedJson,
  dataToTaggedJson,
  type DataValue,
} from '../../src/index.js';

describe('dataToTaggedJson', () => {
  it('writes one [type, value] pair per key, longs as strings and special numbers as strings', () => {
    const data = Data.builder()
      .putInt('i', -3)
      .putLong('l', Number.MAX_SAFE_INTEGER)
      .putDouble('nan', NaN)
      .putDouble('inf', -Infinity)
      .putFloat('negZero', -0)
      .putDouble('d', 0.1)
      .put('n', { type: 'null', value: null })
      .putStringArray('s', ['é', null])
      .put('ls', { type: 'long[]', value: [1, -2] })
      .build();
    expect(dataToTaggedJson(data)).toBe(
      '{"i":["int",-3],"l":["long","9007199254740991"],"nan":["double","NaN"],"inf":["double","-Infinity"],' +
        '"negZero":["float","-0"],"d":["double",0.1],"n":["null",null],"s":["string[]",["é",null]],' +
        '"ls":["long[]",["1","-2"]]}',
    );
  });

  it('keeps a key named __proto__ as a key', () => {
    const data = Data.builder().putInt('__proto__', 1).build();
    expect(dataToTaggedJson(data)).toBe('{"__proto__":["int",1]}');
    expect(dataFromTaggedJson(dataToTaggedJson(data), 'x').equals(data)).toBe(true);
  });

  it('writes Data.EMPTY as {}', () => {
    expect(dataToTaggedJson(Data.EMPTY)).toBe('{}');
    expect(dataFromTaggedJson('{}', 'x')).toBe(Data.EMPTY);
  });
});

describe('dataFromTaggedJson', () => {
  const number = (type: 'float' | 'double') =>
    fc.double().map((value) => ({ type, value: type === 'float' ? Math.fround(value) : value }) as DataValue);
  const value: fc.Arbitrary<DataValue> = fc.oneof(
    fc.constant({ type: 'null', value: null } as const),
    fc.boolean().map((value) => ({ type: 'boolean', value }) as const),
    fc.integer({ min: -128, max: 127 }).map((value) => ({ type: 'byte', value }) as const),
    fc.integer({ min: -2_147_483_648, max: 2_147_483_647 }).map((value) => ({ type: 'int', value }) as const),
    fc.maxSafeInteger().map((value) => ({ type: 'long', value }) as const),
    number('float'),
    number('double'),
    fc.string({ unit: 'binary', maxLength: 20 }).map((value) => ({ type: 'string', value }) as const),
    fc.array(fc.maxSafeInteger(), { maxLength: 5 }).map((value) => ({ type: 'long[]', value }) as const),
    fc.array(fc.double(), { maxLength: 5 }).map((value) => ({ type: 'double[]', value }) as const),
    fc
      .array(fc.option(fc.string({ maxLength: 8 }), { nil: null }), { maxLength: 5 })
      .map((value) => ({ type: 'string[]', value }) as const),
  );

  it('reads back exactly what dataToTaggedJson wrote (NaN, -0 and every type included)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 10 }), value, { maxKeys: 8 }), (entries) => {
        const builder = Data.builder();
        for (const [k, v] of Object.entries(entries)) builder.put(k, v);
        const data = builder.build();
        expect(dataFromTaggedJson(dataToTaggedJson(data), 'round trip').equals(data)).toBe(true);
      }),
    );
  });

  it('refuses a long beyond the safe integers rather than rounding it', () => {
    expect(() => dataFromTaggedJson('{"big":["long","9007199254740993"]}', 'inputs[0]')).toThrow(
      "inputs[0]: key 'big': the long 9007199254740993 is outside JavaScript's safe integers",
    );
  });

  it('names the key and what was expected for malformed values', () => {
    expect(() => dataFromTaggedJson('{"a":["long",5]}', 'in')).toThrow(
      "in: key 'a': a long must be a decimal string, got 5",
    );
    expect(() => dataFromTaggedJson('{"a":["double","five"]}', 'in')).toThrow(
      'in: key \'a\': expected a number, got "five"',
    );
    expect(() => dataFromTaggedJson('{"a":3}', 'in')).toThrow(
      "in: key 'a' must be a [type, value] pair, got 3",
    );
    expect(() => dataFromTaggedJson('[1]', 'in')).toThrow('in must be a JSON object of [type, value] pairs');
    expect(() => dataFromTaggedJson('{', 'in')).toThrow('in is not JSON');
    expect(() => dataFromTaggedJson('{"a":["int",2147483648]}', 'in')).toThrow(InvalidDataError);
    expect(() => dataFromTaggedJson('{"a":["uuid","x"]}', 'in')).toThrow("unknown Data type 'uuid'");
    expect(() => dataFromTaggedJson({ a: ['int', 1] } as never, 'in')).toThrow(
      new TypeError('in must be JSON text, got {"a":["int",1]}'),
    );
  });

  it('applies the 10,240-byte limit as Data.Builder.build() does', () => {
    const json = JSON.stringify({ s: ['string', 'x'.repeat(10_240)] });
    expect(() => dataFromTaggedJson(json, 'in')).toThrow(DataTooLargeError);
  });
});
