/**
 * @workscript/api: the authoring surface of Workscript. Workers are defined as plain, frozen data with
 * {@link defineWorker}; requests, constraints, Data and input mergers follow androidx.work's rules and
 * names, so the same definitions mean the same thing on Android and on Node.
 *
 * @packageDocumentation
 */

export { defineWorker, isWorkerDefinition, WORKER_NAME_PATTERN } from './worker/define-worker.js';
export type {
  WorkerDefinition,
  WorkerOptions,
  WorkerShapes,
  InputOf,
  OutputOf,
  FailureOutputOf,
  ProgressOf,
} from './worker/define-worker.js';
export type {
  WorkerContext,
  WorkSignal,
  WorkerLogger,
  WorkerFetchInit,
  WorkerFetchResponse,
  WorkerStorage,
} from './worker/worker-context.js';
export { nativeService, isNativeServiceRef, NATIVE_SERVICE_NAME_PATTERN } from './worker/native-service.js';
export type { NativeService, NativeServiceRef } from './worker/native-service.js';
export { Result } from './worker/result.js';
export type { WorkResult, SuccessResult, FailureResult, RetryResult, EmptyOutput } from './worker/result.js';

export {
  int,
  long,
  isInt,
  isLong,
  IntegerRangeError,
  INT_MIN_VALUE,
  INT_MAX_VALUE,
  LONG_MAX_VALUE,
} from './int.js';
export type { Int, Long } from './int.js';

export { NetworkType, NETWORK_TYPES } from './network-type.js';
export {
  BackoffPolicy,
  BACKOFF_POLICIES,
  DEFAULT_BACKOFF_DELAY_MILLIS,
  MIN_BACKOFF_MILLIS,
  MAX_BACKOFF_MILLIS,
} from './backoff-policy.js';
export { ExistingWorkPolicy, EXISTING_WORK_POLICIES } from './existing-work-policy.js';
export {
  ExistingPeriodicWorkPolicy,
  EXISTING_PERIODIC_WORK_POLICIES,
} from './existing-periodic-work-policy.js';
export { OutOfQuotaPolicy, OUT_OF_QUOTA_POLICIES } from './out-of-quota-policy.js';
export { WorkState, WORK_STATES, isFinished } from './work-state.js';
export { StopReason, stopReasonName } from './stop-reason.js';
export {
  Constraints,
  NO_CONSTRAINTS,
  resolveConstraints,
  constraintsEqual,
  hasConstraints,
  hasContentUriTriggers,
  isContentUri,
} from './constraints.js';
export type { ContentUriTrigger, ResolvedConstraints } from './constraints.js';

export { Data, DataBuilder } from './data/data.js';
export type { DataPlainValue, DataNumberType } from './data/data.js';
export { DATA_SCALAR_TYPES } from './data/data-value.js';
export type { DataType, DataScalarType, DataArrayType, DataValue } from './data/data-value.js';
export { NULL_STRING_V1, MalformedDataError } from './data/data-serializer.js';
export {
  modifiedUtf8Length,
  MAX_MODIFIED_UTF8_BYTES,
  readModifiedUtf8,
  writeModifiedUtf8,
} from './data/modified-utf8.js';
export { encodeData, decodeData } from './data/data-shape.js';
export {
  MANIFEST_FILE_NAME,
  InvalidManifestError,
  parseWorkscriptManifest,
} from './manifest/workscript-manifest.js';
export type {
  WorkscriptManifest,
  ManifestWorker,
  ManifestNativeService,
  ManifestInputMerger,
} from './manifest/workscript-manifest.js';
export type { DataShape, FieldShape, FieldDecl } from './data/data-shape.js';
export {
  OverwritingInputMerger,
  ArrayCreatingInputMerger,
  inputMergerFor,
  isBuiltInInputMergerName,
  INPUT_MERGER_NAMES,
} from './data/input-merger.js';
export type { InputMerger, InputMergerName } from './data/input-merger.js';
export {
  defineInputMerger,
  isInputMergerDefinition,
  INPUT_MERGER_NAME_PATTERN,
} from './data/define-input-merger.js';
export type { InputMergerOptions, InputMergerDefinition } from './data/define-input-merger.js';
export { dataToTaggedJson, dataFromTaggedJson } from './data/data-tagged-json.js';
export type { TaggedDataJson } from './data/data-tagged-json.js';

export {
  createOneTimeWorkRequest,
  createPeriodicWorkRequest,
  WORK_ID_PATTERN,
} from './request/create-work-request.js';
export {
  checkBackoffOnIdle,
  checkExpeditedCombinations,
  defaultTraceTag,
  MAX_TRACE_TAG_LENGTH,
} from './request/check-request-fields.js';
export type { RequestEnvironment, WorkerRef } from './request/create-work-request.js';
export type {
  WorkRequest,
  WorkRequestBase,
  OneTimeWorkRequest,
  PeriodicWorkRequest,
} from './request/work-request.js';
export type {
  BackoffCriteria,
  WorkRequestDefaults,
  OneTimeWorkDefaults,
  PeriodicSchedule,
  EnqueueOptions,
  OneTimeWorkRequestOptions,
  PeriodicWorkRequestOptions,
} from './request/work-request-options.js';
export { MIN_PERIODIC_INTERVAL_MILLIS, MIN_PERIODIC_FLEX_MILLIS } from './request/periodic.js';
export { checkUniqueWork, checkUniquePeriodicWork, toExistingWorkPolicy } from './request/unique-work.js';
export { consoleWarning } from './request/warning.js';
export type { WarningSink } from './request/warning.js';

export {
  WorkscriptError,
  InvalidWorkRequestError,
  InvalidDataError,
  DataTooLargeError,
  InputMergeError,
  InvalidWorkerDefinitionError,
  InvalidInputMergerDefinitionError,
  InvalidNativeServiceError,
} from './errors.js';
