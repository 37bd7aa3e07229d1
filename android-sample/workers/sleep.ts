import type { WorkSignal } from '@workscript/api';

// QuickJS has no timers of its own; the Workscript guest prelude defines setTimeout over the host's
// `timer.sleep` (on Android a coroutine delay). The workers' tsconfig has no DOM/Node typings, so declare it.
declare const setTimeout: (callback: () => void, ms: number) => unknown;

/**
 * Waits `ms` milliseconds on the host's clock, or less when `signal` aborts: after a stop the host no longer
 * fires timers, so a plain sleep would never wake up and the worker would only end when it is interrupted.
 */
export function sleep(ms: number, signal: WorkSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    signal.addEventListener('abort', () => resolve(), { once: true });
    setTimeout(resolve, ms);
  });
}
