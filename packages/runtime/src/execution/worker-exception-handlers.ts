import type { Data } from '@workscript/api';
import type { Logger } from '../logger.js';

/**
 * What androidx passes to its worker exception handlers (`WorkerExceptionInfo`): the worker, the
 * parameters it was (or would have been) given, and the error.
 */
export interface WorkerExceptionInfo {
  /** The worker's name (androidx: `workerClassName`). */
  readonly workerName: string;
  /** The parameters of the attempt (androidx: `workerParameters`). */
  readonly params: {
    readonly id: string;
    /** The merged input. */
    readonly input: Data;
    /** Sorted, the implicit tag (the worker's name) included. */
    readonly tags: readonly string[];
    /** Attempts before this one. */
    readonly runAttemptCount: number;
    readonly generation: number;
  };
  /** What the factory or the worker threw (androidx: `throwable`). */
  readonly error: Error;
}

/** A handler of {@link WorkerExceptionInfo} (androidx `Consumer<WorkerExceptionInfo>`). */
export type WorkerExceptionHandler = (info: WorkerExceptionInfo) => void;

/**
 * Calls `handler` with `info`, if there is one; a handler that throws is logged and does not change what
 * happens to the work (androidx's `safeAccept`).
 */
export function notifyWorkerException(
  handler: WorkerExceptionHandler | undefined,
  info: WorkerExceptionInfo,
  logger: Logger,
): void {
  if (handler === undefined) return;
  try {
    handler(info);
  } catch (e) {
    logger.log(
      'error',
      'workscript:worker-wrapper',
      `Exception handler for ${info.workerName} (${info.params.id}) threw: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
}
