import { isInputMergerDefinition, type InputMergerDefinition } from '../data/define-input-merger.js';
import { isWorkerDefinition, type WorkerDefinition } from '../worker/define-worker.js';
import type { StopReason } from '../stop-reason.js';
import type { WorkscriptGuest } from './guest-globals.js';
import type { CallHost } from './host-channel.js';
import { errorToResultJson } from './result-json.js';
import type { RunRegistry } from './run-registry.js';
import { mergeErrorJson, mergeInputs } from './merge-inputs.js';
import { runWorker } from './run-worker.js';
import { UnknownInputMergerError } from './unknown-input-merger-error.js';
import { UnknownWorkerError } from './unknown-worker-error.js';

/** The bridge protocol version this prelude implements. */
export const PROTOCOL_VERSION = 1;

/**
 * Builds the `__workscript` object for a list of worker definitions and custom input mergers.
 * @throws TypeError for an entry that is not a definition, or two workers (or mergers) with the same name.
 */
export function createWorkscriptGuest(
  workers: readonly WorkerDefinition[],
  registry: RunRegistry,
  callHost: CallHost,
  inputMergers: readonly InputMergerDefinition[] = [],
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
  const mergers = new Map<string, InputMergerDefinition>();
  inputMergers.forEach((definition, index) => {
    if (!isInputMergerDefinition(definition) || typeof definition.merge !== 'function') {
      throw new TypeError(
        `installWorkscript: inputMergers[${index}] is not an input merger definition; export defineInputMerger({...})`,
      );
    }
    if (mergers.has(definition.name)) {
      throw new TypeError(
        `installWorkscript: two input mergers are named '${definition.name}'; merger names must be unique`,
      );
    }
    mergers.set(definition.name, definition);
  });
  const names = Object.freeze([...byName.keys()].sort(byCodeUnits));
  const mergerNames = Object.freeze([...mergers.keys()].sort(byCodeUnits));
  return Object.freeze({
    protocolVersion: PROTOCOL_VERSION,
    workers: names,
    inputMergers: mergerNames,
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
    merge(mergerName: string, inputsJson: string): string {
      const merger = mergers.get(mergerName);
      if (merger === undefined) return mergeErrorJson(new UnknownInputMergerError(mergerName, mergerNames));
      return mergeInputs(merger, inputsJson);
    },
  });
}

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
