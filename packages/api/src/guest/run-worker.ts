import type { WorkerDefinition } from '../worker/define-worker.js';
import { createWorkSignal } from './create-work-signal.js';
import { createWorkerContext } from './create-worker-context.js';
import type { CallHost } from './host-channel.js';
import { describeError, errorToResultJson, type ResultJson, workResultToJson } from './result-json.js';
import { parseRunContext } from './run-context.js';
import type { RunRegistry } from './run-registry.js';

/**
 * One attempt of one worker: parses the context and input, builds `ctx`, calls `run` and serialises what it
 * returns. Resolves with ResultJson and never rejects: anything thrown on the way, including by the prelude
 * itself, becomes the failure-with-error result.
 */
export async function runWorker(
  definition: WorkerDefinition,
  inputJson: string,
  contextJson: string,
  registry: RunRegistry,
  callHost: CallHost,
): Promise<ResultJson> {
  let runId: string | undefined;
  try {
    const run = parseRunContext(contextJson);
    if (registry.has(run.runId)) {
      throw new Error(`Run '${run.runId}' is already in progress; every attempt needs its own runId`);
    }
    const input = parseInput(definition.name, inputJson);
    const controller = createWorkSignal((e) =>
      reportError(callHost, run.runId, 'An abort listener threw', e),
    );
    runId = run.runId;
    registry.start(runId, controller);
    const ctx = createWorkerContext(run, controller.signal, callHost);
    const value: unknown = await registry.within(run.runId, () => definition.run(input, ctx));
    return workResultToJson(definition.name, value);
  } catch (e) {
    return safeErrorToResultJson(e);
  } finally {
    if (runId !== undefined) registry.finish(runId);
  }
}

function parseInput(workerName: string, inputJson: string): unknown {
  let input: unknown;
  try {
    input = JSON.parse(inputJson);
  } catch {
    input = undefined;
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new TypeError(
      `The input of worker '${workerName}' must be a JSON object; got ${JSON.stringify(String(inputJson).slice(0, 200))}`,
    );
  }
  return input;
}

/** Errors with throwing getters must not make `run` reject. */
function safeErrorToResultJson(error: unknown): ResultJson {
  try {
    return errorToResultJson(error);
  } catch {
    return errorToResultJson(new Error('The worker threw a value that could not be described'));
  }
}

/** Reports an error that has no caller to go to (abort listeners, timer callbacks) through the run's log. */
export function reportError(callHost: CallHost, runId: string | null, what: string, error: unknown): void {
  if (runId === null) return;
  const { name, message, stack } = describeError(error);
  callHost('log', {
    runId,
    level: 'error',
    message: `${what}: ${name}: ${message}`,
    fields: { stack },
  }).catch(() => undefined);
}
