import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bytesToTriggers, triggersToBytes } from '../../src/store/content-uri-triggers-converter.js';

/**
 * The fixture is what java.io.ObjectOutputStream (JDK 17) wrote for androidx's format: writeInt(40), then
 * for i in 0..39 writeUTF("content://media/external/images/media/" + i) and writeBoolean(i % 2 == 0). At
 * 1,728 bytes it spans two block-data records of 1,024 bytes and less (TC_BLOCKDATALONG, TC_BLOCKDATA).
 */
const forty = Buffer.from(
  readFileSync(new URL('./__fixtures__/forty-triggers.objectstream.hex', import.meta.url), 'utf8').trim(),
  'hex',
);
const fortyTriggers = Array.from({ length: 40 }, (_, i) => ({
  uri: `content://media/external/images/media/${i}`,
  isTriggeredForDescendants: i % 2 === 0,
}));

describe('content_uri_triggers column format (androidx WorkTypeConverters)', () => {
  it('no triggers are no bytes (LENGTH() = 0 marks work without triggers)', () => {
    expect(triggersToBytes([])).toHaveLength(0);
    expect(bytesToTriggers(new Uint8Array(0))).toEqual([]);
  });

  it('writes and reads what ObjectOutputStream does, across its 1,024-byte blocks', () => {
    expect(forty).toHaveLength(1728);
    expect(Buffer.from(triggersToBytes(fortyTriggers)).equals(forty)).toBe(true);
    expect(bytesToTriggers(forty)).toEqual(fortyTriggers);
  });

  it('round-trips modified UTF-8: U+0000, two- and three-byte characters, surrogate pairs', () => {
    const triggers = [{ uri: 'content://x/\u0000é€😀', isTriggeredForDescendants: true }];
    expect(bytesToTriggers(triggersToBytes(triggers))).toEqual(triggers);
  });

  it('names the column when the bytes are not a trigger set', () => {
    expect(() => bytesToTriggers(Uint8Array.from([1, 2, 3, 4]))).toThrow(
      'content_uri_triggers cannot be read (it is not a Java object stream)',
    );
    expect(() => bytesToTriggers(forty.subarray(0, 100))).toThrow(
      'content_uri_triggers cannot be read (a block ends early)',
    );
    expect(() => bytesToTriggers(Uint8Array.from([0xac, 0xed, 0, 5, 0x73]))).toThrow(
      'content_uri_triggers cannot be read (it holds record 0x73 where block data was expected)',
    );
    expect(() => bytesToTriggers(Uint8Array.from([0xac, 0xed, 0, 5, 0x77, 4, 0, 0, 0, 1]))).toThrow(
      'content_uri_triggers cannot be read (it ends early)',
    );
    // One trigger whose 2-byte URI is not modified UTF-8 (0x41 cannot continue 0xc3).
    const malformed = [0xac, 0xed, 0, 5, 0x77, 9, 0, 0, 0, 1, 0, 2, 0xc3, 0x41, 0];
    expect(() => bytesToTriggers(Uint8Array.from(malformed))).toThrow(
      'content_uri_triggers cannot be read (malformed modified UTF-8 at byte',
    );
  });
});
