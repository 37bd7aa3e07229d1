/** Log levels, lowest first. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Where the runtime logs; `tag` is `workscript:<component>` (androidx `Logger.tagWithPrefix`). */
export interface Logger {
  /** Writes one record. */
  log(level: LogLevel, tag: string, message: string, fields?: Readonly<Record<string, unknown>>): void;
}

const ORDER: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

/**
 * The default {@link Logger}: `console.warn`/`console.error` for records at or above `minLevel`.
 * @param minLevel - lowest level written. Default `'warn'` (androidx's default is INFO, but a Node test run
 *   should stay quiet unless something is wrong).
 */
export function createConsoleLogger(minLevel: LogLevel = 'warn'): Logger {
  const min = ORDER.indexOf(minLevel);
  return {
    log(level, tag, message, fields) {
      if (ORDER.indexOf(level) < min) return;
      const line = `[${tag}] ${message}${fields ? ` ${JSON.stringify(fields)}` : ''}`;
      if (level === 'error') console.error(line);
      else console.warn(line);
    },
  };
}

/** A {@link Logger} that drops everything. */
export const silentLogger: Logger = Object.freeze({ log: () => undefined });

/**
 * `logger`, except that a throw from it goes no further: the runtime logs from timers, thread messages and
 * the middle of its bookkeeping, and a logger that throws there failed the work that logged (inline), ended
 * the process (a thread's log line, an unhandled rejection), or broke an attempt's bookkeeping. The first
 * throw is reported with `process.emitWarning`, once; later ones are dropped.
 */
export function guardLogger(logger: Logger): Logger {
  let reported = false;
  return {
    log(level, tag, message, fields) {
      try {
        logger.log(level, tag, message, fields);
      } catch (e) {
        if (reported) return;
        reported = true;
        process.emitWarning(
          `The logger given to createWorkManager threw (${e instanceof Error ? e.message : String(e)}) for a record (${level}) of ${tag}; Workscript goes on and drops what it cannot log`,
          { code: 'WORKSCRIPT_LOGGER_THREW' },
        );
      }
    },
  };
}
