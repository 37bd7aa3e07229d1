/**
 * `@workscript/testing`: test your workers from your own test suite. {@link createWorkscriptTest} builds
 * the bundle that ships in the APK once (cached by content hash) and starts test WorkManagers that run it
 * in QuickJS under WorkManager's TestDriver and a virtual clock; `engine: 'inline'` runs the TS
 * definitions instead, for the debugger.
 *
 * @packageDocumentation
 */
export { createWorkscriptTest } from './create-workscript-test.js';
export type {
  WorkscriptTest,
  WorkscriptTestOptions,
  WorkscriptTestRunOptions,
  WorkerOrRef,
  RequestInputOf,
} from './create-workscript-test.js';
export type { WorkscriptTestRun, RunUntilFinishedOptions } from './workscript-test-run.js';
export { WorkscriptGenerateError } from './workscript-generate-error.js';
