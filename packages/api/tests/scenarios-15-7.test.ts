// Spec §15.7 "Data & mergers" (androidx DataTest, ArrayCreatingInputMergerTest, OverwritingInputMergerTest)
// plus the merger facts of §7.3–7.4 that those tests pin down.
import { describe, expect, it } from 'vitest';
import {
  ArrayCreatingInputMerger,
  Data,
  InputMergeError,
  InvalidDataError,
  OverwritingInputMerger,
} from '../src/index.js';

const d = (build: (b: ReturnType<typeof Data.builder>) => unknown): Data => {
  const b = Data.builder();
  build(b);
  return b.build();
};

describe('spec §15.7 Data', () => {
  it('15.7 #84 a builder with no entries has size 0 and EMPTY round-trips through bytes', () => {
    const empty = Data.builder().build();
    expect(empty.size).toBe(0);
    expect(empty).toBe(Data.EMPTY);
    const bytes = Data.EMPTY.toByteArray();
    expect(bytes.length).toBe(8);
    expect(Data.fromByteArray(bytes).equals(Data.EMPTY)).toBe(true);
    expect(Data.fromByteArray(new Uint8Array(0))).toBe(Data.EMPTY);
  });

  it('15.7 #86 putAll with an object value throws an InvalidDataError naming the key', () => {
    expect(() => Data.builder().putAll({ ok: 1, bad: { nested: true } })).toThrow(InvalidDataError);
    expect(() => Data.builder().putAll({ bad: new Date(0) })).toThrow(
      /Data key 'bad': has invalid type Date; valid types are/,
    );
    expect(() => Data.builder().putAll({ mixed: [1, 'a'] })).toThrow(
      /has invalid type array of number\/string/,
    );
  });
});

describe('spec §7.3 OverwritingInputMerger', () => {
  it('later inputs overwrite earlier ones: {k1:v1,k2:v2} + {k1:v1a,k3:v3} → {k1:v1a,k2:v2,k3:v3}', () => {
    const merged = OverwritingInputMerger.merge([
      Data.fromObject({ k1: 'v1', k2: 'v2' }),
      Data.fromObject({ k1: 'v1a', k3: 'v3' }),
    ]);
    expect(merged.size).toBe(3);
    expect(merged.toObject()).toEqual({ k1: 'v1a', k2: 'v2', k3: 'v3' });
  });
});

describe('spec §7.4 ArrayCreatingInputMerger', () => {
  const merge = (...inputs: Data[]) => ArrayCreatingInputMerger.merge(inputs);
  it('a scalar becomes a one-element array: {key:3} → [3]', () => {
    expect(merge(d((b) => b.putInt('key', 3))).get('key')).toEqual({ type: 'int[]', value: [3] });
  });
  it('two scalars of a type: {3}+{3} → [3,3]', () => {
    expect(
      merge(
        d((b) => b.putInt('key', 3)),
        d((b) => b.putInt('key', 3)),
      ).getIntArray('key'),
    ).toEqual([3, 3]);
  });
  it('two arrays are concatenated: [0,1,2]+[0,1,2] → 6 elements', () => {
    const a = d((b) => b.putIntArray('key', [0, 1, 2]));
    expect(merge(a, a).getIntArray('key')).toEqual([0, 1, 2, 0, 1, 2]);
  });
  it('a scalar of the element type is appended: [0,1,2]+3 → [0,1,2,3]', () => {
    expect(
      merge(
        d((b) => b.putIntArray('key', [0, 1, 2])),
        d((b) => b.putInt('key', 3)),
      ).getIntArray('key'),
    ).toEqual([0, 1, 2, 3]);
  });
  it('Int then Long throws', () => {
    expect(() =>
      merge(
        d((b) => b.putInt('key', 1)),
        d((b) => b.putLong('key', 1)),
      ),
    ).toThrow(InputMergeError);
    expect(() =>
      merge(
        d((b) => b.putIntArray('key', [1])),
        d((b) => b.putLongArray('key', [1])),
      ),
    ).toThrow("Cannot merge key 'key': an array of int cannot take a value of type long[]");
  });
  it('null counts as a String: null+null → [null,null]; "b"+null; null+"b"; ["b","c"]+null; null+["b","c"]', () => {
    const nul = d((b) => b.putString('key', null));
    const s = d((b) => b.putString('key', 'b'));
    const arr = d((b) => b.putStringArray('key', ['b', 'c']));
    expect(merge(nul, nul).getStringArray('key')).toEqual([null, null]);
    expect(merge(s, nul).getStringArray('key')).toEqual(['b', null]);
    expect(merge(nul, s).getStringArray('key')).toEqual([null, 'b']);
    expect(merge(arr, nul).getStringArray('key')).toEqual(['b', 'c', null]);
    expect(merge(nul, arr).getStringArray('key')).toEqual([null, 'b', 'c']);
  });
  it('null onto an Int array throws', () => {
    expect(() =>
      merge(
        d((b) => b.putIntArray('key', [1])),
        d((b) => b.putString('key', null)),
      ),
    ).toThrow(InputMergeError);
  });
});
