import { describe, expect, it } from 'vitest';
import {
  ArrayCreatingInputMerger,
  Data,
  DataTooLargeError,
  InvalidDataError,
  MalformedDataError,
  NULL_STRING_V1,
  OverwritingInputMerger,
} from '../../src/index.js';

describe('Data serialization (spec §7.2, androidx format V1)', () => {
  it('writes the header, count, and each entry as type tag + value + key', () => {
    const bytes = Data.builder().putInt('a', 258).build().toByteArray();
    // magic ABEF, version 1, count 1, tag 3 (int), 0x00000102, key "a" (u16 length 1 + 'a')
    expect([...bytes]).toEqual([0xab, 0xef, 0, 1, 0, 0, 0, 1, 3, 0, 0, 1, 2, 0, 1, 0x61]);
  });

  it('computes sizes exactly: 4 header + 4 count + Σ(1 + value + 2 + key bytes)', () => {
    const data = Data.builder()
      .putBoolean('b', true) // 1 + 1 + 3
      .putByte('y', -1) // 1 + 1 + 3
      .putInt('i', 1) // 1 + 4 + 3
      .putLong('l', 1) // 1 + 8 + 3
      .putFloat('f', 1.5) // 1 + 4 + 3
      .putDouble('d', 1.5) // 1 + 8 + 3
      .putString('s', 'é') // 1 + (2 + 2) + 3
      .putString('n', null) // 1 + 0 + 3
      .putIntArray('ia', [1, 2]) // 1 + (4 + 8) + 4
      .putStringArray('sa', ['x', null]) // 1 + (4 + 3 + 57) + 4
      .build();
    const expected = 8 + 5 + 5 + 8 + 12 + 8 + 12 + 8 + 4 + 17 + 69;
    expect(data.serializedSize()).toBe(expected);
    expect(data.toByteArray().length).toBe(expected);
  });

  it('counts modified UTF-8: U+0000 and U+0080–U+07FF take 2 bytes, other BMP 3, astral 6', () => {
    const size = (s: string) => Data.builder().putString('k', s).build().serializedSize() - (8 + 1 + 2 + 3);
    expect(size('a')).toBe(1);
    expect(size('\u0000')).toBe(2);
    expect(size('\u07ff')).toBe(2);
    expect(size('\u0800')).toBe(3);
    expect(size('😀')).toBe(6);
  });

  it('round-trips every type through bytes, including null string elements and floats', () => {
    const data = Data.builder()
      .putBoolean('b', false)
      .putByte('y', 127)
      .putInt('i', -2_147_483_648)
      .putLong('l', Number.MAX_SAFE_INTEGER)
      .putFloat('f', 0.1)
      .putDouble('d', -0)
      .putString('s', 'a\u0000😀')
      .putString('n', null)
      .putBooleanArray('ba', [true, false])
      .putByteArray('ya', [-128, 0])
      .putIntArray('ia', [])
      .putLongArray('la', [-1])
      .putFloatArray('fa', [1.25, 0.1])
      .putDoubleArray('da', [Math.PI])
      .putStringArray('sa', [null, '', NULL_STRING_V1 + 'x'])
      .build();
    const back = Data.fromByteArray(data.toByteArray());
    expect(back.equals(data)).toBe(true);
    expect(back.getFloat('f', 0)).toBe(Math.fround(0.1));
    // androidx's typed array accessors, each null for another element type.
    expect(back.getByteArray('ya')).toEqual([-128, 0]);
    expect(back.getFloatArray('fa')).toEqual([1.25, Math.fround(0.1)]);
    expect(back.getNumberArray('ya', 'byte')).toEqual([-128, 0]);
    expect(back.getByteArray('ia')).toBeNull();
    expect(back.getFloatArray('da')).toBeNull();
    expect(() => Data.builder().putByteArray('ya', [128])).toThrow(/element 0: 128 is not a valid byte/);
  });

  it('an Int array of 10,241 elements is over the limit (androidx testSerializePastMaxSize)', () => {
    expect(() => Data.builder().putIntArray('k', new Array<number>(10_241).fill(1)).build()).toThrow(
      DataTooLargeError,
    );
    expect(() => Data.builder().putIntArray('k', new Array<number>(10_241).fill(1)).build()).toThrow(
      /Data cannot occupy more than 10240 bytes when serialized \(this Data needs 40980 bytes\)/,
    );
  });

  it('trips at exactly 10,241 bytes and accepts exactly 10,240', () => {
    // 8 header + 1 tag + 2 + len + 2 + 1 (key 'k') = 14 + len
    expect(Data.builder().putString('k', 'x'.repeat(10_226)).build().serializedSize()).toBe(10_240);
    expect(() => Data.builder().putString('k', 'x'.repeat(10_227)).build()).toThrow(DataTooLargeError);
  });

  it('fromByteArray rejects more than 10,240 bytes (androidx testDeserializePastMaxSize)', () => {
    expect(() => Data.fromByteArray(new Uint8Array(10_241))).toThrow(DataTooLargeError);
  });

  it('fromByteArray rejects foreign bytes with a clear error', () => {
    expect(() => Data.fromByteArray(new Uint8Array([1, 2, 3, 4, 0, 0, 0, 0]))).toThrow(MalformedDataError);
    expect(() => Data.fromByteArray(new Uint8Array([0xac, 0xed, 0, 5]))).toThrow(
      /legacy Java-serialization format/,
    );
    expect(() => Data.fromByteArray(new Uint8Array([0xab, 0xef, 0, 1, 0, 0, 0, 1, 3]))).toThrow(
      /unexpected end of data/,
    );
  });

  it('rejects strings longer than writeUTF can encode instead of silently losing the Data', () => {
    expect(() => Data.builder().putString('k', 'x'.repeat(65_536))).toThrow(InvalidDataError);
    expect(() => Data.builder().putString('k', 'x'.repeat(65_536))).toThrow(
      /needs 65536 bytes in modified UTF-8; at most 65535 fit/,
    );
  });
});

