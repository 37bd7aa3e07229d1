import { parseContentUri } from './content-uri.js';
import { createStateTracker, type StateTracker } from './trackers/state-tracker.js';
import { NETWORK_STATES, type NetworkState } from './trackers/network-state.js';
import { showValue } from '../internal/show-value.js';

/**
 * The simulated device that constraints are judged against: one settable tracker per condition. Set them
 * from tests or your app (`deviceState.setCharging(false)`); waiting work starts and running work stops
 * as on a phone.
 */
export interface DeviceState {
  /** Network connectivity. */
  readonly network: StateTracker<NetworkState>;
  /** Plugged in. */
  readonly charging: StateTracker<boolean>;
  /** Battery above the "low" threshold. */
  readonly batteryNotLow: StateTracker<boolean>;
  /** Storage above the "low" threshold. */
  readonly storageNotLow: StateTracker<boolean>;
  /** Device idle (doze maintenance window). */
  readonly idle: StateTracker<boolean>;
  /** Shorthand for `network.set(state)`. */
  setNetwork(state: NetworkState): void;
  /** Shorthand for `charging.set(value)`. */
  setCharging(value: boolean): void;
  /** Shorthand for `batteryNotLow.set(value)`. */
  setBatteryNotLow(value: boolean): void;
  /** Shorthand for `storageNotLow.set(value)`. */
  setStorageNotLow(value: boolean): void;
  /** Shorthand for `idle.set(value)`. */
  setIdle(value: boolean): void;
  /** Subscribes to any change; returns the unsubscribe function. */
  onChange(listener: () => void): () => void;
  /**
   * Reports that content at `uri` changed, as a content provider's `ContentResolver.notifyChange(uri)` does
   * on a device: work whose content-URI triggers match it starts after its trigger delays (see
   * `Constraints.contentUriTriggers`).
   * @throws TypeError when `uri` is not a `content://` URI.
   */
  notifyContentChange(uri: string): void;
  /** Subscribes to content changes; returns the unsubscribe function. */
  onContentChange(listener: (uri: string) => void): () => void;
}

/** Initial values of a {@link DeviceState}. */
export interface DeviceStateOptions {
  /** Default `'UNMETERED'` (a laptop on Wi-Fi). */
  readonly network?: NetworkState;
  /** Default `true`. */
  readonly charging?: boolean;
  /** Default `true`. */
  readonly batteryNotLow?: boolean;
  /** Default `true`. */
  readonly storageNotLow?: boolean;
  /** Default `false`: a device in use is not idle. */
  readonly idle?: boolean;
}

/**
 * Creates a {@link DeviceState}; the defaults describe a plugged-in laptop on Wi-Fi that is in use.
 * @throws TypeError, here or from a setter, for a value the state cannot take (naming it and the valid ones).
 */
export function createDeviceState(options: DeviceStateOptions = {}): DeviceState {
  const network = createStateTracker<NetworkState>(options.network ?? 'UNMETERED', (v) => {
    if (!NETWORK_STATES.includes(v as NetworkState))
      throw new TypeError(
        `network must be one of ${NETWORK_STATES.join(', ')} (the device's network, not a constraint's NetworkType), got ${showValue(v)}`,
      );
  });
  const flag = (name: string) => (v: unknown) => {
    if (typeof v !== 'boolean') throw new TypeError(`${name} must be true or false, got ${showValue(v)}`);
  };
  const charging = createStateTracker(options.charging ?? true, flag('charging'));
  const batteryNotLow = createStateTracker(options.batteryNotLow ?? true, flag('batteryNotLow'));
  const storageNotLow = createStateTracker(options.storageNotLow ?? true, flag('storageNotLow'));
  const idle = createStateTracker(options.idle ?? false, flag('idle'));
  const all = [network, charging, batteryNotLow, storageNotLow, idle] as StateTracker<unknown>[];
  const contentListeners = new Set<(uri: string) => void>();
  return {
    network,
    charging,
    batteryNotLow,
    storageNotLow,
    idle,
    setNetwork: (s) => network.set(s),
    setCharging: (v) => charging.set(v),
    setBatteryNotLow: (v) => batteryNotLow.set(v),
    setStorageNotLow: (v) => storageNotLow.set(v),
    setIdle: (v) => idle.set(v),
    onChange(listener) {
      const offs = all.map((t) => t.onChange(() => listener()));
      return () => offs.forEach((off) => off());
    },
    notifyContentChange(uri) {
      if (parseContentUri(uri) === null)
        throw new TypeError(
          `notifyContentChange needs a content:// URI such as 'content://media/external/images/media/42', got ${JSON.stringify(uri)}`,
        );
      for (const listener of [...contentListeners]) listener(uri);
    },
    onContentChange(listener) {
      contentListeners.add(listener);
      return () => contentListeners.delete(listener);
    },
  };
}
