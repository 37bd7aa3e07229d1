/**
 * The network a work request needs, with androidx.work `NetworkType`'s names.
 * `TEMPORARILY_UNMETERED` exists on Android API 30+.
 */
export const NetworkType = {
  /** No network requirement (default). */
  NOT_REQUIRED: 'NOT_REQUIRED',
  /** Any working network connection. */
  CONNECTED: 'CONNECTED',
  /** An unmetered network connection. */
  UNMETERED: 'UNMETERED',
  /** A non-roaming network connection. */
  NOT_ROAMING: 'NOT_ROAMING',
  /** A metered network connection. */
  METERED: 'METERED',
  /** A network that is temporarily unmetered (API 30+). */
  TEMPORARILY_UNMETERED: 'TEMPORARILY_UNMETERED',
} as const;

/** One of {@link NetworkType}'s values. */
export type NetworkType = (typeof NetworkType)[keyof typeof NetworkType];

/** Every {@link NetworkType}, in WorkManager's database order (ids 0–5). */
export const NETWORK_TYPES: readonly NetworkType[] = Object.freeze(Object.values(NetworkType));
