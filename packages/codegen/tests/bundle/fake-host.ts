import type {
  Int,
  NativeService,
  NativeServiceRef,
  WorkerContext,
  WorkerFetchResponse,
  WorkSignal,
} from '@workscript/api';
import { Result } from '@workscript/api';
import type { HostCall } from './quickjs-guest.js';

/** A scripted HTTP response of {@link FakeHost}. */
export interface FakeResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body: string;
}

/**
 * An in-memory host: storage in a Map, progress and logs recorded, sleeps that end at once, fetch answered
 * from a table. The same instance backs a QuickJS guest (through {@link FakeHost.reply}) or a worker called
 * directly in Node (through {@link FakeHost.nodeContext}), so both runs see the same services.
 */
export class FakeHost {
  readonly storage = new Map<string, string>();
  readonly progress: unknown[] = [];
  readonly logs: { level: string; message: string; fields: unknown }[] = [];
  readonly fetched: string[] = [];

  constructor(private readonly responses: Readonly<Record<string, FakeResponse>> = {}) {}

  /** Answers one bridge call with a HostReplyJson string. */
  reply = (call: HostCall): string => {
    try {
      return JSON.stringify({
        ok: true,
        value: this.handle(call.method, JSON.parse(call.argsJson) as Record<string, unknown>),
      });
    } catch (e) {
      return JSON.stringify({ ok: false, error: { message: (e as Error).message, code: 'host-error' } });
    }
  };

  /** The service behind every bridge method. */
  handle(method: string, args: Record<string, unknown>): unknown {
    switch (method) {
      case 'progress.set':
        this.progress.push(args['progress']);
        return null;
      case 'log':
        this.logs.push({
          level: String(args['level']),
          message: String(args['message']),
          fields: args['fields'],
        });
        return null;
      case 'timer.sleep':
        return null;
      case 'storage.get':
        return this.storage.get(String(args['key'])) ?? null;
      case 'storage.set':
        this.storage.set(String(args['key']), String(args['value']));
        return null;
      case 'storage.delete':
        this.storage.delete(String(args['key']));
        return null;
      case 'storage.keys': {
        const prefix = typeof args['prefix'] === 'string' ? args['prefix'] : '';
        return [...this.storage.keys()].filter((k) => k.startsWith(prefix)).sort();
      }
      case 'fetch': {
        const url = String(args['url']);
        this.fetched.push(`${String(args['method'])} ${url}`);
        const response = this.responses[url];
        if (response === undefined) throw new Error(`no route to ${url}`);
        return { status: response.status, url, headers: response.headers ?? {}, body: response.body };
      }
      default:
        throw new Error(`unknown method ${method}`);
    }
  }

  /** A WorkerContext for calling a worker directly in Node, backed by the same services. */
  nodeContext(context: {
    id: string;
    tags: string[];
    runAttemptCount: number;
    generation: number;
    triggeredContentUris?: string[];
    triggeredContentAuthorities?: string[];
  }): WorkerContext {
    // Mirrors the guest prelude: a failed host call is an Error named HostCallError with the host's message.
    const call = (method: string, args: Record<string, unknown>) =>
      new Promise<unknown>((resolve) => resolve(this.handle(method, args))).catch((e: unknown) => {
        const error = new Error((e as Error).message);
        error.name = 'HostCallError';
        throw error;
      });
    const log = (level: string) => (message: string, fields?: unknown) => {
      void call('log', { level, message, fields: fields ?? {} });
    };
    const signal: WorkSignal = {
      aborted: false,
      reason: undefined,
      throwIfAborted: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
    };
    const ctx: WorkerContext = {
      id: context.id,
      tags: context.tags,
      runAttemptCount: context.runAttemptCount as Int,
      generation: context.generation as Int,
      // Optional in the contextJson too: absent means no content change started the run.
      triggeredContentUris: context.triggeredContentUris ?? [],
      triggeredContentAuthorities: context.triggeredContentAuthorities ?? [],
      signal,
      setProgress: async (progress) => void (await call('progress.set', { progress })),
      log: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
      fetch: async (url, init) => {
        const r = (await call('fetch', { url, method: init?.method ?? 'GET' })) as FakeResponse & {
          url: string;
        };
        const headers = Object.fromEntries(
          Object.entries(r.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
        );
        const response: WorkerFetchResponse = {
          status: r.status,
          ok: r.status >= 200 && r.status < 300,
          url: r.url,
          headers,
          text: async () => r.body,
          json: async <T>() => JSON.parse(r.body) as T,
        };
        return response;
      },
      // Mirrors the guest's createNativeService: every method is `native.<Service>.<method>` with `args`.
      native: <S extends NativeService>(ref: NativeServiceRef<S>): S =>
        new Proxy(
          {},
          {
            get: (_target, key) =>
              typeof key !== 'string' || key === 'then'
                ? undefined
                : (...args: unknown[]) => call(`native.${ref.name}.${key}`, { args }),
          },
        ) as S,
      storage: {
        get: async (key) => (await call('storage.get', { key })) as string | null,
        set: async (key, value) => void (await call('storage.set', { key, value })),
        delete: async (key) => void (await call('storage.delete', { key })),
        keys: async (prefix) => (await call('storage.keys', { prefix: prefix ?? null })) as string[],
      },
      success: Result.success,
      failure: Result.failure,
      retry: Result.retry,
    };
    return ctx;
  }
}
