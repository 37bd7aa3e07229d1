import type { WorkerShapes } from '@workscript/api';
import type { WorkTask } from '../../execution/work-executor.js';
import { callNativeOf } from '../../native/native-service-host.js';
import { jsonToData } from './data-json.js';

const LEVELS = new Set(['debug', 'info', 'warn', 'error']);

/** A HostReplyJson error code; `unknown-method` is the protocol's, the others are this host's. */
type ErrorCode = 'unknown-method' | 'invalid-argument' | 'network' | 'aborted' | 'host-error';

class HostError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const ok = (value: unknown): string => JSON.stringify({ ok: true, value: value ?? null });
const fail = (code: string, message: string): string =>
  JSON.stringify({ ok: false, error: { message, code } });

/**
 * Answers one guest → host call (bridge protocol v1) with the runtime's own services for that attempt:
 * progress through the WorkerWrapper (encoded with the progress shape), logs to the worker's logger, `fetch`
 * through the runtime's fetch (aborted on stop), storage in the database. Never rejects: failures become
 * `{"ok":false,...}` replies that the guest throws as `HostCallError`. `timer.sleep` is answered by the
 * engine thread itself; `native.*` goes to the app's native services on the main thread.
 */
export async function answerHostCall(
  task: WorkTask,
  shapes: WorkerShapes | undefined,
  method: string,
  argsJson: string,
): Promise<string> {
  // Native services answer with their own HostReplyJson (codes unknown-method, bad-args, host-error).
  if (method.startsWith('native.')) return callNativeOf(task.host)(method, argsJson);
  try {
    const args = JSON.parse(argsJson) as Record<string, unknown>;
    switch (method) {
      case 'progress.set':
        await task.host.setProgress(jsonToData(args['progress'], shapes?.progress));
        return ok(null);
      case 'log': {
        const level = String(args['level']);
        if (!LEVELS.has(level))
          throw new HostError(
            'invalid-argument',
            `log level must be debug, info, warn or error, got ${JSON.stringify(level)}`,
          );
        const fields = args['fields'];
        task.host.log[level as 'info'](
          String(args['message']),
          typeof fields === 'object' && fields !== null ? (fields as Record<string, unknown>) : {},
        );
        return ok(null);
      }
      case 'fetch':
        return ok(await fetchFor(task, args));
      case 'storage.get':
        return ok(await task.host.storage.get(args['key'] as string));
      case 'storage.set':
        await task.host.storage.set(args['key'] as string, args['value'] as string);
        return ok(null);
      case 'storage.delete':
        await task.host.storage.delete(args['key'] as string);
        return ok(null);
      case 'storage.keys': {
        const prefix = args['prefix'];
        return ok(await task.host.storage.keys(typeof prefix === 'string' ? prefix : undefined));
      }
      default:
        return fail(
          'unknown-method',
          `Unknown host method ${method}; this host supports progress.set, log, timer.sleep, fetch, storage.* and native.<Service>.<method>`,
        );
    }
  } catch (e) {
    if (e instanceof HostError) return fail(e.code, e.message);
    const error = e instanceof Error ? e : new Error(String(e));
    return fail(
      error.name === 'TypeError' || error.name === 'InvalidDataError' ? 'invalid-argument' : 'host-error',
      error.message,
    );
  }
}

async function fetchFor(task: WorkTask, args: Record<string, unknown>): Promise<unknown> {
  const { url, method, headers, body, timeoutMs } = args;
  let response;
  try {
    response = await task.host.fetch(String(url), {
      method: typeof method === 'string' ? method : 'GET',
      headers: (headers ?? {}) as Record<string, string>,
      ...(typeof body === 'string' ? { body } : {}),
      ...(typeof timeoutMs === 'number' ? { timeoutMs } : {}),
    });
  } catch (e) {
    const error = e as Error & { cause?: { message?: string } };
    const aborted =
      error.name === 'AbortError' || error.name === 'TimeoutError' || error.name === 'WorkStoppedError';
    throw new HostError(
      aborted ? 'aborted' : 'network',
      error.cause?.message ? `${error.message}: ${error.cause.message}` : error.message,
    );
  }
  return {
    status: response.status,
    url: response.url,
    headers: response.headers,
    body: await response.text(),
  };
}
