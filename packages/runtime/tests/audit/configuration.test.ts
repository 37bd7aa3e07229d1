import type * as NodeOs from 'node:os';
import { describe, expect, it, vi } from 'vitest';
import { defaultPoolSize } from '../../src/index.js';

// Audit of spec §13.3 (Configuration) and the constants table: the default executor size is
// max(2, min(CPU − 1, 4)). The CPU count is Node's `os.availableParallelism()`, replaced here so the
// formula is checked for machines other than this one (vi.mock is hoisted above the imports).

const cpus = vi.hoisted(() => ({ count: 1 }));
vi.mock('node:os', async (importOriginal) => {
  const os = await importOriginal<typeof NodeOs>();
  return { ...os, availableParallelism: () => cpus.count };
});

describe('§13.3 default executor size', () => {
  it.each([
    [1, 2],
    [2, 2],
    [3, 2],
    [4, 3],
    [5, 4],
    [8, 4],
    [64, 4],
  ])('%i CPUs → %i threads', (count, expected) => {
    cpus.count = count;
    expect(defaultPoolSize()).toBe(expected);
  });
});
