// The pool both thread executors share: after terminate() no attempt gets a thread, and none starts.
import type { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import {
  createThreadPool,
  type PooledThread,
  WorkerThreadDiedError,
} from '../../src/execution/thread-pool.js';

type Slot = PooledThread<{ readonly reject: (error: Error) => void }>;

/** A pool over fake threads that counts how many were spawned. */
function fakePool(size: number) {
  let spawned = 0;
  const pool = createThreadPool<Slot>(size, () => {
    spawned++;
    const thread = { ref() {}, unref() {}, terminate: async () => 0 } as unknown as Worker;
    return { thread, busy: false, tasks: new Map() };
  });
  return { pool, spawned: () => spawned };
}

describe('thread pool', () => {
  it('terminate() rejects attempts waiting for a thread, and later releases start none', async () => {
    const { pool, spawned } = fakePool(1);
    const busy = await pool.acquire();
    const waiting = pool.acquire();
    await pool.terminate();
    await expect(waiting).rejects.toThrow('terminated');
    pool.release(busy);
    await expect(pool.acquire()).rejects.toThrow('terminated');
    expect(spawned()).toBe(1);
  });

  it('a failed thread rejects its attempts with WorkerThreadDiedError, and the next acquire spawns anew', async () => {
    const { pool, spawned } = fakePool(1);
    const slot = await pool.acquire();
    let rejected: unknown;
    slot.tasks.set(1, { reject: (e) => (rejected = e) });
    pool.fail(slot, new Error('Worker thread exited with code 3'));
    expect(rejected).toBeInstanceOf(WorkerThreadDiedError);
    expect((rejected as Error).message).toBe('Worker thread exited with code 3');
    await pool.acquire();
    expect(spawned()).toBe(2);
  });
});
