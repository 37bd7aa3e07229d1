import { describe, expect, it } from 'vitest';
import { createDeviceState, type NetworkState } from '../../src/index.js';

describe('simulated device state', () => {
  it('refuses values a condition cannot take, naming it and the valid values; the state is unchanged', () => {
    const device = createDeviceState();
    const changes: string[] = [];
    device.onChange(() => changes.push('change'));
    // 'CONNECTED' is a constraint's NetworkType, not a network: taken silently it acted as offline.
    expect(() => device.setNetwork('CONNECTED' as NetworkState)).toThrow(
      'network must be one of NONE, UNMETERED, METERED, ROAMING, TEMPORARILY_UNMETERED (the device\'s network, not a constraint\'s NetworkType), got "CONNECTED" (a string)',
    );
    // "false" is truthy: taken silently, work requiring charging ran on battery.
    expect(() => device.setCharging('false' as unknown as boolean)).toThrow(
      'charging must be true or false, got "false" (a string)',
    );
    expect(() => device.setBatteryNotLow(0.15 as unknown as boolean)).toThrow(
      'batteryNotLow must be true or false, got 0.15',
    );
    expect(() => device.storageNotLow.set(undefined as unknown as boolean)).toThrow(
      'storageNotLow must be true or false',
    );
    expect(() => device.setIdle(null as unknown as boolean)).toThrow('idle must be true or false, got null');
    expect(() => createDeviceState({ network: 'WIFI' as NetworkState })).toThrow('got "WIFI" (a string)');
    expect([device.network.value, device.charging.value, device.batteryNotLow.value]).toEqual([
      'UNMETERED',
      true,
      true,
    ]);
    expect(changes).toEqual([]);

    device.setNetwork('METERED');
    device.setCharging(false);
    expect([device.network.value, device.charging.value, changes.length]).toEqual(['METERED', false, 2]);
  });
});
