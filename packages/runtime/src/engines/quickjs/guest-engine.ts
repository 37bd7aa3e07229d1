import type {
  QuickJSContext,
  QuickJSDeferredPromise,
  QuickJSHandle,
  QuickJSRuntime,
  QuickJSWASMModule,
} from 'quickjs-emscripten';

/** Receives every `__host.call(method, argsJson)` of the guest; answer later with {@link GuestEngine.reply}. */
export type HostCallListener = (method: string, argsJson: string, callId: number) => void;

/** Where the current run is after the guest's pending jobs ran. */
export type RunState =
  | { readonly kind: 'pending' }
  | { readonly kind: 'settled'; readonly resultJson: string }
  /** The engine cannot go on (interrupted, out of memory outside the worker's reach, a broken job). */
  | { readonly kind: 'broken'; readonly message: string };

/** What one `__workscript.merge` call gave. */
export type MergeState =
  /** MergeResultJson: `{"ok":true,"data":…}` or `{"ok":false,"error":…}`. */
  | { readonly kind: 'merged'; readonly resultJson: string }
  /** The bundle was built before custom input mergers: its `__workscript` has no `merge`. */
  | { readonly kind: 'unsupported' }
  /** The call did not return (interrupted, out of memory outside the guest's reach): dispose the engine. */
  | { readonly kind: 'broken'; readonly message: string };

/** Limits of one QuickJS runtime. */
export interface GuestLimits {
  readonly memoryLimitBytes: number;
  readonly maxStackSizeBytes: number;
}

/**
 * One QuickJS runtime + context with a bundle loaded and `__host` defined (bridge protocol v1), running one
 * `__workscript.run` at a time. It is synchronous and single-threaded: the caller answers host calls with
 * {@link reply} and then calls {@link pump} to run the guest's jobs. Only this class touches QuickJS handles.
 */
export class GuestEngine {
  /** Registered worker names (`__workscript.workers`). */
  readonly workers: readonly string[];
  /** Registered custom input merger names (`__workscript.inputMergers`; `[]` for bundles from before them). */
  readonly inputMergers: readonly string[];
  /** Whether the bundle has `__workscript.merge` (bundles built before custom input mergers do not). */
  readonly canMerge: boolean;
  /** Set to make the interrupt handler end whatever the guest is running. */
  shouldInterrupt: () => boolean = () => false;
  #onCall: HostCallListener = () => undefined;
  readonly #runtime: QuickJSRuntime;
  readonly #vm: QuickJSContext;
  readonly #calls = new Map<number, QuickJSDeferredPromise>();
  #nextCallId = 0;
  #run: QuickJSHandle | undefined;
  #broken: string | undefined;

  private constructor(runtime: QuickJSRuntime, vm: QuickJSContext) {
    this.#runtime = runtime;
    this.#vm = vm;
    runtime.setInterruptHandler(() => this.shouldInterrupt());
    const call = vm.newFunction('call', (methodHandle, argsHandle) => {
      const method = vm.getString(methodHandle);
      const argsJson = vm.getString(argsHandle);
      const deferred = vm.newPromise();
      const callId = this.#nextCallId++;
      this.#calls.set(callId, deferred);
      this.#onCall(method, argsJson, callId);
      return deferred.handle;
    });
    const host = vm.newObject();
    vm.setProp(host, 'call', call);
    vm.setProp(vm.global, '__host', host);
    call.dispose();
    host.dispose();
    this.workers = [];
    this.inputMergers = [];
    this.canMerge = false;
  }

  /**
   * Creates a runtime with `limits`, defines `__host` and evaluates the bundle.
   * @throws Error with the guest's message when the bundle does not evaluate or defines no `__workscript`
   * of protocol version 1.
   */
  static load(module: QuickJSWASMModule, code: string, filename: string, limits: GuestLimits): GuestEngine {
    const runtime = module.newRuntime();
    runtime.setMemoryLimit(limits.memoryLimitBytes);
    runtime.setMaxStackSize(limits.maxStackSizeBytes);
    const engine = new GuestEngine(runtime, runtime.newContext());
    try {
      const vm = engine.#vm;
      const result = vm.evalCode(code, filename);
      if (result.error) {
        const message = describeHandle(vm, result.error);
        result.error.dispose();
        throw new Error(`The bundle ${filename} failed to evaluate: ${message}`);
      }
      result.value.dispose();
      const info = vm.evalCode(
        // A function, so that no global is left behind for the guest to see.
        '(function (g) { return { v: g && g.protocolVersion, w: g && g.workers, m: g && g.inputMergers, f: !!g && typeof g.merge === "function" }; })(globalThis.__workscript)',
      );
      const handle = vm.unwrapResult(info);
      const { v, w, m, f } = vm.dump(handle) as { v: unknown; w: unknown; m: unknown; f: boolean };
      handle.dispose();
      if (v !== 1 || !Array.isArray(w)) {
        throw new Error(
          `The bundle ${filename} does not define __workscript with bridge protocol version 1 (found ${JSON.stringify(v)}); rebuild it with workscript generate`,
        );
      }
      const loaded = engine as {
        workers: readonly string[];
        inputMergers: readonly string[];
        canMerge: boolean;
      };
      loaded.workers = Object.freeze(w.map(String));
      loaded.inputMergers = Object.freeze(Array.isArray(m) ? m.map(String) : []);
      loaded.canMerge = f;
      return engine;
    } catch (e) {
      try {
        engine.dispose();
      } catch {
        // A heap that cannot be freed; the caller replaces the module after a failed load.
      }
      throw e;
    }
  }

