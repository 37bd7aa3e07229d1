import { isWorkerDefinition, type WorkerDefinition } from '@workscript/api';

/** Finds the definition that runs a worker name (androidx `WorkerFactory`). */
export interface WorkerFactory {
  /** The definition for `workerName`, or null when this factory does not know it. */
  createWorker(workerName: string): WorkerDefinition | null;
  /** Names this factory knows, for "unknown worker" messages. */
  readonly knownWorkerNames: readonly string[];
}

/**
 * The default {@link WorkerFactory}: a registry of `defineWorker` definitions.
 * @throws Error when two definitions share a name (the work could not tell which one to run).
 */
export function createWorkerRegistry(workers: readonly WorkerDefinition[]): WorkerFactory {
  const byName = new Map<string, WorkerDefinition>();
  for (const w of workers) {
    if (byName.has(w.name) && byName.get(w.name) !== w) {
      throw new Error(`Two workers are named '${w.name}'; worker names must be unique`);
    }
    byName.set(w.name, w);
  }
  return {
    createWorker: (name) => byName.get(name) ?? null,
    knownWorkerNames: Object.freeze([...byName.keys()].sort()),
  };
}

/**
 * First non-null wins, like androidx's `DelegatingWorkerFactory` (`undefined`, what a `Map` lookup gives,
 * counts as null). A factory that returns something that is not a worker definition throws, so the work
 * fails without running and the `workerInitializationExceptionHandler` hears of it (spec §13.2).
 */
export function createDelegatingWorkerFactory(factories: readonly WorkerFactory[]): WorkerFactory {
  return {
    createWorker: (name) => {
      for (const f of factories) {
        const w: unknown = f.createWorker(name);
        if (w === null || w === undefined) continue;
        if (!isWorkerDefinition(w) || typeof w.run !== 'function') {
          throw new TypeError(
            `a workerFactory returned ${describeValue(w)} for '${name}'; return a definition made with defineWorker, or null for a name it does not know`,
          );
        }
        return w;
      }
      return null;
    },
    knownWorkerNames: Object.freeze([...new Set(factories.flatMap((f) => f.knownWorkerNames))].sort()),
  };
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value !== 'object') return String(value);
  return `an object with keys [${Object.keys(value as object).join(', ')}]`;
}
