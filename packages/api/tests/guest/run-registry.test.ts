import { describe, expect, it } from 'vitest';
import { createWorkSignal } from '../../src/guest/create-work-signal.js';
import { RunRegistry } from '../../src/guest/run-registry.js';
import { StopReason } from '../../src/stop-reason.js';

describe('RunRegistry', () => {
  it('attributes code to the synchronously running run, else to the only run, else to none', () => {
    const registry = new RunRegistry();
    expect(registry.currentRunId()).toBeNull();
    registry.start(
      'a',
      createWorkSignal(() => undefined),
    );
    expect(registry.currentRunId()).toBe('a');
    registry.start(
      'b',
      createWorkSignal(() => undefined),
    );
    expect(registry.currentRunId()).toBeNull();
    expect(registry.within('b', () => registry.within('a', () => registry.currentRunId()))).toBe('a');
    expect(registry.within('b', () => registry.currentRunId())).toBe('b');
    registry.finish('b');
    expect(registry.currentRunId()).toBe('a');
  });

  it('restores the previous run after a throw', () => {
    const registry = new RunRegistry();
    expect(() =>
      registry.within('a', () => {
        throw new Error('x');
      }),
    ).toThrow('x');
    expect(registry.currentRunId()).toBeNull();
  });

  it('stops only runs in progress', () => {
    const registry = new RunRegistry();
    const controller = createWorkSignal(() => undefined);
    registry.start('a', controller);
    registry.stop('zzz', StopReason.USER);
    expect(controller.signal.aborted).toBe(false);
    registry.stop('a', StopReason.USER);
    expect(controller.signal.reason).toBe(StopReason.USER);
    expect(registry.has('a')).toBe(true);
    registry.finish('a');
    expect(registry.has('a')).toBe(false);
  });
});
