import type { InputMergerDefinition } from '../data/define-input-merger.js';
import type { WorkerDefinition } from '../worker/define-worker.js';
import { createUtcDate } from './create-utc-date.js';
import { createWorkscriptGuest } from './create-workscript-guest.js';
import { guestGlobals, isBareEngine, type WorkscriptGuest } from './guest-globals.js';
import { createHostChannel } from './host-channel.js';
import { installConsole } from './install-console.js';
import { installQueueMicrotask } from './install-queue-microtask.js';
import { installTimers } from './install-timers.js';
import { RunRegistry } from './run-registry.js';
import { reportError } from './run-worker.js';

// Local time = UTC in a bare engine, before any worker module runs: the bundle's entry imports the prelude
// first, so module-level code of workers already sees the pinned Date. Node's own Date is left alone.
if (isBareEngine(guestGlobals())) guestGlobals().Date = createUtcDate(guestGlobals().Date);

/** Globals this prelude defined: a second `installWorkscript` replaces them rather than keeping the first's. */
const defined = new WeakSet<object>();

/**
 * Defines `globalThis.__workscript` (bridge protocol v1, see `bridge-protocol.md`) for `workers` and the
 * custom `inputMergers` (default none), plus the
 * timer globals over `timer.sleep`, `queueMicrotask` over promise jobs and `console` over `log` when the engine
 * has none (QuickJS; `Date` is pinned to UTC when this module loads there). The bundle's
 * entry calls it once; calling it again replaces the registered workers. Host calls go to `globalThis.__host`.
 *
 * @returns the installed guest.
 * @throws TypeError for an entry that is not a definition, or two workers (or mergers) with the same name.
 */
export function installWorkscript(
  workers: readonly WorkerDefinition[],
  inputMergers: readonly InputMergerDefinition[] = [],
): WorkscriptGuest {
  const globals = guestGlobals();
  const callHost = createHostChannel(() => globals.__host);
  const registry = new RunRegistry();
  const guest = createWorkscriptGuest(workers, registry, callHost, inputMergers);
  if (typeof globals.setTimeout !== 'function' || defined.has(globals.setTimeout)) {
    installTimers(
      globals,
      callHost,
      () => registry.currentRunId(),
      (runId, e) => reportError(callHost, runId, 'A timer callback threw', e),
    );
    if (globals.setTimeout !== undefined) defined.add(globals.setTimeout);
  }
  if (typeof globals.queueMicrotask !== 'function' || defined.has(globals.queueMicrotask)) {
    installQueueMicrotask(globals, (e) =>
      reportError(callHost, registry.currentRunId(), 'A queueMicrotask callback threw', e),
    );
    if (globals.queueMicrotask !== undefined) defined.add(globals.queueMicrotask);
  }
  if (typeof globals.console !== 'object' || globals.console === null || defined.has(globals.console)) {
    installConsole(globals, callHost, () => registry.currentRunId());
    if (globals.console !== undefined) defined.add(globals.console);
  }
  globals.__workscript = guest;
  return guest;
}
