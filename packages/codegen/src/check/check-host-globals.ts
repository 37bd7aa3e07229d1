import { createDiagnosticCollector, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { ProjectModel } from '../model/project-model.js';

/**
 * What to use instead of each global that Node has and the QuickJS guest lacks (the inventory is
 * docs/guides/worker-environment.md). A reference that never runs in QuickJS (a Node-only branch) is legal,
 * so this is a warning, never an error.
 */
const INSTEAD: Readonly<Record<string, string>> = {
  AbortController: 'use ctx.signal, which the host aborts when the work is stopped',
  AbortSignal: 'use ctx.signal, which the host aborts when the work is stopped',
  Atomics:
    'the guest is single-threaded and quickjs-emscripten has no Atomics (the JVM does); use plain variables',
  Blob: 'send a string body with ctx.fetch',
  Buffer: 'use strings, arrays or Uint8Array (typed arrays exist in QuickJS)',
  Event: 'use ctx.signal.addEventListener for stops, or plain callbacks',
  EventTarget: 'use plain callbacks',
  FormData: 'send a string body with ctx.fetch',
  Headers: "pass headers to ctx.fetch as a plain object; read them from the response's headers record",
  Intl: 'format with explicit code (Date getters are UTC in workers; toLocaleString ignores locales)',
  Request: 'call ctx.fetch(url, options)',
  Response: 'ctx.fetch resolves with its own response object (status, ok, headers, text(), json())',
  TextDecoder: 'keep text as strings; bytes have no bridge type',
  TextEncoder: 'keep text as strings; bytes have no bridge type',
  URL: 'build URLs with string templates and encodeURIComponent',
  URLSearchParams: 'build query strings with encodeURIComponent',
  WebAssembly: 'move the computation to a native service (ctx.native)',
  __dirname: 'there are no files in a worker; store data with ctx.storage',
  __filename: 'there are no files in a worker; store data with ctx.storage',
  atob: 'decode base64 in code, or in a native service',
  btoa: 'encode base64 in code, or in a native service',
  crypto: 'use Math.random, or a native service for secure random values and UUIDs',
  exports: 'workers are ES modules: use export',
  fetch: 'use ctx.fetch, which the host runs and the stop signal cancels',
  global: 'use globalThis',
  module: 'workers are ES modules: use export',
  navigator: 'ask the app through a native service (ctx.native)',
  performance: 'use Date.now() for durations',
  process: 'pass configuration in the worker input, or read it through a native service',
  require: 'use import; the bundle cannot load Node modules',
  self: 'use globalThis',
  setImmediate: 'use setTimeout(callback, 0) or queueMicrotask',
  structuredClone: 'copy with JSON.parse(JSON.stringify(value)) or an explicit copy',
  window: 'use globalThis',
};

/** WS1042: worker code reads a global that Node has and QuickJS lacks; it throws a ReferenceError there. */
export function checkHostGlobals(ir: ProjectModel): Diagnostic[] {
  const root = createDiagnosticCollector();
  for (const ref of ir.hostGlobalReferences ?? []) {
    root.report(
      'host-only-global',
      { name: ref.name, instead: INSTEAD[ref.name] ?? 'avoid it in worker code' },
      ref.span,
    );
  }
  return [...root.diagnostics];
}
