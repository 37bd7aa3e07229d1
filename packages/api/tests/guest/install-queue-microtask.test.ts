import { describe, expect, it } from 'vitest';
import { installQueueMicrotask, type QueueMicrotask } from '../../src/guest/install-queue-microtask.js';

function setup() {
  const target: { queueMicrotask?: QueueMicrotask } = {};
  const errors: unknown[] = [];
  installQueueMicrotask(target, (e) => errors.push(e));
  return { queue: target.queueMicrotask as QueueMicrotask, errors };
}

describe('installQueueMicrotask', () => {
  it('runs callbacks after the current code, in the order Node interleaves them with promise jobs', async () => {
    const { queue } = setup();
    const ours: string[] = [];
    const nodes: string[] = [];
    const run = (q: QueueMicrotask, order: string[]) => {
      void Promise.resolve().then(() => order.push('promise 1'));
      q(() => order.push('task 1'));
      void Promise.resolve().then(() => order.push('promise 2'));
      q(() => order.push('task 2'));
      order.push('sync');
    };
    run(queue, ours);
    run(globalThis.queueMicrotask, nodes);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(ours).toEqual(['sync', 'promise 1', 'task 1', 'promise 2', 'task 2']);
    expect(ours).toEqual(nodes);
  });

  it('reports a throwing callback and keeps running the next ones', async () => {
    const { queue, errors } = setup();
    const boom = new Error('boom');
    const ran: number[] = [];
    queue(() => {
      throw boom;
    });
    queue(() => ran.push(2));
    await Promise.resolve();
    await Promise.resolve();
    expect(errors).toEqual([boom]);
    expect(ran).toEqual([2]);
  });

  it('refuses a callback that is not a function', () => {
    const { queue } = setup();
    expect(() => queue('code' as unknown as () => void)).toThrow(
      new TypeError('queueMicrotask needs a function, got string'),
    );
  });
});
