/**
 * `@workscript/api/guest`: the prelude of the worker bundle. The bundle's entry (written by the codegen)
 * calls {@link installWorkscript} with every worker; hosts then talk to `globalThis.__workscript` as
 * `bridge-protocol.md` describes. Runs in plain QuickJS: no Node, DOM or timer globals are assumed.
 *
 * @packageDocumentation
 */

export { installWorkscript } from './install-workscript.js';
export { PROTOCOL_VERSION } from './create-workscript-guest.js';
export { HostCallError } from './host-call-error.js';
export { nativeServiceClient } from './create-native-service.js';
export { WorkStoppedError } from './work-stopped-error.js';
export { UnknownWorkerError } from './unknown-worker-error.js';
export { UnknownInputMergerError } from './unknown-input-merger-error.js';
export type { Host, WorkscriptGuest } from './guest-globals.js';
