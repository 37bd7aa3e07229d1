import { describe, expect, it } from 'vitest';
import {
  cacheEntryKind,
  choosePrunable,
  RECENT_USE_MS,
  type CacheEntry,
} from '../../src/build/choose-prunable.js';

const NOW = 1_700_000_000_000;
const HOUR = 60 * 60 * 1000;
/** A 16-hex-digit build name from a letter, for readable tables. */
const hash = (letter: string): string => letter.repeat(16);
const build = (letter: string, ageMs: number): CacheEntry => ({
  name: hash(letter),
  kind: 'build',
  mtimeMs: NOW - ageMs,
});

describe('cacheEntryKind', () => {
  it.each([
    ['0123456789abcdef', 'build'],
    ['0123456789abcdef.tmp-Xy12Zq', 'temp'], // writeFolder's mkdtemp
    ['0123456789abcdef.tmp-pruned-0a1b2c3d', 'temp'], // a prune that died half-way
    ['inputs-0123456789abcdef.json.4242.1700000000000.tmp', 'temp'], // writeAtomically's
    ['inputs-0123456789abcdef.json', 'record'],
    ['0123456789ABCDEF', undefined],
    ['0123456789abcde', undefined],
    ['inputs-0123456789abcdef.json.bak', undefined],
    ['notes.txt', undefined],
  ])('%s is %s', (name, kind) => {
    expect(cacheEntryKind(name)).toBe(kind);
  });
});

describe('choosePrunable', () => {
  it('deletes the builds past keep, newest first, that were not used recently; the current one counts first', () => {
    const entries = [build('a', 3 * HOUR), build('b', 2 * HOUR), build('c', 4 * HOUR), build('d', 1 * HOUR)];
    expect(choosePrunable(entries, { keep: 2, current: hash('d'), now: NOW })).toEqual([
      hash('a'),
      hash('c'),
    ]);
    // The current build ranks first even when its time is older (another machine's clock, a coarse file system).
    expect(choosePrunable(entries, { keep: 1, current: hash('c'), now: NOW })).toEqual([
      hash('d'),
      hash('b'),
      hash('a'),
    ]);
    expect(choosePrunable(entries, { keep: 4, current: hash('d'), now: NOW })).toEqual([]);
  });

  it('keeps a build used within RECENT_USE_MS past keep, and drops it once it is older', () => {
    const entries = [build('a', RECENT_USE_MS), build('b', RECENT_USE_MS + 1), build('c', 0)];
    expect(choosePrunable(entries, { keep: 1, current: hash('c'), now: NOW })).toEqual([hash('b')]);
    expect(choosePrunable(entries, { keep: 1, current: hash('c'), now: NOW + 1 })).toEqual([
      hash('a'),
      hash('b'),
    ]);
  });

  it('ranks builds with the same time by name, so every process picks the same ones', () => {
    const entries = [build('b', HOUR), build('a', HOUR), build('c', 0)];
    expect(choosePrunable(entries, { keep: 2, current: hash('c'), now: NOW })).toEqual([hash('b')]);
  });

  it('deletes stale temporary entries and leaves those being written', () => {
    const entries: CacheEntry[] = [
      { name: `${hash('a')}.tmp-old`, kind: 'temp', mtimeMs: NOW - HOUR },
      { name: `${hash('a')}.tmp-new`, kind: 'temp', mtimeMs: NOW - 1000 },
      { name: `inputs-${hash('e')}.json.1.2.tmp`, kind: 'temp', mtimeMs: NOW - HOUR },
      build('b', 0),
    ];
    expect(choosePrunable(entries, { keep: 8, current: hash('b'), now: NOW })).toEqual([
      `${hash('a')}.tmp-old`,
      `inputs-${hash('e')}.json.1.2.tmp`,
    ]);
  });

  it('deletes a stale record only when its build was gone before this pass, or it cannot be read', () => {
    const record = (key: string, build: string | undefined, ageMs: number): CacheEntry => ({
      name: `inputs-${hash(key)}.json`,
      kind: 'record',
      mtimeMs: NOW - ageMs,
      build,
    });
    const entries = [
      build('a', 2 * HOUR), // pruned in this pass: its record waits for the next one
      build('b', 0),
      record('1', hash('a'), 2 * HOUR),
      record('2', hash('b'), 2 * HOUR), // a build reused for hours: records are not touched on reuse
      record('3', hash('z'), 2 * HOUR), // its build is gone
      record('4', hash('y'), 1000), // its build is gone, but it was just written: leave it
      record('5', undefined, 2 * HOUR), // torn
    ];
    expect(choosePrunable(entries, { keep: 1, current: hash('b'), now: NOW })).toEqual([
      hash('a'),
      `inputs-${hash('3')}.json`,
      `inputs-${hash('5')}.json`,
    ]);
  });
});
