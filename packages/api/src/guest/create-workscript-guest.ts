import { isWorkerDefinition, type WorkerDefinition } from '../worker/define-worker.js';
import type { StopReason } from '../stop-reason.js';
import type { WorkscriptGuest } from './guest-globals.js';
import type { CallHost } from './host-channel.js';
import { errorToResultJson } from './result-json.js';
import type { RunRegistry } from './run-registry.js';
import { runWorker } from './run-worker.js';
import { UnknownWorkerError } from './unknown-worker-error.js';

/** The bridge protocol version this prelude implements. */
export const PROTOCOL_VERSION = 1;

/**
 * Builds the `__workscript` object for a list of worker definitions.
 * @throws TypeError for an entry that is not a definition, or two workers with the same name.
 */
export function createWorkscriptGuest(
  workers: readonly WorkerDefinition[],
  registry: RunRegistry,
  callHost: CallHost,
): WorkscriptGuest {
  const byName = new Map<string, WorkerDefinition>();
  workers.forEach((definition, index) => {
    if (!isWorkerDefinition(definition) || typeof definition.run !== 'function') {
      throw new TypeError(
        `installWorkscript: workers[${index}] is not a worker definition; export defineWorker({...})`,
      );
    }
    if (byName.has(definition.name)) {
      throw new TypeError(
        `installWorkscript: two workers are named '${definition.name}'; worker names must be unique`,
      );
    }
    byName.set(definition.name, definition);
  });
  const names = Object.freeze([...byName.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  return Object.freeze({
    protocolVersion: PROTOCOL_VERSION,
    workers: names,
    run(workerName: string, inputJson: string, contextJson: string): Promise<string> {
      const definition = byName.get(workerName);
      if (definition === undefined) {
        return Promise.resolve(errorToResultJson(new UnknownWorkerError(workerName, names)));
      }
      return runWorker(definition, inputJson, contextJson, registry, callHost);
    },
    stop(runId: string, reason: number): void {
      registry.stop(String(runId), Number(reason) as StopReason);
    },
  });
}
