import { describe, expect, it } from 'vitest';
import {
  checkUniquePeriodicWork,
  checkUniqueWork,
  createPeriodicWorkRequest,
  defineWorker,
  toExistingWorkPolicy,
} from '../../src/index.js';

const w = defineWorker({ name: 'Periodic', run: (_: object, ctx) => ctx.success() });

describe('unique work arguments (spec §4.4, §8)', () => {
  it('15.4 #55 a request with an override cannot use CANCEL_AND_REENQUEUE or REPLACE; UPDATE and KEEP are fine', () => {
    const r = createPeriodicWorkRequest(w, { intervalMs: 900_000, nextScheduleTimeOverride: 123 });
    expect(() => checkUniquePeriodicWork('name', 'CANCEL_AND_REENQUEUE', r)).toThrow(
      'nextScheduleTimeOverride: a request with a next schedule time override cannot be enqueued with CANCEL_AND_REENQUEUE; use UPDATE (preferably) or KEEP',
    );
    expect(() => checkUniquePeriodicWork('name', 'REPLACE', r)).toThrow(/cannot be enqueued with REPLACE/);
    expect(checkUniquePeriodicWork('name', 'UPDATE', r)).toBe('UPDATE');
    expect(checkUniquePeriodicWork('name', 'KEEP', r)).toBe('KEEP');
  });
  it('maps periodic policies as WorkManager does', () => {
    expect(
      ['KEEP', 'REPLACE', 'CANCEL_AND_REENQUEUE', 'UPDATE'].map((p) => toExistingWorkPolicy(p as never)),
    ).toEqual(['KEEP', 'REPLACE', 'REPLACE', 'UPDATE']);
  });
  it('rejects an empty name and an unknown policy', () => {
    expect(() => checkUniqueWork('', 'KEEP')).toThrow(
      'uniqueWorkName: "" is not valid; use a non-empty string',
    );
    expect(() => checkUniqueWork('n', 'MERGE')).toThrow(
      "existingWorkPolicy: \"MERGE\" is not valid; use one of 'REPLACE', 'KEEP', 'APPEND', 'APPEND_OR_REPLACE'",
    );
  });
});
