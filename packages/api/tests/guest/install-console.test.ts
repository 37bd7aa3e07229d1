import { describe, expect, it } from 'vitest';
import { createHostChannel } from '../../src/guest/host-channel.js';
import { type ConsoleLike, installConsole } from '../../src/guest/install-console.js';
import { FakeHost } from './fake-host.js';

function setup(runId: string | null) {
  const host = new FakeHost();
  const target: { console?: ConsoleLike } = {};
  installConsole(
    target,
    createHostChannel(() => host),
    () => runId,
  );
  if (target.console === undefined) throw new Error('console not installed');
  return { host, console: target.console };
}

describe('installConsole', () => {
  it('sends each console method to log with its level and the arguments joined', () => {
    const { host, console } = setup('run-1');
    console.log('a', { b: [1] }, 2, null, undefined);
    console.debug('d');
    console.info('i');
    console.warn('w');
    const error = new RangeError('bad');
    error.stack = 'at x';
    console.error(error);
    expect(host.calls).toEqual([
      {
        method: 'log',
        args: { runId: 'run-1', level: 'info', message: 'a {"b":[1]} 2 null undefined', fields: {} },
      },
      { method: 'log', args: { runId: 'run-1', level: 'debug', message: 'd', fields: {} } },
      { method: 'log', args: { runId: 'run-1', level: 'info', message: 'i', fields: {} } },
      { method: 'log', args: { runId: 'run-1', level: 'warn', message: 'w', fields: {} } },
      {
        method: 'log',
        args: { runId: 'run-1', level: 'error', message: 'RangeError: bad\nat x', fields: {} },
      },
    ]);
  });

  it('drops messages it cannot attribute to a run', () => {
    const { host, console } = setup(null);
    console.log('lost');
    expect(host.calls).toEqual([]);
  });

  it('prints objects that do not serialise with String()', () => {
    const { host, console } = setup('r');
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    console.log(cyclic);
    expect(host.calls).toEqual([
      { method: 'log', args: { runId: 'r', level: 'info', message: '[object Object]', fields: {} } },
    ]);
  });
});
