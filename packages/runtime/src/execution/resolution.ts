import type { Data } from '@workscript/api';

/**
 * What one attempt of a {@link WorkerWrapper} decided, applied later in one transaction by
 * {@link applyResolution}:
 * - `reset`: the worker did not run to a result (wrong state, not yet due, or stopped); unfinished work
 *   goes back to ENQUEUED when `needsReschedule`, with `stopReason` when it was stopped.
 * - `finished`: the worker returned a Result.
 * - `failed`: the worker threw, returned garbage, or could not be created (`beforeRun`).
 */
export type Resolution =
  | {
      readonly kind: 'reset';
      readonly needsReschedule: boolean;
      readonly stopReason?: number;
      /**
       * Ended as a process death ends an attempt (`WorkManager.close()`, or the attempt's thread died):
       * recorded as the next start's recovery would record it, never backed off from now.
       */
      readonly processDeath?: true;
    }
  | { readonly kind: 'finished'; readonly status: 'success' | 'failure' | 'retry'; readonly output: Data }
  | { readonly kind: 'failed'; readonly error: Error; readonly beforeRun: boolean };
