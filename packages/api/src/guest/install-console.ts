import type { CallHost } from './host-channel.js';
import type { CurrentRunId } from './install-timers.js';

/** The `console` methods the prelude defines. */
export interface ConsoleLike {
  log(...args: unknown[]): void;
  debug(...args: unknown[]): void;
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
}

/**
 * Defines `console` over the host's `log` method for engines without one (QuickJS), so worker code and npm
 * packages that log do not fail with a ReferenceError. Arguments are joined with spaces, objects as JSON.
 * Like the timers, a message is attributed to the current run; one that cannot be attributed (several runs
 * in progress, see bridge-protocol.md) is dropped, since `log` requires a runId.
 */
export function installConsole(
  target: { console?: ConsoleLike },
  callHost: CallHost,
  currentRunId: CurrentRunId,
): void {
  const emit =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (...args: unknown[]): void => {
      const runId = currentRunId();
      if (runId === null) return;
      callHost('log', { runId, level, message: args.map(format).join(' '), fields: {} }).catch(
        () => undefined,
      );
    };
  target.console = Object.freeze({
    log: emit('info'),
    debug: emit('debug'),
    info: emit('info'),
    warn: emit('warn'),
    error: emit('error'),
  });
}

function format(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Error)
    return value.stack
      ? `${value.name}: ${value.message}\n${value.stack}`
      : `${value.name}: ${value.message}`;
  if (typeof value === 'object' && value !== null) {
    try {
      return JSON.stringify(value);
    } catch {
      return String(value);
    }
  }
  return String(value);
}
