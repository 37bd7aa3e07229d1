import { describe, expect, it } from 'vitest';
import { int, IntegerRangeError, isInt, isLong, long } from '../src/index.js';

describe('Int and Long brands', () => {
  it('int accepts integers in Kotlin Int range and says what is valid otherwise', () => {
    expect(int(2_147_483_647)).toBe(2_147_483_647);
    expect(int(-2_147_483_648)).toBe(-2_147_483_648);
    expect(() => int(2_147_483_648)).toThrow(IntegerRangeError);
    expect(() => int(2_147_483_648)).toThrow(
      '2147483648 is not an Int: use an integer between -2147483648 and 2147483647 (or a Long for larger values)',
    );
    expect(() => int(1.5)).toThrow(/1.5 is not an Int/);
    expect(() => int(Number.NaN)).toThrow(IntegerRangeError);
  });
  it('long accepts safe integers only', () => {
    expect(long(Number.MAX_SAFE_INTEGER)).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => long(2 ** 53)).toThrow(
      /is not a Long: use an integer between -9007199254740991 and 9007199254740991/,
    );
    expect(isLong(1.5)).toBe(false);
    expect(isInt(2 ** 31)).toBe(false);
  });
});
