import type { StopReason } from '@workscript/api';
import type { WorkTask } from './work-executor.js';

/**
 * Messages between the {@link createThreadWorkExecutor} pool (main thread) and `thread-entry` (worker
 * thread). Data crosses as its serialized bytes (androidx's format), so the 10,240-byte rule and typed
 * values survive the hop exactly.
 */
export type MainToThread =
  | {
      readonly type: 'run';
      readonly taskId: number;
      readonly workerName: string;
      readonly input: Uint8Array;
      readonly params: WorkTask['params'];
    }
  | { readonly type: 'stop'; readonly taskId: number; readonly reason: StopReason }
  | {
      readonly type: 'reply';
      readonly callId: number;
      readonly ok: boolean;
      readonly value?: unknown;
      readonly error?: string;
    };

/** Host calls a worker thread makes on behalf of a running worker. */
export type HostMethod =
  | 'setProgress'
  | 'storage.get'
  | 'storage.set'
  | 'storage.delete'
  | 'storage.keys'
  /** `native.<Service>.<method>`: args are `[method, argsJson]`, the value is the HostReplyJson. */
  | 'native';

/** Messages from a worker thread. */
export type ThreadToMain =
  | {
      readonly type: 'result';
      readonly taskId: number;
      readonly status: 'success' | 'failure' | 'retry';
      readonly output: Uint8Array;
    }
  | {
      readonly type: 'error';
      readonly taskId: number;
      readonly name: string;
      readonly message: string;
      readonly stack?: string;
    }
  | {
      readonly type: 'call';
      readonly taskId: number;
      readonly callId: number;
      readonly method: HostMethod;
      readonly args: readonly unknown[];
    }
  | {
      readonly type: 'log';
      readonly taskId: number;
      readonly level: 'debug' | 'info' | 'warn' | 'error';
      readonly message: string;
      readonly fields?: Record<string, unknown>;
    };
