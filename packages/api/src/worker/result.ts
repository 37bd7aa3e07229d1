/** Output of a worker that returns nothing: an empty Data. */
export type EmptyOutput = Record<string, never>;

/** The worker finished its work; `output` becomes the work's output Data (one-time work only). */
export interface SuccessResult<O> {
  /** Discriminant. */
  readonly status: 'success';
  /** Output stored with the work and passed to dependents' input mergers. */
  readonly output: O;
}

/** The work failed for good; dependents fail too. Periodic work is rescheduled anyway, as WorkManager does. */
export interface FailureResult<F> {
  /** Discriminant. */
  readonly status: 'failure';
  /** Output stored with the failed work. */
  readonly output: F;
}

/** Run the work again later, after its backoff delay. */
export interface RetryResult {
  /** Discriminant. */
  readonly status: 'retry';
}

/** `ListenableWorker.Result`: what one run of a worker returns. */
export type WorkResult<O = EmptyOutput, F = EmptyOutput> = SuccessResult<O> | FailureResult<F> | RetryResult;

const EMPTY: EmptyOutput = Object.freeze({});

/** Result constructors, also available on the worker context as `ctx.success(...)` etc. */
export const Result = Object.freeze({
  /** `Result.success()` / `Result.success(data)`. */
  success<O = EmptyOutput>(output?: O): SuccessResult<O> {
    return Object.freeze({ status: 'success', output: (output ?? EMPTY) as O });
  },
  /** `Result.failure()` / `Result.failure(data)`. */
  failure<F = EmptyOutput>(output?: F): FailureResult<F> {
    return Object.freeze({ status: 'failure', output: (output ?? EMPTY) as F });
  },
  /** `Result.retry()`: no output. */
  retry(): RetryResult {
    return RETRY;
  },
});

const RETRY: RetryResult = Object.freeze({ status: 'retry' });
