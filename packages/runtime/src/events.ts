import type { Data } from '@workscript/api';

/**
 * The typed event map (`noun:verb`). Payloads are plain data; listeners run after the change committed,
 * and events come out in the order of their commits.
 */
export interface WorkEvents {
  /** Work was inserted; `state` is its initial state (ENQUEUED, BLOCKED, FAILED or CANCELLED). */
  'work:enqueued': { readonly id: string; readonly workerName: string; readonly state: string };
  /** A run began (state RUNNING); `runAttemptCount` is what the worker sees (pre-increment). */
  'work:started': {
    readonly id: string;
    readonly workerName: string;
    readonly runAttemptCount: number;
    readonly generation: number;
  };
  /** One-time work SUCCEEDED, or periodic work finished a period successfully. */
  'work:succeeded': { readonly id: string; readonly output: Data; readonly periodic: boolean };
  /**
   * One-time work FAILED (or a periodic run failed); `error` is set when it threw or could not start. Each
   * dependent failed with it gets its own event, after its cause's, with empty output and no `error`.
   */
  'work:failed': {
    readonly id: string;
    readonly output: Data;
    readonly periodic: boolean;
    readonly error?: Error;
  };
  /** The worker asked for a retry; the work runs again at `nextScheduleTimeMillis`. */
  'work:retry-scheduled': {
    readonly id: string;
    readonly runAttemptCount: number;
    readonly nextScheduleTimeMillis: number;
  };
  /** Work was cancelled (including dependents cancelled with it). */
  'work:cancelled': { readonly id: string };
  /** A running worker was stopped and its work went back to ENQUEUED (or stayed CANCELLED). */
  'work:stopped': { readonly id: string; readonly reason: number };
  /** Schedulers were asked to pick work. */
  'scheduler:tick': { readonly eligible: number };
}

/** Name of an event in {@link WorkEvents}. */
export type WorkEventName = keyof WorkEvents;

/** A typed event emitter over {@link WorkEvents}. */
export interface WorkEventBus {
  /** Subscribes; returns the unsubscribe function. */
  on<K extends WorkEventName>(name: K, listener: (payload: WorkEvents[K]) => void): () => void;
  /** Emits to every listener; a throwing listener is reported to `onListenerError` and does not stop others. */
  emit<K extends WorkEventName>(name: K, payload: WorkEvents[K]): void;
}

/**
 * Creates a {@link WorkEventBus}.
 * @param onListenerError - receives listener exceptions. Default: rethrown asynchronously (never swallowed).
 */
export function createEventBus(
  onListenerError: (error: unknown) => void = (e) =>
    queueMicrotask(() => {
      throw e;
    }),
): WorkEventBus {
  const listeners = new Map<WorkEventName, Set<(payload: never) => void>>();
  return {
    on(name, listener) {
      let set = listeners.get(name);
      if (!set) listeners.set(name, (set = new Set()));
      set.add(listener as (payload: never) => void);
      return () => void set.delete(listener as (payload: never) => void);
    },
    emit(name, payload) {
      for (const l of [...(listeners.get(name) ?? [])]) {
        try {
          (l as (p: typeof payload) => void)(payload);
        } catch (e) {
          onListenerError(e);
        }
      }
    },
  };
}
