import { describe, expect, it } from 'vitest';
import type { TimerGlobals } from '../../src/guest/guest-globals.js';
import { installTimers } from '../../src/guest/install-timers.js';
import { createHostChannel } from '../../src/guest/host-channel.js';
import { FakeHost, flush } from './fake-host.js';

function setup(runId: string | null = 'run-1', handler?: (method: string) => unknown) {
  const host = new FakeHost(handler, new Set(['timer.sleep']));
  const target: TimerGlobals = {};
  const errors: [string | null, unknown][] = [];
  installTimers(
    target,
    createHostChannel(() => host),
    () => runId,
    (id, e) => errors.push([id, e]),
  );
  const t = target as Required<TimerGlobals>;
  return { host, t, errors };
}

describe('installTimers', () => {
  it('setTimeout sleeps through the host, then calls back with the extra arguments', async () => {
    const { host, t } = setup();
    const fired: unknown[] = [];
    const id = t.setTimeout((a, b) => fired.push([a, b]), 25.9, 'x', 2);
    expect(id).toBe(1);
    expect(host.calls).toEqual([{ method: 'timer.sleep', args: { runId: 'run-1', ms: 25 } }]);
    expect(fired).toEqual([]);
    host.releaseOldest();
    await flush();
    expect(fired).toEqual([['x', 2]]);
  });

  it.each([
    [undefined, 0],
    [Number.NaN, 0],
    [-5, 0],
    ['12', 12],
    [1e12, 2_147_483_647],
  ])('delay %j sleeps %j ms', (ms, expected) => {
    const { host, t } = setup(null);
    t.setTimeout(() => undefined, ms as number);
    expect(host.calls).toEqual([{ method: 'timer.sleep', args: { runId: null, ms: expected } }]);
  });

  it('clearTimeout keeps the callback from running', async () => {
    const { host, t } = setup();
    const fired: string[] = [];
    const id = t.setTimeout(() => fired.push('x'), 1);
    t.clearTimeout(id);
    host.releaseOldest();
    await flush();
    expect(fired).toEqual([]);
  });

  it('setInterval sleeps again after each tick until cleared', async () => {
    const { host, t } = setup();
    const ticks: number[] = [];
    const id = t.setInterval(() => {
      ticks.push(ticks.length + 1);
      if (ticks.length === 3) t.clearInterval(id);
    }, 10);
    for (let i = 0; i < 3; i++) {
      host.releaseOldest();
      await flush();
    }
    expect(ticks).toEqual([1, 2, 3]);
    expect(host.calls).toHaveLength(3);
    expect(host.heldCount).toBe(0);
  });

  it('hands distinct ids out and rejects non-function callbacks', () => {
    const { t } = setup();
    expect([t.setTimeout(() => undefined, 1), t.setInterval(() => undefined, 1)]).toEqual([1, 2]);
    expect(() => t.setTimeout('alert(1)' as never, 1)).toThrow(
      'setTimeout needs a function; strings are not evaluated',
    );
  });

  it('a failed sleep never fires the callback', async () => {
    const { host, t } = setup('run-1', () => {
      throw new Error('run stopped');
    });
    const fired: string[] = [];
    t.setTimeout(() => fired.push('x'), 1);
    host.releaseOldest();
    await flush();
    expect(fired).toEqual([]);
  });

  it('reports a throwing callback with its run id and keeps the interval going', async () => {
    const { host, t, errors } = setup('run-7');
    let n = 0;
    const id = t.setInterval(() => {
      n++;
      if (n === 2) t.clearInterval(id);
      throw new Error(`tick ${n}`);
    }, 1);
    host.releaseOldest();
    await flush();
    host.releaseOldest();
    await flush();
    expect(errors).toEqual([
      ['run-7', new Error('tick 1')],
      ['run-7', new Error('tick 2')],
    ]);
  });
});
