import type { StopReason } from '@workscript/api';
import type { WorkSpec } from '../model/work-spec.js';
import { unmetConstraintReason } from './constraint-controllers.js';
import type { DeviceState } from './device-state.js';

/** Receives constraint verdicts for tracked work. */
export interface ConstraintsListener {
  /** Every constraint of `spec` holds. */
  onConstraintsMet(spec: WorkSpec): void;
  /** A constraint of `spec` does not hold; `reason` is the matching stop reason. */
  onConstraintsNotMet(spec: WorkSpec, reason: StopReason): void;
}

/**
 * Watches the device for a set of constrained specs (androidx `WorkConstraintsTracker`) and reports a
 * verdict for each tracked spec whenever the device changes, and once when tracking starts.
 */
export class ConstraintsTracker {
  readonly #device: DeviceState;
  readonly #listener: ConstraintsListener;
  readonly #tracked = new Map<string, WorkSpec>();
  readonly #off: () => void;

  constructor(device: DeviceState, listener: ConstraintsListener) {
    this.#device = device;
    this.#listener = listener;
    this.#off = device.onChange(() => {
      for (const spec of [...this.#tracked.values()]) this.#report(spec);
    });
  }

  /** Starts (or refreshes) tracking `spec` and reports its verdict now. */
  track(spec: WorkSpec): void {
    this.#tracked.set(spec.id, spec);
    this.#report(spec);
  }

  /** Stops tracking `id`. */
  untrack(id: string): void {
    this.#tracked.delete(id);
  }

  /** True while `id` is tracked. */
  isTracking(id: string): boolean {
    return this.#tracked.has(id);
  }

  /** Stops listening to the device. */
  close(): void {
    this.#off();
    this.#tracked.clear();
  }

  #report(spec: WorkSpec): void {
    const reason = unmetConstraintReason(spec.constraints, this.#device);
    if (reason === null) this.#listener.onConstraintsMet(spec);
    else this.#listener.onConstraintsNotMet(spec, reason);
  }
}