  /** True after an interrupt, an escaped job error or an out-of-memory outside a run: dispose it. */
  get broken(): boolean {
    return this.#broken !== undefined;
  }

  /** Host calls not answered yet, oldest first. */
  get pendingCallIds(): number[] {
    return [...this.#calls.keys()];
  }

  /** Starts `__workscript.run`; the state is read with {@link pump}. One run at a time. */
  startRun(worker: string, inputJson: string, contextJson: string, onCall: HostCallListener): void {
    if (this.#run !== undefined) throw new Error('GuestEngine runs one attempt at a time');
    this.#onCall = onCall;
    const result = this.#callGuest('run', [worker, inputJson, contextJson]);
    if (result.error !== undefined) this.#broken = result.error;
    else this.#run = result.value;
  }

  /** `__workscript.stop(runId, reason)`; the guest aborts that run's `ctx.signal`. */
  stop(runId: string, reason: number): void {
    const result = this.#callGuest('stop', [runId, reason]);
    if (result.error !== undefined) this.#broken = result.error;
    else result.value.dispose();
  }

  /**
   * `__workscript.merge(mergerName, inputsJson)`: runs a custom input merger synchronously, as androidx's
   * `InputMerger.merge` runs, and returns its MergeResultJson. Promise jobs the merger leaves behind are not
   * run here (a merge is over when it returns) and host calls it makes are never answered.
   */
  merge(mergerName: string, inputsJson: string): MergeState {
    if (this.#broken !== undefined) return { kind: 'broken', message: this.#broken };
    if (!this.canMerge) return { kind: 'unsupported' };
    const result = this.#callGuest('merge', [mergerName, inputsJson]);
    if (result.error !== undefined) {
      this.#broken = result.error;
      return { kind: 'broken', message: this.#broken };
    }
    const value = this.#vm.dump(result.value) as unknown;
    result.value.dispose();
    if (typeof value !== 'string') {
      this.#broken = `__workscript.merge returned ${typeof value}, not a MergeResultJson string`;
      return { kind: 'broken', message: this.#broken };
    }
    return { kind: 'merged', resultJson: value };
  }

  /** Resolves the promise of host call `callId` with `replyJson`; unknown (dropped) calls are ignored. */
  reply(callId: number, replyJson: string): void {
    const deferred = this.#calls.get(callId);
    if (deferred === undefined) return;
    this.#calls.delete(callId);
    const value = this.#vm.newString(replyJson);
    deferred.resolve(value);
    value.dispose();
    deferred.dispose();
  }

  /** Runs the guest's pending jobs, then reports the run's state. */
  pump(): RunState {
    if (this.#broken === undefined) {
      const jobs = this.#runtime.executePendingJobs();
      if (jobs.error) {
        this.#broken = describeHandle(this.#vm, jobs.error);
        jobs.error.dispose();
      }
    }
    if (this.#broken !== undefined) return { kind: 'broken', message: this.#broken };
    if (this.#run === undefined) return { kind: 'pending' };
    const state = this.#vm.getPromiseState(this.#run);
    if (state.type === 'pending') return { kind: 'pending' };
    if (state.type === 'rejected') {
      this.#broken = `__workscript.run rejected (the protocol says it never does): ${describeHandle(this.#vm, state.error)}`;
      state.error.dispose();
      return { kind: 'broken', message: this.#broken };
    }
    const value = this.#vm.dump(state.value) as unknown;
    state.value.dispose();
    if (typeof value !== 'string') {
      this.#broken = `__workscript.run resolved with ${typeof value}, not a ResultJson string`;
      return { kind: 'broken', message: this.#broken };
    }
    return { kind: 'settled', resultJson: value };
  }

  /** Ends the current run: its promise is released and its unanswered host calls are dropped. */
  endRun(): void {
    this.#run?.dispose();
    this.#run = undefined;
    for (const deferred of this.#calls.values()) deferred.dispose();
    this.#calls.clear();
    this.#onCall = () => undefined;
  }

  /** Frees the context and the runtime. */
  dispose(): void {
    this.endRun();
    this.#vm.dispose();
    this.#runtime.dispose();
  }

  #callGuest(
    name: 'run' | 'stop' | 'merge',
    args: readonly (string | number)[],
  ): { value: QuickJSHandle; error?: undefined } | { error: string } {
    const vm = this.#vm;
    const guest = vm.getProp(vm.global, '__workscript');
    const fn = vm.getProp(guest, name);
    const handles = args.map((a) => (typeof a === 'string' ? vm.newString(a) : vm.newNumber(a)));
    try {
      const result = vm.callFunction(fn, guest, ...handles);
      if (result.error) {
        const message = describeHandle(vm, result.error);
        result.error.dispose();
        return { error: message };
      }
      return { value: result.value };
    } finally {
      for (const h of handles) h.dispose();
      fn.dispose();
      guest.dispose();
    }
  }
}

/** A thrown guest value as `Name: message`, without keeping the handle. */
function describeHandle(vm: QuickJSContext, handle: QuickJSHandle): string {
  try {
    const value = vm.dump(handle) as unknown;
    if (typeof value === 'object' && value !== null && 'message' in value) {
      const e = value as { name?: unknown; message?: unknown };
      return `${typeof e.name === 'string' ? e.name : 'Error'}: ${String(e.message)}`;
    }
    return String(value);
  } catch {
    return 'an error that could not be read (the engine may be out of memory)';
  }
}
