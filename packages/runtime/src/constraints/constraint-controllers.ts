import { StopReason, type NetworkType, type ResolvedConstraints } from '@workscript/api';
import type { DeviceState } from './device-state.js';
import type { NetworkState } from './trackers/network-state.js';

/** Judges one constraint against the device (androidx `ConstraintController`). */
export interface ConstraintController {
  /** Whether the spec's constraints ask for this condition. */
  hasConstraint(constraints: ResolvedConstraints): boolean;
  /** Whether the device satisfies it now. */
  isMet(constraints: ResolvedConstraints, device: DeviceState): boolean;
  /** The stop reason when it stops holding while the work runs. */
  readonly stopReason: StopReason;
}

/**
 * The device networks that satisfy each NetworkType, as a device (API 30+) decides. androidx's in-process
 * controllers read a network as metered unless it has NET_CAPABILITY_NOT_METERED, which a temporarily
 * unmetered one lacks, and judge TEMPORARILY_UNMETERED like UNMETERED (`NetworkUnmeteredController`); its
 * JobScheduler request asks for NET_CAPABILITY_TEMPORARILY_NOT_METERED instead. Work runs when either
 * scheduler starts it, so TEMPORARILY_UNMETERED is met by both unmetered kinds, and a temporarily unmetered
 * network counts as metered otherwise (`tests/scheduling/network-types.test.ts`).
 */
const NETWORK_SATISFIES: Record<Exclude<NetworkType, 'NOT_REQUIRED'>, readonly NetworkState[]> = {
  CONNECTED: ['UNMETERED', 'METERED', 'ROAMING', 'TEMPORARILY_UNMETERED'],
  UNMETERED: ['UNMETERED'],
  NOT_ROAMING: ['UNMETERED', 'METERED', 'TEMPORARILY_UNMETERED'],
  METERED: ['METERED', 'ROAMING', 'TEMPORARILY_UNMETERED'],
  TEMPORARILY_UNMETERED: ['UNMETERED', 'TEMPORARILY_UNMETERED'],
};

/**
 * Every controller, in androidx's order (charging, battery-not-low, storage-not-low, network, idle); when
 * several constraints are lost at once, the first one's stop reason is reported.
 */
export const CONSTRAINT_CONTROLLERS: readonly ConstraintController[] = Object.freeze([
  {
    hasConstraint: (c) => c.requiresCharging,
    isMet: (_c, d) => d.charging.value,
    stopReason: StopReason.CONSTRAINT_CHARGING,
  },
  {
    hasConstraint: (c) => c.requiresBatteryNotLow,
    isMet: (_c, d) => d.batteryNotLow.value,
    stopReason: StopReason.CONSTRAINT_BATTERY_NOT_LOW,
  },
  {
    hasConstraint: (c) => c.requiresStorageNotLow,
    isMet: (_c, d) => d.storageNotLow.value,
    stopReason: StopReason.CONSTRAINT_STORAGE_NOT_LOW,
  },
  {
    hasConstraint: (c) => c.requiredNetworkType !== 'NOT_REQUIRED',
    isMet: (c, d) =>
      c.requiredNetworkType === 'NOT_REQUIRED' ||
      NETWORK_SATISFIES[c.requiredNetworkType].includes(d.network.value),
    stopReason: StopReason.CONSTRAINT_CONNECTIVITY,
  },
  {
    hasConstraint: (c) => c.requiresDeviceIdle,
    isMet: (_c, d) => d.idle.value,
    stopReason: StopReason.CONSTRAINT_DEVICE_IDLE,
  },
]);

/** The stop reason of the first unmet constraint, or null when all are met. */
export function unmetConstraintReason(
  constraints: ResolvedConstraints,
  device: DeviceState,
): StopReason | null {
  for (const c of CONSTRAINT_CONTROLLERS) {
    if (c.hasConstraint(constraints) && !c.isMet(constraints, device)) return c.stopReason;
  }
  return null;
}
