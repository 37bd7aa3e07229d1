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

/**
 * Enum ↔ database id, with androidx's ids (WorkTypeConverters) so a database dump reads the same as an
 * Android one: states ENQUEUED 0 … CANCELLED 5, network NOT_REQUIRED 0 … TEMPORARILY_UNMETERED 5,
 * backoff EXPONENTIAL 0 / LINEAR 1, out-of-quota RUN_AS_NON_EXPEDITED 0 / DROP 1. The api's arrays list
 * the values in exactly that order.
 */
export const TypeConverters = Object.freeze({
  stateToInt: (s: WorkState): number => WORK_STATES.indexOf(s),
  intToState: (n: number): WorkState => at(WORK_STATES, n, 'state'),
  networkTypeToInt: (t: NetworkType): number => NETWORK_TYPES.indexOf(t),
  intToNetworkType: (n: number): NetworkType => at(NETWORK_TYPES, n, 'network type'),
  backoffPolicyToInt: (p: BackoffPolicy): number => BACKOFF_POLICIES.indexOf(p),
  intToBackoffPolicy: (n: number): BackoffPolicy => at(BACKOFF_POLICIES, n, 'backoff policy'),
  outOfQuotaPolicyToInt: (p: OutOfQuotaPolicy): number => OUT_OF_QUOTA_POLICIES.indexOf(p),
  intToOutOfQuotaPolicy: (n: number): OutOfQuotaPolicy => at(OUT_OF_QUOTA_POLICIES, n, 'out-of-quota policy'),
});

function at<T>(values: readonly T[], n: number, what: string): T {
  const v = values[n];
  if (v === undefined) throw new Error(`Corrupt work database: unknown ${what} id ${n}`);
  return v;
}