describe('Data values and getters (spec §7.1)', () => {
  it('typed getters return the default for a missing key or a value of another type', () => {
    const data = Data.builder().putLong('long', 5).putInt('int', 3).build();
    expect(data.getInt('long', -1)).toBe(-1);
    expect(data.getLong('long', -1)).toBe(5);
    expect(data.getInt('int', -1)).toBe(3);
    expect(data.getInt('missing', 7)).toBe(7);
    expect(data.getString('int')).toBeNull();
    expect(data.getIntArray('int')).toBeNull();
  });

  it('hasKeyWithValueOfType is false for null values and other types', () => {
    const data = Data.builder().putString('n', null).putInt('i', 1).build();
    expect(data.hasKeyWithValueOfType('n', 'string')).toBe(false);
    expect(data.hasKeyWithValueOfType('i', 'int')).toBe(true);
    expect(data.hasKeyWithValueOfType('i', 'long')).toBe(false);
  });

  it('equality is deep; a key mapped to null differs from a missing key; later puts win', () => {
    const a = Data.builder().putIntArray('a', [1, 2]).putString('n', null).build();
    const b = Data.builder().putIntArray('a', [1, 2]).putString('n', null).build();
    expect(a.equals(b)).toBe(true);
    expect(a.equals(Data.builder().putIntArray('a', [1, 2]).build())).toBe(false);
    expect(Data.builder().putInt('k', 1).putInt('k', 2).build().getInt('k', 0)).toBe(2);
  });

  it('arrays compare by content as androidx boxes them: empty arrays of any types are equal, others need one type', () => {
    const empty = (put: (b: ReturnType<typeof Data.builder>) => unknown) => {
      const b = Data.builder();
      put(b);
      return b.build();
    };
    const emptyInts = empty((b) => b.putIntArray('a', []));
    expect(emptyInts.equals(empty((b) => b.putLongArray('a', [])))).toBe(true);
    expect(emptyInts.equals(empty((b) => b.putStringArray('a', [])))).toBe(true);
    expect(empty((b) => b.putBooleanArray('a', [])).equals(emptyInts)).toBe(true);
    // Boxed Integer(1) never equals Long(1), so non-empty arrays of other types differ.
    expect(
      Data.builder()
        .putIntArray('a', [1])
        .build()
        .equals(Data.builder().putLongArray('a', [1]).build()),
    ).toBe(false);
    // An empty array is still not a scalar, nor null.
    expect(emptyInts.equals(Data.builder().putString('a', null).build())).toBe(false);
    expect(emptyInts.equals(Data.builder().putInt('a', 0).build())).toBe(false);
  });

  it('rejects values outside their Kotlin type with the key, the value and the valid range', () => {
    expect(() => Data.builder().putInt('count', 2 ** 31)).toThrow(
      "Data key 'count': 2147483648 is not a valid int; use an integer between -2147483648 and 2147483647",
    );
    expect(() => Data.builder().putByte('b', 1.5)).toThrow(/not a valid byte/);
    expect(() => Data.builder().putLong('l', 2 ** 53)).toThrow(/not a valid long; use a safe integer/);
    expect(() => Data.builder().putIntArray('ia', [1, 0.5])).toThrow(
      "Data key 'ia': element 1: 0.5 is not a valid int",
    );
  });

  it('fromObject infers boolean, double, string, null and homogeneous arrays', () => {
    const data = Data.fromObject({
      b: true,
      n: 1,
      s: 'x',
      z: null,
      ns: [1, 2],
      ss: ['a', null],
      bs: [false],
    });
    expect(Object.fromEntries(data.keys().map((k) => [k, data.get(k)?.type]))).toEqual({
      b: 'boolean',
      n: 'double',
      s: 'string',
      z: 'null',
      ns: 'double[]',
      ss: 'string[]',
      bs: 'boolean[]',
    });
  });

  it('keeps unusual keys such as __proto__ as plain keys', () => {
    const data = Data.builder().putInt('__proto__', 1).build();
    expect(Object.keys(data.toObject())).toEqual(['__proto__']);
    expect(Data.fromByteArray(data.toByteArray()).getInt('__proto__', 0)).toBe(1);
  });

  it('is immutable', () => {
    const data = Data.fromObject({ a: [1] });
    expect(Object.isFrozen(data)).toBe(true);
    expect(Object.isFrozen(data.get('a')?.value)).toBe(true);
  });
});

