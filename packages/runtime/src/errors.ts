import { WorkscriptError } from '@workscript/api';
import { showValue } from './internal/show-value.js';

/**
 * The runtime's typed errors. Each mirrors the exception androidx throws for the same misuse, named in
 * its TSDoc, and none of them is thrown after anything was written: a rejected operation changes nothing.
 */

/** No work with this id exists (androidx: `IllegalArgumentException("Work with id … is not enqueued!")`). */
export class WorkNotEnqueuedError extends WorkscriptError {
  /** The unknown id. */
  readonly workId: string;
  constructor(workId: string, hint = '') {
    super('work-not-enqueued', `Work with id ${workId} is not enqueued!${hint}`);
    this.workId = workId;
  }
}

/** `setPeriodDelayMet` on one-time work (androidx: `IllegalArgumentException("… isn't periodic!")`). */
export class WorkNotPeriodicError extends WorkscriptError {
  /** The work's id. */
  readonly workId: string;
  constructor(workId: string) {
    super('work-not-periodic', `Work with id ${workId} isn't periodic!`);
    this.workId = workId;
  }
}

/** The work is not running (androidx: `IllegalStateException`). */
export class WorkNotRunningError extends WorkscriptError {
  /** The work's id. */
  readonly workId: string;
  constructor(workId: string) {
    super('work-not-running', `Work with id ${workId} is not running; only running work can be stopped`);
    this.workId = workId;
  }
}

/** A stop reason that cannot stop work, e.g. NOT_STOPPED (androidx: `IllegalArgumentException`). */
export class InvalidStopReasonError extends WorkscriptError {
  constructor(reason: unknown) {
    super(
      'invalid-stop-reason',
      `Stop reason ${showValue(reason)} cannot stop work; use a StopReason, or another integer in Kotlin Int range, other than NOT_STOPPED (-256), e.g. StopReason.PREEMPT (2)`,
    );
  }
}

/** A continuation lists a work id among its own ancestors (androidx: `IllegalStateException`). */
export class CyclicWorkContinuationError extends WorkscriptError {
  /** The repeated id. */
  readonly workId: string;
  constructor(workId: string) {
    super(
      'cyclic-work-continuation',
      `WorkContinuation has cycles: work ${workId} is its own prerequisite; use a fresh request for each step`,
    );
    this.workId = workId;
  }
}

/** A request's id is already stored. androidx silently ignores the second insert; Workscript refuses loudly. */
export class DuplicateWorkIdError extends WorkscriptError {
  /** The duplicated id. */
  readonly workId: string;
  constructor(workId: string) {
    super(
      'duplicate-work-id',
      `Work with id ${workId} is already enqueued; build a new request (or use updateWork to change it)`,
    );
    this.workId = workId;
  }
}

/**
 * An enqueue would pass `contentUriTriggerWorkersLimit` (androidx: `IllegalArgumentException("Too many workers
 * with contentUriTriggers are enqueued…")`).
 */
export class ContentUriTriggerWorkersLimitError extends WorkscriptError {
  /** The configured limit. */
  readonly limit: number;
  /** Unfinished workers with content-URI triggers already stored. */
  readonly alreadyEnqueued: number;
  /** Workers with content-URI triggers the refused enqueue would have added. */
  readonly inOperation: number;
  constructor(limit: number, alreadyEnqueued: number, inOperation: number) {
    super(
      'content-uri-trigger-workers-limit',
      `Too many workers with content-URI triggers: the limit is ${limit}, ${alreadyEnqueued} are enqueued and unfinished, and this enqueue adds ${inOperation}. Enqueue fewer (one worker can watch several URIs) or raise createWorkManager({ contentUriTriggerWorkersLimit }); on a device each such worker holds a JobScheduler slot from its enqueue on, so no content change is missed`,
    );
    this.limit = limit;
    this.alreadyEnqueued = alreadyEnqueued;
    this.inOperation = inOperation;
  }
}

/** An operation WorkManager rejects with `UnsupportedOperationException` (e.g. UPDATE on a chain). */
export class UnsupportedWorkOperationError extends WorkscriptError {
  constructor(message: string) {
    super('unsupported-work-operation', message);
  }
}

