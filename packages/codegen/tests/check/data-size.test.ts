import { encodeData } from '@workscript/api';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dataSize } from '../../src/check/data-size.js';
import type { ShapeModel, TypeModel } from '../../src/model/project-model.js';
import { toDataShape } from '../../src/model/to-data-shape.js';
import { at } from '../helpers/model-fixtures.js';

const field = (name: string, type: TypeModel, optional = false) => ({ name, optional, type, span: at(1) });
const SHAPE: ShapeModel = {
  fields: [
    field('b', { kind: 'boolean' }),
    field('i', { kind: 'int' }),
    field('l', { kind: 'long' }),
    field('d', { kind: 'double' }),
    field('s', { kind: 'string' }),
    field('e', { kind: 'enum', values: ['a', 'é', '\u{1F600}'] }),
    field('ai', { kind: 'array', element: { kind: 'int' } }),
    field('ad', { kind: 'array', element: { kind: 'double' } }),
    field('as', { kind: 'array', element: { kind: 'string' } }),
    field('ae', { kind: 'array', element: { kind: 'enum', values: ['x', 'y'] } }),
    field('o', {
      kind: 'object',
      shape: { fields: [field('t', { kind: 'string' }), field('n', { kind: 'int' })] },
    }),
    field('aa', { kind: 'array', element: { kind: 'array', element: { kind: 'long' } } }),
    field('opt', { kind: 'string' }, true),
  ],
};

const text = fc.string({ unit: 'binary', maxLength: 12 });
const int = fc.integer({ min: -2_147_483_648, max: 2_147_483_647 });
const value = fc.record(
  {
    b: fc.boolean(),
    i: int,
    l: fc.maxSafeInteger(),
    d: fc.double({ noNaN: true, noDefaultInfinity: true }),
    s: text,
    e: fc.constantFrom('a', 'é', '\u{1F600}'),
    ai: fc.array(int, { maxLength: 5 }),
    ad: fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { maxLength: 5 }),
    as: fc.array(text, { maxLength: 5 }),
    ae: fc.array(fc.constantFrom('x', 'y'), { maxLength: 5 }),
    o: fc.record({ t: text, n: int }),
    aa: fc.array(fc.array(fc.maxSafeInteger(), { maxLength: 3 }), { maxLength: 3 }),
    opt: text,
  },
  { requiredKeys: ['b', 'i', 'l', 'd', 's', 'e', 'ai', 'ad', 'as', 'ae', 'o', 'aa'] },
);

describe('dataSize', () => {
  it("equals the serialized size of @workscript/api's encodeData for every shape kind (modified UTF-8 included)", () => {
    fc.assert(
      fc.property(value, (v) => {
        expect(dataSize(v, SHAPE)).toBe(encodeData(v, toDataShape(SHAPE)).serializedSize());
      }),
      { numRuns: 300 },
    );
  });
});
