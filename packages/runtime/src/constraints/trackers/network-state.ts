/**
 * The simulated network (androidx `NetworkState`): `NONE` (offline), `UNMETERED` (e.g. Wi-Fi),
 * `METERED` (e.g. cellular), `ROAMING` (metered and roaming), `TEMPORARILY_UNMETERED` (metered network
 * the carrier currently does not bill).
 */
export type NetworkState = 'NONE' | 'UNMETERED' | 'METERED' | 'ROAMING' | 'TEMPORARILY_UNMETERED';

/** Every {@link NetworkState}. */
export const NETWORK_STATES: readonly NetworkState[] = Object.freeze([
  'NONE',
  'UNMETERED',
  'METERED',
  'ROAMING',
  'TEMPORARILY_UNMETERED',
]);
