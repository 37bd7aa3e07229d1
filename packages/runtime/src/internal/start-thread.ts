import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts `<entry>.js` beside `callerUrl` in a worker thread. Running from sources (vitest, tsx) the entry is
 * TypeScript, so the thread registers tsx's loader first (`--import` in a worker's execArgv is not honoured);
 * built code loads the `.js` entry directly.
 */
export function startThread(callerUrl: string, entry: string, options: WorkerOptions): Worker {
  if (callerUrl.endsWith('.ts')) {
    const source = JSON.stringify(new URL(`./${entry}.ts`, callerUrl).href);
    // Resolved here: an eval'd thread resolves bare specifiers from the working directory, which the process
    // may have changed since it started.
    const tsxApi = JSON.stringify(import.meta.resolve('tsx/esm/api'));
    return new Worker(`import(${tsxApi}).then((m) => { m.register(); return import(${source}); })`, {
      ...options,
      eval: true,
    });
  }
  return new Worker(new URL(`./${entry}.js`, callerUrl), options);
}
