import type { ConsoleLike } from './install-console.js';
import type { QueueMicrotask } from './install-queue-microtask.js';

/**
 * The globals the guest prelude reads or defines (bridge protocol v1). The api package compiles without DOM
 * or Node typings, and QuickJS has neither, so everything the prelude touches is declared here.
 */

/** What the host defines as `globalThis.__host` before evaluating the bundle. */
export interface Host {
  /** One guest → host call; resolves with a HostReplyJson string (`{"ok":true,"value":...}` or `{"ok":false,...}`). */
  call(method: string, argsJson: string): Promise<string>;
}

/** What evaluating the bundle defines as `globalThis.__workscript`. */
export interface WorkscriptGuest {
  /** Bridge protocol version this bundle speaks. */
  readonly protocolVersion: 1;
  /** Registered worker names, sorted. */
  readonly workers: readonly string[];
  /** Runs one attempt of a worker; resolves with ResultJson and never rejects. */
  run(workerName: string, inputJson: string, contextJson: string): Promise<string>;
  /** Aborts the `ctx.signal` of a running attempt with a `StopReason`; unknown run ids are ignored. */
  stop(runId: string, reason: number): void;
  /** Registered custom input merger names, sorted (`[]` when the bundle has none). */
  readonly inputMergers: readonly string[];
  /**
   * Runs a custom input merger, synchronously as androidx's `InputMerger.merge`: `inputsJson` is a JSON array
   * of TaggedDataJson objects; returns MergeResultJson and never throws.
   */
  merge(mergerName: string, inputsJson: string): string;
}

/** A timer handle as the prelude's timers return it. */
export type TimerId = number;

/** The global timer functions, as far as the prelude uses or defines them. */
export interface TimerGlobals {
  setTimeout?: (callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => unknown;
  clearTimeout?: (id: unknown) => void;
  setInterval?: (callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => unknown;
  clearInterval?: (id: unknown) => void;
}

/** `globalThis` as the prelude sees it. */
export interface GuestGlobals extends TimerGlobals {
  __host?: Host;
  __workscript?: WorkscriptGuest;
  console?: ConsoleLike;
  queueMicrotask?: QueueMicrotask;
  Date: DateConstructor;
}

/**
 * Whether the guest runs in a bare engine (QuickJS with only `__host`), where the prelude defines the
 * environment. On Node (the inline engine, tests) the globals are Node's and the prelude leaves them alone.
 */
export function isBareEngine(globals: GuestGlobals): boolean {
  return typeof globals.setTimeout !== 'function';
}

/** `globalThis`, typed with the bridge's globals. */
export function guestGlobals(): GuestGlobals {
  return globalThis as unknown as GuestGlobals;
}
