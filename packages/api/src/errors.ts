import { describeStringInput } from './internal/describe-value.js';

/**
 * Base class of every error Workscript throws on purpose. `code` is stable and safe to match on;
 * the message names the input, the value and what would have been valid.
 */
export class WorkscriptError extends Error {
  /** Stable machine-readable code, e.g. `invalid-work-request`. */
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }
}

/**
 * A work request (or a worker definition's request defaults) breaks one of WorkManager's rules.
 * WorkManager throws `IllegalArgumentException` for the same inputs.
 */
export class InvalidWorkRequestError extends WorkscriptError {
  /** Dotted path of the offending option, e.g. `backoff.delayMs`. */
  readonly field: string;

  constructor(field: string, message: string) {
    super('invalid-work-request', `${field}: ${message}`);
    this.field = field;
  }
}

/** A value cannot be stored in WorkManager `Data` (WorkManager: `IllegalArgumentException`). */
export class InvalidDataError extends WorkscriptError {
  /** The Data key whose value was rejected. */
  readonly key: string;

  constructor(key: string, message: string) {
    super('invalid-data', `Data key '${key}': ${message}`);
    this.key = key;
  }
}

/**
 * Serialized Data is larger than `Data.MAX_DATA_BYTES` (10,240). WorkManager throws
 * `IllegalStateException("Data cannot occupy more than 10240 bytes when serialized")` for the same input.
 */
export class DataTooLargeError extends WorkscriptError {
  /** Size of the serialized form in bytes. */
  readonly size: number;

  constructor(size: number, limit: number) {
    super(
      'data-too-large',
      `Data cannot occupy more than ${limit} bytes when serialized (this Data needs ${size} bytes). ` +
        'Store large payloads elsewhere (a file or the database) and pass a key or path instead.',
    );
    this.size = size;
  }
}

/** An input merger met two values it cannot combine (WorkManager: `IllegalArgumentException`). */
export class InputMergeError extends WorkscriptError {
  /** The Data key whose values conflict. */
  readonly key: string;

  constructor(key: string, message: string) {
    super('input-merge-conflict', `Cannot merge key '${key}': ${message}`);
    this.key = key;
  }
}

/** `defineWorker` was given something that cannot become a worker. */
export class InvalidWorkerDefinitionError extends WorkscriptError {
  /** The offending option of the definition, e.g. `name`. */
  readonly field: string;

  constructor(field: string, message: string) {
    super('invalid-worker-definition', `defineWorker ${field}: ${message}`);
    this.field = field;
  }
}

/** `defineInputMerger` was given something that cannot become an input merger. */
export class InvalidInputMergerDefinitionError extends WorkscriptError {
  /** The offending option of the definition, e.g. `name`. */
  readonly field: string;

  constructor(field: string, message: string) {
    super('invalid-input-merger-definition', `defineInputMerger ${field}: ${message}`);
    this.field = field;
  }
}

/** A native-service handle was declared with an unusable name. */
export class InvalidNativeServiceError extends WorkscriptError {
  /** The rejected name. */
  readonly serviceName: unknown;

  constructor(serviceName: unknown, message: string) {
    super('invalid-native-service', `nativeService(${describeStringInput(serviceName)}): ${message}`);
    this.serviceName = serviceName;
  }
}
