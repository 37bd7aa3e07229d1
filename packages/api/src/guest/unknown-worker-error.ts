/** `run` was called with a worker name the bundle does not register. */
export class UnknownWorkerError extends Error {
  constructor(workerName: string, known: readonly string[]) {
    super(
      `Unknown worker ${JSON.stringify(workerName)}. Known workers: ${known.length === 0 ? '(none)' : known.join(', ')}.`,
    );
    this.name = 'UnknownWorkerError';
  }
}
