import {
  BACKOFF_POLICIES,
  NETWORK_TYPES,
  OUT_OF_QUOTA_POLICIES,
  WORK_STATES,
  type BackoffPolicy,
  type NetworkType,
  type OutOfQuotaPolicy,
  type WorkState,
} from '@workscript/api';
import { StoredValueError } from './stored-value-error.js';

/**
 * Enum ↔ database id, with androidx's ids (WorkTypeConverters) so a database dump reads the same as an
 * Android one: states ENQUEUED 0 … CANCELLED 5, network NOT_REQUIRED 0 … TEMPORARILY_UNMETERED 5,
 * backoff EXPONENTIAL 0 / LINEAR 1, out-of-quota RUN_AS_NON_EXPEDITED 0 / DROP 1. The api's arrays list
 * the values in exactly that order.
 */
export const TypeConverters = Object.freeze({
  stateToInt: (s: WorkState): number => indexIn(WORK_STATES, s, 'state'),
  intToState: (n: number): WorkState => at(WORK_STATES, n, 'state'),
  networkTypeToInt: (t: NetworkType): number => indexIn(NETWORK_TYPES, t, 'network type'),
  intToNetworkType: (n: number): NetworkType => at(NETWORK_TYPES, n, 'network type'),
  backoffPolicyToInt: (p: BackoffPolicy): number => indexIn(BACKOFF_POLICIES, p, 'backoff policy'),
  intToBackoffPolicy: (n: number): BackoffPolicy => at(BACKOFF_POLICIES, n, 'backoff policy'),
  outOfQuotaPolicyToInt: (p: OutOfQuotaPolicy): number =>
    indexIn(OUT_OF_QUOTA_POLICIES, p, 'out-of-quota policy'),
  intToOutOfQuotaPolicy: (n: number): OutOfQuotaPolicy => at(OUT_OF_QUOTA_POLICIES, n, 'out-of-quota policy'),
});

function at<T>(values: readonly T[], n: number, what: string): T {
  const v = values[n];
  if (v === undefined) throw new StoredValueError(`unknown ${what} id ${n} in a stored row`);
  return v;
}

/** The stored id of an enum value; an unknown one is refused rather than written as −1 (unreadable later). */
function indexIn<T>(values: readonly T[], v: T, what: string): number {
  const n = values.indexOf(v);
  if (n < 0) throw new StoredValueError(`cannot store the unknown ${what} ${JSON.stringify(v)}`);
  return n;
}
