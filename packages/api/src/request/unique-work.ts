import {
  EXISTING_PERIODIC_WORK_POLICIES,
  type ExistingPeriodicWorkPolicy,
} from '../existing-periodic-work-policy.js';
import { EXISTING_WORK_POLICIES, type ExistingWorkPolicy } from '../existing-work-policy.js';
import { InvalidWorkRequestError } from '../errors.js';
import { LONG_MAX_VALUE } from '../int.js';
import { describeStringInput } from '../internal/describe-value.js';
import { checkOneOf } from '../internal/enum-check.js';
import type { PeriodicWorkRequest } from './work-request.js';

/** `ExistingPeriodicWorkPolicy` → the `ExistingWorkPolicy` WorkManager applies (UPDATE has its own path). */
export function toExistingWorkPolicy(policy: ExistingPeriodicWorkPolicy): ExistingWorkPolicy | 'UPDATE' {
  switch (policy) {
    case 'KEEP':
      return 'KEEP';
    case 'UPDATE':
      return 'UPDATE';
    case 'REPLACE':
    case 'CANCEL_AND_REENQUEUE':
      return 'REPLACE';
  }
}

/**
 * Checks `enqueueUniquePeriodicWork(name, policy, request)` before anything is written: a unique name,
 * a known policy, and no schedule override with a policy that replaces the work (WorkManager:
 * IllegalArgumentException "must be used with UPDATE (preferably) or KEEP").
 */
export function checkUniquePeriodicWork(
  name: unknown,
  policy: unknown,
  request: PeriodicWorkRequest,
): ExistingPeriodicWorkPolicy {
  checkUniqueName(name);
  const p = checkOneOf('existingPeriodicWorkPolicy', policy, EXISTING_PERIODIC_WORK_POLICIES);
  if (toExistingWorkPolicy(p) === 'REPLACE' && request.nextScheduleTimeOverride !== LONG_MAX_VALUE) {
    throw new InvalidWorkRequestError(
      'nextScheduleTimeOverride',
      `a request with a next schedule time override cannot be enqueued with ${p}; use UPDATE (preferably) or KEEP`,
    );
  }
  return p;
}

/** Checks `enqueueUniqueWork(name, policy, requests)` arguments. */
export function checkUniqueWork(name: unknown, policy: unknown): ExistingWorkPolicy {
  checkUniqueName(name);
  return checkOneOf('existingWorkPolicy', policy, EXISTING_WORK_POLICIES);
}

function checkUniqueName(name: unknown): void {
  if (typeof name !== 'string' || name.length === 0) {
    throw new InvalidWorkRequestError(
      'uniqueWorkName',
      `${describeStringInput(name)} is not valid; use a non-empty string`,
    );
  }
}
