import {
  getQuickJS,
  shouldInterruptAfterDeadline,
  type QuickJSContext,
  type QuickJSDeferredPromise,
  type QuickJSHandle,
} from 'quickjs-emscripten';

/** One guest → host call as the host saw it. */
export interface HostCall {
  readonly method: string;
  readonly argsJson: string;
}

/** The host's answer to the `index`-th call (0-based): a HostReplyJson string. */
export type ReplyFn = (call: HostCall, index: number) => string;

/** One `__workscript.run` driven to completion. */
export interface GuestRun {
  readonly worker: string;
  readonly inputJson: string;
  readonly contextJson: string;
  readonly reply: ReplyFn;
  /** Calls `__workscript.stop(runId, reason)` once the guest has made `afterCalls` calls (see README). */
  readonly stop?: { readonly afterCalls: number; readonly reason: number };
}

/** What a run produced. */
export interface GuestRunOutcome {
  readonly resultJson: string;
  readonly calls: readonly HostCall[];
}

interface PendingCall {
  readonly call: HostCall;
  readonly deferred: QuickJSDeferredPromise;
}

/**
 * A worker bundle loaded into a fresh QuickJS context (quickjs-emscripten, sync build), with a host that
 * answers `__host.call` through promises made with `newPromise`. The host is deterministic: it answers one
 * call at a time, oldest first, and only when the guest has no pending jobs — the scheduling the conformance
 * README describes.
 */
export class QuickJsGuest {
  private pending: PendingCall[] = [];
  private calls: HostCall[] = [];

  private constructor(private readonly vm: QuickJSContext) {
    const call = vm.newFunction('call', (methodHandle, argsHandle) => {
      const entry: HostCall = { method: vm.getString(methodHandle), argsJson: vm.getString(argsHandle) };
      const deferred = vm.newPromise();
      this.calls.push(entry);
      this.pending.push({ call: entry, deferred });
      return deferred.handle;
    });
    const host = vm.newObject();
    vm.setProp(host, 'call', call);
    vm.setProp(vm.global, '__host', host);
    call.dispose();
    host.dispose();
  }

  /** Evaluates `code` (a bundle) in a new context. */
  static async load(code: string, filename = 'workers.js'): Promise<QuickJsGuest> {
    const quickjs = await getQuickJS();
    const vm = quickjs.newContext();
    vm.runtime.setMemoryLimit(64 * 1024 * 1024);
    const guest = new QuickJsGuest(vm);
    try {
      vm.unwrapResult(vm.evalCode(code, filename)).dispose();
    } catch (e) {
      guest.dispose();
      throw e;
    }
    return guest;
  }

  /** `__workscript` dumped to a plain value (functions become their `typeof`). */
  describe(): {
    protocolVersion: unknown;
    workers: unknown;
    inputMergers: unknown;
    run: string;
    stop: string;
    merge: string;
  } {
    const handle = this.vm.unwrapResult(
      this.vm.evalCode(
        '({ protocolVersion: __workscript.protocolVersion, workers: __workscript.workers, inputMergers: __workscript.inputMergers, run: typeof __workscript.run, stop: typeof __workscript.stop, merge: typeof __workscript.merge })',
      ),
    );
    try {
      return this.vm.dump(handle) as ReturnType<QuickJsGuest['describe']>;
    } finally {
      handle.dispose();
    }
  }

  /** Evaluates an expression in the guest and dumps its value. */
  evaluate(expression: string): unknown {
    const handle = this.vm.unwrapResult(this.vm.evalCode(expression));
    try {
      return this.vm.dump(handle);
    } finally {
      handle.dispose();
    }
  }

  /** Runs one attempt to completion. Throws when the guest deadlocks (waits with no call to answer). */
  run(run: GuestRun): GuestRunOutcome {
    const { vm } = this;
    this.calls = [];
    const deadline = Date.now() + 10_000;
    // A worker stuck in a loop is interrupted, as a host does after the stop grace period.
    vm.runtime.setInterruptHandler(shouldInterruptAfterDeadline(deadline));
    const promise = this.callGuest('run', [run.worker, run.inputJson, run.contextJson]);
    const runId = readRunId(run.contextJson);
    let answered = 0;
    let stopped = run.stop === undefined;
    try {
      for (;;) {
        this.drainJobs();
        const state = vm.getPromiseState(promise);
        if (state.type === 'fulfilled') {
          const value = vm.dump(state.value) as unknown;
          state.value.dispose();
          if (typeof value !== 'string')
            throw new Error(`run resolved with ${typeof value}, not a ResultJson string`);
          return { resultJson: value, calls: [...this.calls] };
        }
        if (state.type === 'rejected') {
          const error = vm.dump(state.error) as unknown;
          state.error.dispose();
          throw new Error(
            `__workscript.run rejected (the protocol says it never does): ${JSON.stringify(error)}`,
          );
        }
        if (!stopped && run.stop !== undefined && this.calls.length >= run.stop.afterCalls) {
          stopped = true;
          this.callGuest('stop', [runId, run.stop.reason]).dispose();
          continue;
        }
        const next = this.pending.shift();
        if (next === undefined)
          throw new Error('The guest waits for nothing: no host call is pending and run did not settle');
        if (Date.now() > deadline) throw new Error('The run did not finish within 10 s');
        const reply = vm.newString(run.reply(next.call, answered++));
        next.deferred.resolve(reply);
        reply.dispose();
        next.deferred.dispose();
      }
    } finally {
      vm.runtime.removeInterruptHandler();
      promise.dispose();
      for (const p of this.pending) p.deferred.dispose();
      this.pending = [];
    }
  }

  /**
   * Calls `__workscript.merge(mergerName, inputsJson)` once, with no host calls (a merge is synchronous).
   * @throws Error when merge throws or returns something other than a string, which the protocol rules out.
   */
  merge(mergerName: string, inputsJson: string): string {
    const handle = this.callGuest('merge', [mergerName, inputsJson]);
    try {
      const value = this.vm.dump(handle) as unknown;
      if (typeof value !== 'string')
        throw new Error(`merge returned ${typeof value}, not a MergeResultJson string`);
      return value;
    } finally {
      handle.dispose();
    }
  }

  /** Frees the context. */
  dispose(): void {
    for (const p of this.pending) p.deferred.dispose();
    this.pending = [];
    this.vm.dispose();
  }

  private callGuest(name: 'run' | 'stop' | 'merge', args: readonly (string | number)[]): QuickJSHandle {
    const { vm } = this;
    const guest = vm.getProp(vm.global, '__workscript');
    const fn = vm.getProp(guest, name);
    const handles = args.map((a) => (typeof a === 'string' ? vm.newString(a) : vm.newNumber(a)));
    try {
      return vm.unwrapResult(vm.callFunction(fn, guest, ...handles));
    } finally {
      for (const h of handles) h.dispose();
      fn.dispose();
      guest.dispose();
    }
  }

  private drainJobs(): void {
    const result = this.vm.runtime.executePendingJobs();
    if (result.error) {
      const error = this.vm.dump(result.error) as unknown;
      result.error.dispose();
      throw new Error(`A guest job threw: ${JSON.stringify(error)}`);
    }
  }
}

function readRunId(contextJson: string): string {
  try {
    const { runId } = JSON.parse(contextJson) as { runId?: unknown };
    return typeof runId === 'string' ? runId : '';
  } catch {
    return '';
  }
}
