// Audit of the constants table (spec, "Constants at a glance") where it touches §1, §3, §5.2 and §6: the
// database ids of states, network types, backoff and out-of-quota policies are androidx's
// (WorkTypeConverters), read straight from the SQLite file the runtime wrote.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createOneTimeWorkRequest,
  createPeriodicWorkRequest,
  LONG_MAX_VALUE,
  type NetworkType,
} from '@workscript/api';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestWorkManager } from '../../src/testing/index.js';
import { createSuspendingWorker, FailureWorker, TestWorker } from '../helpers/workers.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function openFileWorkManager() {
  const dir = mkdtempSync(join(tmpdir(), 'workscript-audit-'));
  dirs.push(dir);
  const filename = join(dir, 'work.db');
  const { worker } = createSuspendingWorker('Runner');
  const t = createTestWorkManager({ workers: [TestWorker, FailureWorker, worker], database: filename });
  /** One column as stored, with its SQLite type when `withType` (int64 read exactly, as a bigint). */
  const column = (id: string, name: string, withType = false): unknown => {
    const raw = new BetterSqlite3(filename, { readonly: true });
    try {
      if (withType)
        return raw
          .prepare(`SELECT typeof(${name}) AS type, ${name} AS value FROM work_spec WHERE id = ?`)
          .safeIntegers(true)
          .get(id);
      return raw.prepare(`SELECT ${name} FROM work_spec WHERE id = ?`).pluck().get(id);
    } finally {
      raw.close();
    }
  };
  return { ...t, worker, column };
}

describe('stored ids (androidx WorkTypeConverters)', () => {
  it('states: ENQUEUED 0, RUNNING 1, SUCCEEDED 2, FAILED 3, BLOCKED 4, CANCELLED 5', async () => {
    const { workManager, worker, column } = openFileWorkManager();
    const enqueued = createOneTimeWorkRequest(TestWorker, { constraints: { requiresCharging: true } });
    const running = createOneTimeWorkRequest(worker);
    const succeeded = createOneTimeWorkRequest(TestWorker);
    const failed = createOneTimeWorkRequest(FailureWorker);
    const blocked = createOneTimeWorkRequest(TestWorker);
    const cancelled = createOneTimeWorkRequest(TestWorker, { initialDelayMs: 60_000 });
    await workManager.enqueue([running, succeeded, failed, cancelled]);
    await workManager.beginWith(enqueued).then(blocked).enqueue();
    await workManager.cancelWorkById(cancelled.id);
    const ids = [enqueued, running, succeeded, failed, blocked, cancelled].map((r) => column(r.id, 'state'));
    expect(ids).toEqual([0, 1, 2, 3, 4, 5]);
    // Defaults as stored: a BLOCKED row was never enqueued (−1); NOT_STOPPED is −256.
    expect(column(blocked.id, 'last_enqueue_time')).toBe(-1);
    expect(column(blocked.id, 'stop_reason')).toBe(-256);
    await workManager.close();
  });

  it('network types NOT_REQUIRED 0 … TEMPORARILY_UNMETERED 5; backoff EXPONENTIAL 0 / LINEAR 1; out-of-quota RUN_AS_NON_EXPEDITED 0 / DROP 1', async () => {
    const { workManager, column } = openFileWorkManager();
    const types: NetworkType[] = [
      'NOT_REQUIRED',
      'CONNECTED',
      'UNMETERED',
      'NOT_ROAMING',
      'METERED',
      'TEMPORARILY_UNMETERED',
    ];
    const byType = types.map((t) =>
      createOneTimeWorkRequest(TestWorker, {
        initialDelayMs: 60_000,
        constraints: { requiredNetworkType: t },
      }),
    );
    const linear = createOneTimeWorkRequest(TestWorker, {
      initialDelayMs: 60_000,
      backoff: { policy: 'LINEAR', delayMs: 10_000 },
    });
    const dropped = createOneTimeWorkRequest(TestWorker, {
      expedited: 'DROP_WORK_REQUEST',
      constraints: { requiresStorageNotLow: true },
    });
    const fallback = createOneTimeWorkRequest(TestWorker, {
      expedited: 'RUN_AS_NON_EXPEDITED_WORK_REQUEST',
      constraints: { requiresStorageNotLow: true },
    });
    await workManager.enqueue([...byType, linear, dropped, fallback]);
    expect(byType.map((r) => column(r.id, 'required_network_type'))).toEqual([0, 1, 2, 3, 4, 5]);
    expect([column(byType[0]?.id as string, 'backoff_policy'), column(linear.id, 'backoff_policy')]).toEqual([
      0, 1,
    ]);
    expect([column(fallback.id, 'out_of_quota_policy'), column(dropped.id, 'out_of_quota_policy')]).toEqual([
      0, 1,
    ]);
    expect([column(fallback.id, 'expedited'), column(linear.id, 'expedited')]).toEqual([1, 0]);
    await workManager.close();
  });

  it('"no override" is the INTEGER Long.MAX_VALUE 9223372036854775807, at enqueue and after a run clears an override', async () => {
    const { workManager, column, clock, driver } = openFileWorkManager();
    const plain = createPeriodicWorkRequest(TestWorker, { intervalMs: 900_000, initialDelayMs: 60_000 });
    const overridden = createPeriodicWorkRequest(TestWorker, {
      intervalMs: 900_000,
      nextScheduleTimeOverride: clock.currentTimeMillis() - 1,
    });
    await workManager.enqueue([plain, overridden]);
    const noOverride = { type: 'integer', value: 9223372036854775807n };
    expect(column(plain.id, 'next_schedule_time_override', true)).toEqual(noOverride);
    await driver.setPeriodDelayMet(overridden.id);
    // The run cleared the override (spec §4.4).
    expect(column(overridden.id, 'period_count')).toBe(1);
    expect(column(overridden.id, 'next_schedule_time_override', true)).toEqual(noOverride);
    expect((await workManager.getWorkInfoById(overridden.id))?.nextScheduleTimeMillis).toBe(
      clock.currentTimeMillis() + 900_000,
    );
    expect(LONG_MAX_VALUE).toBe(Number(noOverride.value));
    await workManager.close();
  });
});