describe('bad input gets a typed error that shows the value and changes nothing', () => {
  // eslint-disable-next-line no-sparse-arrays
  const sparse = [1, , 3] as number[];

  it('rejects a hole in an array as it rejects a null element, naming the key and the index', () => {
    const message = "Data key 'k': element 1 is missing (the array is sparse); give every element a value";
    expect(() => Data.fromObject({ k: sparse })).toThrow(message);
    expect(() => Data.builder().putAll({ k: sparse })).toThrow(message);
    expect(() => Data.builder().putIntArray('k', sparse)).toThrow(message);
    expect(() => Data.builder().putDoubleArray('k', sparse)).toThrow(InvalidDataError);
    expect(() => Data.builder().put('k', { type: 'long[]', value: sparse })).toThrow(message);
    // eslint-disable-next-line no-sparse-arrays
    expect(() => Data.fromObject({ k: ['a', , null] })).toThrow(
      "Data key 'k': element 1 is missing (the array is sparse); give every element a value, or null",
    );
    const builder = Data.builder().putInt('a', 1);
    expect(() => builder.putIntArray('k', sparse)).toThrow(InvalidDataError);
    expect(builder.build().keys()).toEqual(['a']);
  });

  it('rejects an element type or Data type it does not know, naming the valid ones', () => {
    expect(() => Data.builder().putNumberArray('k', 'short' as never, [1])).toThrow(
      "Data key 'k': \"short\" is not a numeric element type; use one of 'byte', 'int', 'long', 'float', 'double'",
    );
    // An empty array has no element to check, so the type itself must be checked.
    expect(() => Data.builder().put('k', { type: 'short[]', value: [] } as never)).toThrow(
      "Data key 'k': unknown Data type 'short[]'; valid types are boolean, byte, int, long, float, double, string, null, and arrays such as 'int[]'",
    );
    expect(() => Data.builder().put('k', { type: 42, value: 1 } as never)).toThrow(
      "Data key 'k': unknown Data type 42;",
    );
  });

  class Point {
    x = 1;
  }
  it.each([
    ['"str" (a string)', 'str'],
    ['42', 42],
    ['[1,2]', [1, 2]],
    ['null', null],
    ['undefined', undefined],
    ['a Map', new Map([['a', 1]])],
    ['a Date', new Date(0)],
    ['a Point', new Point()],
  ])('fromObject and putAll refuse %s: a plain object or a Data is expected', (shown, values) => {
    expect(() => Data.fromObject(values as never)).toThrow(
      new TypeError(`Data.fromObject expects a plain object of key → value (or a Data), got ${shown}`),
    );
    expect(() => Data.builder().putAll(values as never)).toThrow(
      `Data.Builder.putAll expects a plain object of key → value (or a Data), got ${shown}`,
    );
  });

  it('fromObject takes an object without a prototype', () => {
    const values = Object.assign(Object.create(null) as Record<string, unknown>, { a: true });
    expect(Data.fromObject(values).getBoolean('a', false)).toBe(true);
  });

  it('fromByteArray wants a Uint8Array and says what it got', () => {
    expect(() => Data.fromByteArray('abc' as never)).toThrow(
      new TypeError('Data.fromByteArray expects a Uint8Array, got "abc" (a string)'),
    );
    expect(() => Data.fromByteArray(null as never)).toThrow('expects a Uint8Array, got null');
    expect(() => Data.fromByteArray([1, 2] as never)).toThrow('expects a Uint8Array, got [1,2]');
    const bytes = Data.fromObject({ a: 1 }).toByteArray();
    expect(Data.fromByteArray(Buffer.from(bytes)).getDouble('a', 0)).toBe(1);
  });

  it('refuses a bigint, naming the key and how to store a Long', () => {
    expect(() => Data.fromObject({ a: 1n })).toThrow(InvalidDataError);
    expect(() => Data.fromObject({ a: 1n })).toThrow(
      /^Data key 'a': has invalid type bigint; .*; to store a Long, pass a number \(a safe integer\) to putLong/,
    );
    expect(() => Data.fromObject({ a: [1n] })).toThrow(/array of bigint; .*; to store a Long/);
    expect(() => Data.builder().putLong('l', 1n as never)).toThrow(
      "Data key 'l': 1n (a bigint) is not a valid long",
    );
  });

  it('shows a string as a string where a number or boolean was expected', () => {
    expect(() => Data.builder().putInt('k', '1' as never)).toThrow(
      'Data key \'k\': "1" (a string) is not a valid int',
    );
    expect(() => Data.builder().putBoolean('k', 'true' as never)).toThrow(
      'Data key \'k\': "true" (a string) is not a boolean',
    );
    expect(() => Data.builder().putIntArray('k', '12' as never)).toThrow(
      'Data key \'k\': a int[] value must be an array, got "12" (a string)',
    );
  });

  it.each([
    ['42', 42],
    ['"ab" (a string)', 'ab'],
    ['undefined', undefined],
    ['a Data', Data.fromObject({ a: 1 })],
  ])('the built-in mergers refuse inputs %s: merge takes an array of Data', (shown, inputs) => {
    for (const merger of [OverwritingInputMerger, ArrayCreatingInputMerger]) {
      expect(() => merger.merge(inputs as never)).toThrow(
        new TypeError(
          `${merger.name}.merge(inputs): inputs is ${shown}; pass an array of Data ([own input, output of each prerequisite])`,
        ),
      );
    }
  });

  it.each([
    ['{"a":1}', [Data.EMPTY, { a: 1 }]],
    ['42', [Data.EMPTY, 42]],
    ['null', [Data.EMPTY, null]],
    // eslint-disable-next-line no-sparse-arrays
    ['undefined', [Data.EMPTY, , Data.EMPTY]],
  ])('the built-in mergers refuse an element %s that is not a Data, naming its index', (shown, inputs) => {
    for (const merger of [OverwritingInputMerger, ArrayCreatingInputMerger]) {
      expect(() => merger.merge(inputs as never)).toThrow(
        new TypeError(
          `${merger.name}.merge(inputs): inputs[1] is ${shown}, not a Data; build it with Data.builder()...build() or Data.fromObject`,
        ),
      );
    }
  });
});
