import { describe, expect, it } from 'vitest';
import { Data, defineInputMerger } from '../../src/index.js';
import { mergeInputs } from '../../src/guest/merge-inputs.js';

const count = defineInputMerger({
  name: 'Count',
  merge: (inputs) => Data.builder().putInt('n', inputs.length).build(),
});

describe('mergeInputs', () => {
  it('encodes what the merger returns for the decoded inputs', () => {
    expect(mergeInputs(count, '[{},{"a":["string","x"]}]')).toBe('{"ok":true,"data":{"n":["int",2]}}');
  });

  it.each([['not json'], ['[1'], [''], ['{"a":["int",1]}'], ['null']])(
    'answers inputsJson %j, not a JSON array, with a TypeError of its own rather than the engine’s message',
    (inputsJson) => {
      const result = JSON.parse(mergeInputs(count, inputsJson)) as { ok: boolean; error: unknown };
      expect(result).toEqual({
        ok: false,
        error: {
          name: 'TypeError',
          message: "inputsJson of merger 'Count' must be a JSON array of Data objects",
          stack: expect.any(String) as unknown,
        },
      });
    },
  );
});
