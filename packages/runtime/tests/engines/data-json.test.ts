import { Data, type DataShape } from '@workscript/api';
import { describe, expect, it } from 'vitest';
import { dataToJson } from '../../src/engines/quickjs/data-json.js';

const shape: DataShape = {
  fields: [
    { name: 'count', type: { kind: 'int' } },
    { name: 'ids', type: { kind: 'array', element: { kind: 'long' } } },
    { name: 'ratio', type: { kind: 'double' } },
  ],
};

describe('dataToJson (input Data → inputJson)', () => {
  it('reads integral Doubles from shapeless requests as the Int/Long the manifest declares', () => {
    const data = Data.fromObject({ count: 3, ids: [1, 2], ratio: 2 });
    expect(dataToJson(data, shape)).toBe('{"count":3,"ids":[1,2],"ratio":2}');
  });
  it('still rejects a fractional or out-of-range Double for an Int field, naming it', () => {
    expect(() => dataToJson(Data.fromObject({ count: 1.5, ids: [], ratio: 1 }), shape)).toThrow(
      "Data key 'count': expected Data type int, found double",
    );
    expect(() => dataToJson(Data.fromObject({ count: 2 ** 31, ids: [], ratio: 1 }), shape)).toThrow(
      /key 'count'/,
    );
  });
  it('leaves typed Data alone', () => {
    const data = Data.builder().putInt('count', 1).putLongArray('ids', [5]).putDouble('ratio', 0.5).build();
    expect(dataToJson(data, shape)).toBe('{"count":1,"ids":[5],"ratio":0.5}');
  });
});