/** A WorkQuery with every list empty (androidx: `IllegalArgumentException` from `WorkQuery.Builder.build()`). */
export class InvalidWorkQueryError extends WorkscriptError {
  constructor(detail = 'WorkQuery must have at least one of ids, uniqueWorkNames, tags or states') {
    super('invalid-work-query', detail.startsWith('WorkQuery') ? detail : `WorkQuery: ${detail}`);
  }
}

/** A file that exists but is not a Workscript database (or is corrupt). It is never reset. */
export class NotAWorkscriptDatabaseError extends WorkscriptError {
  /** The file that was opened. */
  readonly file: string;
  constructor(file: string, detail: string) {
    super(
      'not-a-workscript-database',
      `${file} is not a Workscript database (${detail}); pass another path or move the file away`,
    );
    this.file = file;
  }
}

/**
 * A Workscript database whose schema or rows the runtime cannot read: changed outside the runtime, or damaged
 * on disk. Like any file the runtime refuses, it is left exactly as it is.
 */
export class CorruptDatabaseError extends WorkscriptError {
  /** The file that was opened. */
  readonly file: string;
  constructor(file: string, detail: string, cause?: unknown) {
    super(
      'corrupt-database',
      `${file} is a damaged Workscript database (${detail}); it was left as it is: restore it from a backup, or move it away to start with an empty one`,
    );
    this.file = file;
    if (cause !== undefined) this.cause = cause;
  }
}

/**
 * The database file could not be opened or written: another connection held its lock past the busy
 * timeout, or the file or its directory cannot be created, read or written (permissions, a full disk, an
 * I/O error). Nothing was reset. At start-up `createWorkManager` makes 3 attempts, 300 ms × the attempt
 * number apart, before throwing it (androidx `ForceStopRunnable`, which then calls the
 * `initializationExceptionHandler`, or throws when there is none).
 */
export class DatabaseAccessError extends WorkscriptError {
  /** The file that was opened. */
  readonly file: string;
  /** How many attempts failed. */
  readonly attempts: number;
  constructor(file: string, detail: string, attempts: number, cause?: unknown) {
    super(
      'database-access',
      `${file} could not be opened or written (${detail})${attempts > 1 ? ` in ${attempts} attempts` : ''}; check that no other process holds it locked and that its directory is writable`,
    );
    this.file = file;
    this.attempts = attempts;
    if (cause !== undefined) this.cause = cause;
  }
}

/**
 * Another WorkDatabase (of a WorkManager in this process or another) has the file open. A file has one
 * writer at a time: a second WorkManager's start-up recovery would take the first one's running work for
 * the work of a dead process and run it again.
 */
export class DatabaseInUseError extends WorkscriptError {
  /** The file that was opened. */
  readonly file: string;
  constructor(file: string) {
    super(
      'database-in-use',
      `${file} is in use by another WorkManager (in this process or another); close that one first, or pass another database (':memory:' for tests)`,
    );
    this.file = file;
  }
}

/** The database was written by a newer Workscript than this one. */
export class DatabaseVersionError extends WorkscriptError {
  constructor(file: string, found: number, supported: number) {
    super(
      'database-version',
      `${file} has schema version ${found} but this @workscript/runtime supports up to ${supported}; upgrade @workscript/runtime`,
    );
  }
}

/** The WorkManager was closed; no more operations are accepted. */
export class WorkManagerClosedError extends WorkscriptError {
  constructor() {
    super('work-manager-closed', 'This WorkManager is closed; create a new one with createWorkManager()');
  }
}

/** A TestDriver call that the chosen scheduling mode does not allow (androidx: `IllegalStateException`). */
export class TestDriverModeError extends WorkscriptError {
  constructor(method: string, instead = 'advance the TestClock instead') {
    super(
      'test-driver-mode',
      `Can't use ${method}() with the test WorkManager's scheduling mode; ${instead}`,
    );
  }
}

/** Two `nativeServices` providers name the same service; a service has one implementation per WorkManager. */
export class DuplicateNativeServiceError extends WorkscriptError {
  /** The service provided twice. */
  readonly serviceName: string;
  constructor(serviceName: string) {
    super(
      'duplicate-native-service',
      `Native service '${serviceName}' is provided twice in createWorkManager({ nativeServices }); pass one provideNativeService(…) per service`,
    );
    this.serviceName = serviceName;
  }
}
