import type { ContentUriTrigger } from '@workscript/api';
import { contentChangeMatches, parseContentUri } from '../constraints/content-uri.js';
import type { DeviceState } from '../constraints/device-state.js';
import type { RuntimeExtras } from '../execution/runtime-extras.js';
import type { WorkSpec } from '../model/work-spec.js';
import type { Timer, TimerHandle } from '../timer.js';

/** JobScheduler's delays when a request leaves them to the system (`JobStatus.DEFAULT_TRIGGER_*`). */
export const DEFAULT_TRIGGER_UPDATE_DELAY_MS = 10_000;
export const DEFAULT_TRIGGER_MAX_DELAY_MS = 120_000;
/** JobScheduler's floors for delays a request sets (`JobStatus.MIN_TRIGGER_*`). */
export const MIN_TRIGGER_UPDATE_DELAY_MS = 500;
export const MIN_TRIGGER_MAX_DELAY_MS = 1_000;
/** JobScheduler keeps the first this many changed URIs of a trigger and drops the rest (not the authorities). */
export const MAX_URIS_REPORTED = 50;
/** From this many changed URIs on, JobScheduler skips the update delay (`URIS_URGENT_THRESHOLD`). */
export const URIS_URGENT_THRESHOLD = 40;

/** The update delay JobScheduler applies for a request's `contentTriggerUpdateDelayMillis`. */
export const effectiveUpdateDelay = (ms: number): number =>
  ms < 0 ? DEFAULT_TRIGGER_UPDATE_DELAY_MS : Math.max(ms, MIN_TRIGGER_UPDATE_DELAY_MS);
/** The maximum delay JobScheduler applies for a request's `contentTriggerMaxDelayMillis`. */
export const effectiveMaxDelay = (ms: number): number =>
  ms < 0 ? DEFAULT_TRIGGER_MAX_DELAY_MS : Math.max(ms, MIN_TRIGGER_MAX_DELAY_MS);

interface Observation {
  readonly triggers: readonly ContentUriTrigger[];
  readonly updateDelay: number;
  readonly maxDelay: number;
  readonly uris: string[];
  readonly authorities: string[];
  update: TimerHandle | undefined;
  max: TimerHandle | undefined;
  fired: boolean;
}

/**
 * Content-URI triggers on Node, as JobScheduler's ContentObserverController runs them on a device (there
 * is no JobScheduler here, so the GreedyScheduler asks this tracker). From the moment work is handed to
 * the scheduler until its attempt starts, every content change that matches one of its triggers is
 * recorded (the first 50 distinct URIs, every authority). The first such change arms the maximum delay;
 * each one restarts the update delay, or from 40 URIs on fires at once; when either expires the triggers
 * are satisfied and `onTriggered(spec)` runs. The recorded URIs and authorities are
 * what the attempt sees (`ctx.triggeredContentUris`); an attempt's start ends the observation, so the next
 * attempt (a retry, a period) waits for changes of its own.
 */
export class ContentTriggerTracker {
  readonly #timer: Timer;
  readonly #onTriggered: (spec: WorkSpec) => void;
  readonly #observed = new Map<string, { spec: WorkSpec; o: Observation }>();
  readonly #off: () => void;

  constructor(device: DeviceState, timer: Timer, onTriggered: (spec: WorkSpec) => void) {
    this.#timer = timer;
    this.#onTriggered = onTriggered;
    this.#off = device.onContentChange((uri) => this.#changed(uri));
  }

  /** Starts observing `spec`'s triggers; an id already observed keeps what it recorded (a newer spec replaces the old one). */
  observe(spec: WorkSpec): void {
    const current = this.#observed.get(spec.id);
    if (current !== undefined) {
      current.spec = spec;
      return;
    }
    const c = spec.constraints;
    this.#observed.set(spec.id, {
      spec,
      o: {
        triggers: c.contentUriTriggers,
        updateDelay: effectiveUpdateDelay(c.contentTriggerUpdateDelayMillis),
        maxDelay: effectiveMaxDelay(c.contentTriggerMaxDelayMillis),
        uris: [],
        authorities: [],
        update: undefined,
        max: undefined,
        fired: false,
      },
    });
  }

  /** What started `id`'s triggers, or undefined while they wait (or `id` is not observed). */
  triggered(id: string): RuntimeExtras | undefined {
    const o = this.#observed.get(id)?.o;
    if (o === undefined || !o.fired) return undefined;
    return Object.freeze({
      triggeredContentUris: Object.freeze([...o.uris]),
      triggeredContentAuthorities: Object.freeze([...o.authorities]),
    });
  }

  /** Stops observing `id` (its attempt started, or it was cancelled). */
  forget(id: string): void {
    const entry = this.#observed.get(id);
    if (entry === undefined) return;
    this.#clearTimers(entry.o);
    this.#observed.delete(id);
  }

  /** Stops listening and cancels every timer. */
  close(): void {
    this.#off();
    for (const id of [...this.#observed.keys()]) this.forget(id);
  }

  #changed(uri: string): void {
    const segments = parseContentUri(uri);
    const authority = segments?.[0];
    if (segments === null || authority === undefined) return;
    for (const entry of [...this.#observed.values()]) {
      const o = entry.o;
      if (!o.triggers.some((t) => contentChangeMatches(t, segments))) continue;
      if (o.uris.length < MAX_URIS_REPORTED && !o.uris.includes(uri)) o.uris.push(uri);
      if (!o.authorities.includes(authority)) o.authorities.push(authority);
      if (o.fired) continue; // satisfied already: later changes are only reported with it
      if (o.max === undefined) o.max = this.#timer.setTimeout(() => this.#fire(entry), o.maxDelay);
      if (o.update !== undefined) this.#timer.clearTimeout(o.update);
      const delay = o.uris.length >= URIS_URGENT_THRESHOLD ? 0 : o.updateDelay;
      o.update = this.#timer.setTimeout(() => this.#fire(entry), delay);
    }
  }

  #fire(entry: { spec: WorkSpec; o: Observation }): void {
    if (this.#observed.get(entry.spec.id) !== entry) return;
    this.#clearTimers(entry.o);
    entry.o.fired = true;
    this.#onTriggered(entry.spec);
  }

  #clearTimers(o: Observation): void {
    if (o.update !== undefined) this.#timer.clearTimeout(o.update);
    if (o.max !== undefined) this.#timer.clearTimeout(o.max);
    o.update = undefined;
    o.max = undefined;
  }
}
