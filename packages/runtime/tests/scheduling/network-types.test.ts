import { createOneTimeWorkRequest, NETWORK_TYPES, type NetworkType } from '@workscript/api';
import { describe, expect, it } from 'vitest';
import { NETWORK_STATES, type NetworkState } from '../../src/constraints/trackers/network-state.js';
import { createGreedyWorkManager } from '../helpers/greedy.js';
import { TestWorker } from '../helpers/workers.js';

// Which device networks satisfy each NetworkType, as a device decides it (API 30+). androidx's in-process
// controllers (GreedyScheduler) read a network as metered unless it has NET_CAPABILITY_NOT_METERED, and
// judge TEMPORARILY_UNMETERED like UNMETERED (NetworkUnmeteredController); JobScheduler, which androidx asks
// for NET_CAPABILITY_TEMPORARILY_NOT_METERED, also runs it on a temporarily unmetered network. A device runs
// the work when either starts it, so TEMPORARILY_UNMETERED work runs on both unmetered kinds, and a
// temporarily unmetered network still counts as metered for UNMETERED and METERED work.
const SATISFIED_BY: Record<NetworkType, readonly NetworkState[]> = {
  NOT_REQUIRED: ['NONE', 'UNMETERED', 'METERED', 'ROAMING', 'TEMPORARILY_UNMETERED'],
  CONNECTED: ['UNMETERED', 'METERED', 'ROAMING', 'TEMPORARILY_UNMETERED'],
  UNMETERED: ['UNMETERED'],
  NOT_ROAMING: ['UNMETERED', 'METERED', 'TEMPORARILY_UNMETERED'],
  METERED: ['METERED', 'ROAMING', 'TEMPORARILY_UNMETERED'],
  TEMPORARILY_UNMETERED: ['UNMETERED', 'TEMPORARILY_UNMETERED'],
};

const cases = NETWORK_TYPES.flatMap((type) =>
  NETWORK_STATES.map((network) => [type, network, SATISFIED_BY[type].includes(network)] as const),
);

describe('§6 requiredNetworkType against the device network (GreedyScheduler)', () => {
  it('covers every NetworkType and every simulated network', () => {
    expect(Object.keys(SATISFIED_BY).sort()).toEqual([...NETWORK_TYPES].sort());
    expect(cases).toHaveLength(NETWORK_TYPES.length * NETWORK_STATES.length);
  });

  it.each(cases)('%s on a %s network runs: %s', async (type, network, runs) => {
    const { workManager, deviceState } = createGreedyWorkManager([TestWorker]);
    deviceState.setNetwork(network);
    const request = createOneTimeWorkRequest(TestWorker, { constraints: { requiredNetworkType: type } });
    await workManager.enqueue(request);
    await workManager.settle();
    expect((await workManager.getWorkInfoById(request.id))?.state).toBe(runs ? 'SUCCEEDED' : 'ENQUEUED');
    await workManager.close();
  });
});
