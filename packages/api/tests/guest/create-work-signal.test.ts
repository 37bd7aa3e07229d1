import { describe, expect, it } from 'vitest';
import { StopReason } from '../../src/stop-reason.js';
import { createWorkSignal } from '../../src/guest/create-work-signal.js';
import { WorkStoppedError } from '../../src/guest/work-stopped-error.js';

describe('createWorkSignal', () => {
  it('starts not aborted', () => {
    const { signal } = createWorkSignal(() => undefined);
    expect({ aborted: signal.aborted, reason: signal.reason }).toEqual({ aborted: false, reason: undefined });
    expect(() => signal.throwIfAborted()).not.toThrow();
  });

  it('aborts with the stop reason and calls listeners in order, once-listeners once', () => {
    const { signal, abort } = createWorkSignal(() => undefined);
    const heard: string[] = [];
    const removed = () => heard.push('removed');
    signal.addEventListener('abort', () => heard.push(`a ${String(signal.reason)}`));
    signal.addEventListener('abort', () => heard.push('once'), { once: true });
    signal.addEventListener('abort', removed);
    signal.removeEventListener('abort', removed);
    abort(StopReason.CONSTRAINT_CHARGING);
    abort(StopReason.CANCELLED_BY_APP);
    expect(heard).toEqual(['a 6', 'once']);
    expect({ aborted: signal.aborted, reason: signal.reason }).toEqual({ aborted: true, reason: 6 });
  });

  it('registers a listener only once', () => {
    const { signal, abort } = createWorkSignal(() => undefined);
    let calls = 0;
    const listener = () => calls++;
    signal.addEventListener('abort', listener);
    signal.addEventListener('abort', listener);
    abort(StopReason.TIMEOUT);
    expect(calls).toBe(1);
  });

  it('reports a throwing listener and still calls the others', () => {
    const errors: unknown[] = [];
    const { signal, abort } = createWorkSignal((e) => errors.push(e));
    const heard: string[] = [];
    signal.addEventListener('abort', () => {
      throw new Error('listener failed');
    });
    signal.addEventListener('abort', () => heard.push('second'));
    abort(StopReason.PREEMPT);
    expect(heard).toEqual(['second']);
    expect(errors).toEqual([new Error('listener failed')]);
  });

  it('throwIfAborted throws an AbortError carrying the reason', () => {
    const { signal, abort } = createWorkSignal(() => undefined);
    abort(StopReason.CANCELLED_BY_APP);
    let thrown: unknown;
    try {
      signal.throwIfAborted();
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(WorkStoppedError);
    expect(thrown).toMatchObject({
      name: 'AbortError',
      reason: 1,
      message: 'The work was stopped (CANCELLED_BY_APP 1); return promptly, the result is ignored',
    });
  });

  it('names unknown stop reasons by number', () => {
    expect(new WorkStoppedError(99 as StopReason).message).toBe(
      'The work was stopped (stop reason 99); return promptly, the result is ignored',
    );
  });
});
