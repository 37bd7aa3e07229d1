import type { WorkerLogger } from '@workscript/api';
import type { Logger } from '../logger.js';

/** `ctx.log` of one run: the runtime's logger under the tag `workscript:worker:<name>`, each line with the work id. */
export function createWorkerLogger(logger: Logger, workerName: string, id: string): WorkerLogger {
  const tag = `workscript:worker:${workerName}`;
  const fields = (f?: Readonly<Record<string, unknown>>) => ({ id, ...f });
  return {
    debug: (m, f) => logger.log('debug', tag, m, fields(f)),
    info: (m, f) => logger.log('info', tag, m, fields(f)),
    warn: (m, f) => logger.log('warn', tag, m, fields(f)),
    error: (m, f) => logger.log('error', tag, m, fields(f)),
  };
}
