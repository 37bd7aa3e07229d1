import { describe, expect, it } from 'vitest';
import { Data, decodeData, encodeData, InvalidDataError, type DataShape } from '../../src/index.js';

const address: DataShape = {
  fields: [
    { name: 'city', type: { kind: 'string' } },
    { name: 'zip', type: { kind: 'int' }, optional: true },
  ],
};
const shape: DataShape = {
  fields: [
    { name: 'since', type: { kind: 'string' } },
    { name: 'pageSize', type: { kind: 'int' } },
    { name: 'maxBytes', type: { kind: 'long' } },
    { name: 'ratio', type: { kind: 'double' } },
    { name: 'dryRun', type: { kind: 'boolean' } },
    { name: 'kind', type: { kind: 'enum', values: ['contact', 'photo'] } },
    {
      name: 'kinds',
      type: { kind: 'array', element: { kind: 'enum', values: ['contact', 'photo'] } },
      optional: true,
    },
    { name: 'ids', type: { kind: 'array', element: { kind: 'long' } } },
    { name: 'home', type: { kind: 'object', shape: address } },
    { name: 'others', type: { kind: 'array', element: { kind: 'object', shape: address } }, optional: true },
  ],
};

describe('encodeData / decodeData (the shared TS ↔ Kotlin Data contract)', () => {
  const value = {
    since: '2026-01-01',
    pageSize: 50,
    maxBytes: 2 ** 40,
    ratio: 0.5,
    dryRun: false,
    kind: 'photo',
    ids: [1, 2],
    home: { zip: 1000, city: 'Bern' },
  };

  it('stores each field with its Kotlin type; nested objects as JSON in shape field order', () => {
    const data = encodeData(value, shape);
    expect(data.toJSON()).toEqual({
      since: { type: 'string', value: '2026-01-01' },
      pageSize: { type: 'int', value: 50 },
      maxBytes: { type: 'long', value: 2 ** 40 },
      ratio: { type: 'double', value: 0.5 },
      dryRun: { type: 'boolean', value: false },
      kind: { type: 'string', value: 'photo' },
      ids: { type: 'long[]', value: [1, 2] },
      home: { type: 'string', value: '{"city":"Bern","zip":1000}' },
    });
    expect(data.keys()).not.toContain('kinds');
  });

  it('round-trips through Data and bytes', () => {
    const full = { ...value, kinds: ['contact'], others: [{ city: 'Basel' }] };
    const back = decodeData(Data.fromByteArray(encodeData(full, shape).toByteArray()), shape);
    expect(back).toEqual({ ...full, home: { city: 'Bern', zip: 1000 } });
  });

  it('names the field and the expectation on bad values', () => {
    expect(() => encodeData({ ...value, pageSize: 1.5 }, shape)).toThrow(
      "Data key 'pageSize': expected an Int (integer between -2147483648 and 2147483647), got 1.5",
    );
    expect(() => encodeData({ ...value, kind: 'video' }, shape)).toThrow(
      "Data key 'kind': expected one of 'contact', 'photo', got \"video\" (a string)",
    );
    expect(() => encodeData({ ...value, home: { zip: 1 } }, shape)).toThrow(
      "Data key 'home.city': is required but missing",
    );
    expect(() => encodeData({ ...value, ids: [1, 'x'] }, shape)).toThrow(
      "Data key 'ids[1]': expected a Long (safe integer)",
    );
    const { since: _since, ...missing } = value;
    expect(() => encodeData(missing, shape)).toThrow(InvalidDataError);
  });

  it('rejects a hole in an array, naming the key and the index', () => {
    // eslint-disable-next-line no-sparse-arrays
    const sparse = [1, , 3] as number[];
    expect(() => encodeData({ ...value, ids: sparse }, shape)).toThrow(
      "Data key 'ids[1]': is missing (the array is sparse); give every element a value",
    );
    // eslint-disable-next-line no-sparse-arrays
    const others = [{ city: 'Basel' }, , { city: 'Chur' }] as { city: string }[];
    expect(() => encodeData({ ...value, others }, shape)).toThrow(
      "Data key 'others[1]': is missing (the array is sparse)",
    );
  });

  it('rejects a field kind it does not know instead of skipping the field', () => {
    const odd = { fields: [{ name: 'n', type: { kind: 'short' } }] } as unknown as DataShape;
    expect(() => encodeData({ n: 1 }, odd)).toThrow(
      "Data key 'n': the shape gives it kind \"short\", which is not a field kind; use one of 'boolean', 'int', 'long', 'double', 'string', 'enum', 'array', 'object'",
    );
    expect(() => decodeData(Data.fromObject({ n: 1 }), odd)).toThrow(InvalidDataError);
  });

  it('shows a bigint or NaN as it is', () => {
    expect(() => encodeData({ ...value, maxBytes: 1n }, shape)).toThrow(
      "Data key 'maxBytes': expected a Long (safe integer), got 1n (a bigint)",
    );
    expect(() => encodeData({ ...value, pageSize: NaN }, shape)).toThrow(/, got NaN$/);
  });

  it('decoding reports a key with the wrong Data type', () => {
    const data = Data.builder().putLong('n', 1).build();
    expect(() => decodeData(data, { fields: [{ name: 'n', type: { kind: 'int' } }] })).toThrow(
      "Data key 'n': expected Data type int, found long",
    );
    expect(() =>
      decodeData(Data.fromObject({ o: '{' }), {
        fields: [{ name: 'o', type: { kind: 'object', shape: address } }],
      }),
    ).toThrow(/not valid JSON/);
    expect(
      decodeData(Data.builder().putString('z', null).build(), {
        fields: [{ name: 'z', type: { kind: 'int' }, optional: true }],
      }),
    ).toEqual({});
  });
});
