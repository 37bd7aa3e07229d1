/**
 * `@workscript/runtime/testing`: a WorkManager for tests with a TestDriver and a manual clock
 * (androidx `work-testing`).
 *
 * @packageDocumentation
 */
export { createTestWorkManager } from './create-test-work-manager.js';
export type { TestWorkManager, TestWorkManagerOptions } from './create-test-work-manager.js';
export { TestClock, DEFAULT_TEST_CLOCK_START } from './test-clock.js';
export type { TestDriver } from './test-driver.js';
export { TestScheduler } from './test-scheduler.js';
export { DeviceTestDriver } from './device-test-driver.js';
export type { TestSchedulerDeps, TestSchedulingMode } from './test-scheduler.js';
export { runWorker } from './run-worker.js';
export type { RunWorkerOptions, WorkerRun } from './run-worker.js';
export type { ExecutionOutcome } from '../execution/work-executor.js';
