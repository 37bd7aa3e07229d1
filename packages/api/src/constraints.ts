import { describeStringInput, describeValue } from './internal/describe-value.js';
import { checkOneOf } from './internal/enum-check.js';
import { MAX_MODIFIED_UTF8_BYTES, modifiedUtf8Length } from './data/modified-utf8.js';
import { InvalidWorkRequestError } from './errors.js';
import { NETWORK_TYPES, type NetworkType } from './network-type.js';

/**
 * Device conditions that must hold before work runs, and keep holding while it runs (a constraint that
 * stops holding stops the worker with the matching stop reason). Field names follow androidx.work
 * `Constraints`. Every field is optional; omitted fields take the defaults below.
 */
export interface Constraints {
  /** Network the work needs. Default `'NOT_REQUIRED'`. */
  readonly requiredNetworkType?: NetworkType;
  /** Device must be charging. Default `false`. */
  readonly requiresCharging?: boolean;
  /** Battery must not be low. Default `false`. */
  readonly requiresBatteryNotLow?: boolean;
  /** Storage must not be low. Default `false`. */
  readonly requiresStorageNotLow?: boolean;
  /** Device must be idle (Android API 23+). Cannot be combined with explicit backoff. Default `false`. */
  readonly requiresDeviceIdle?: boolean;
  /**
   * Content URIs whose changes start the work (Android API 24+, `Constraints.Builder.addContentUriTrigger`):
   * the work waits until a content provider reports a change to one of them. A set: duplicates count once
   * and order does not matter. Work with triggers cannot be expedited, and at most
   * `contentUriTriggerWorkersLimit` (default 8) unfinished such workers may be enqueued at once. On Node, report
   * changes with `deviceState.notifyContentChange(uri)`. Default none.
   */
  readonly contentUriTriggers?: readonly ContentUriTrigger[];
  /**
   * Delay in ms from the last reported content change until the work may run (every change restarts it;
   * `Constraints.Builder.setTriggerContentUpdateDelay`). `-1` leaves it to the system (JobScheduler:
   * 10 s). Default `-1`.
   */
  readonly contentTriggerUpdateDelayMillis?: number;
  /**
   * Maximum delay in ms from the first content change until the work may run, however often the content keeps
   * changing (`Constraints.Builder.setTriggerContentMaxDelay`). `-1` leaves it to the system (JobScheduler:
   * 2 min). Default `-1`.
   */
  readonly contentTriggerMaxDelayMillis?: number;
}

/**
 * One content-URI trigger (androidx `Constraints.ContentUriTrigger`): changes to `uri` start the work, and so do
 * changes to its descendants (`content://media/external/images/media/42` under `…/media`) when
 * `isTriggeredForDescendants` is true. A change reported on an ancestor of `uri` counts too, as Android's
 * ContentResolver notifies the observers below the changed URI.
 */
export interface ContentUriTrigger {
  /** A `content://` URI, e.g. `content://media/external/images/media`. */
  readonly uri: string;
  /** Whether changes to descendants of `uri` trigger as well. */
  readonly isTriggeredForDescendants: boolean;
}

/** {@link Constraints} with every default filled in, as stored with the work. */
export type ResolvedConstraints = Required<Constraints>;

/** No requirement at all: androidx's `Constraints.NONE`, also reachable as {@link Constraints}`.NONE`. */
export const NO_CONSTRAINTS: ResolvedConstraints = Object.freeze({
  requiredNetworkType: 'NOT_REQUIRED',
  requiresCharging: false,
  requiresBatteryNotLow: false,
  requiresStorageNotLow: false,
  requiresDeviceIdle: false,
  contentUriTriggers: Object.freeze([]),
  contentTriggerUpdateDelayMillis: -1,
  contentTriggerMaxDelayMillis: -1,
});

const BOOLEAN_FIELDS = [
  'requiresCharging',
  'requiresBatteryNotLow',
  'requiresStorageNotLow',
  'requiresDeviceIdle',
] as const;
const DELAY_FIELDS = ['contentTriggerUpdateDelayMillis', 'contentTriggerMaxDelayMillis'] as const;
const KNOWN_FIELDS: readonly string[] = [
  'requiredNetworkType',
  ...BOOLEAN_FIELDS,
  'contentUriTriggers',
  ...DELAY_FIELDS,
];
/** The fields compared with `===` by {@link constraintsEqual}; the triggers are compared as a set. */
const SCALAR_FIELDS = ['requiredNetworkType', ...BOOLEAN_FIELDS, ...DELAY_FIELDS] as const;
/** `content://` and an authority; Android reports changes only for content URIs. */
const CONTENT_URI = /^content:\/\/[^/?#\s]+(?:[/?#]\S*)?$/;

/**
 * Whether `value` is a URI a content-URI trigger accepts: `content://`, an authority, then an optional path,
 * query or fragment without spaces (`content://media/external/images/media`).
 */
export function isContentUri(value: unknown): value is string {
  return typeof value === 'string' && CONTENT_URI.test(value);
}
/**
 * Constraints this module resolved (frozen, defaults filled in): resolving them again returns them as they
 * are, which keeps `hasConstraints` on a stored spec cheap.
 */
const RESOLVED = new WeakSet<object>([NO_CONSTRAINTS]);

/**
 * Validates constraints and fills in defaults.
 * @param field - name of the option being checked, used in error messages.
 * @throws InvalidWorkRequestError naming the field, the value and what is allowed.
 */
export function resolveConstraints(
  constraints: Constraints | undefined,
  field = 'constraints',
): ResolvedConstraints {
  if (constraints === undefined) return NO_CONSTRAINTS;
  if (RESOLVED.has(constraints)) return constraints as ResolvedConstraints;
  if (typeof constraints !== 'object' || constraints === null || Array.isArray(constraints)) {
    throw new InvalidWorkRequestError(field, `${describeValue(constraints)} is not a Constraints object`);
  }
  for (const key of Object.keys(constraints)) {
    if (!KNOWN_FIELDS.includes(key)) {
      throw new InvalidWorkRequestError(
        `${field}.${key}`,
        `unknown constraint; known constraints are ${KNOWN_FIELDS.join(', ')}`,
      );
    }
  }
  const resolved = {
    requiredNetworkType:
      constraints.requiredNetworkType === undefined
        ? 'NOT_REQUIRED'
        : checkOneOf(`${field}.requiredNetworkType`, constraints.requiredNetworkType, NETWORK_TYPES),
  } as { -readonly [K in keyof ResolvedConstraints]: ResolvedConstraints[K] };
  for (const key of BOOLEAN_FIELDS) {
    const value: unknown = constraints[key];
    if (value !== undefined && typeof value !== 'boolean') {
      throw new InvalidWorkRequestError(
        `${field}.${key}`,
        `${describeValue(value)} is not valid; use true or false`,
      );
    }
    resolved[key] = value ?? false;
  }
  for (const key of DELAY_FIELDS) {
    const value: unknown = constraints[key];
    if (value !== undefined && !(Number.isSafeInteger(value) && (value as number) >= -1)) {
      throw new InvalidWorkRequestError(
        `${field}.${key}`,
        `${describeValue(value)} is not valid; use a whole number of milliseconds ≥ 0, or -1 for the system default`,
      );
    }
    resolved[key] = (value as number | undefined) ?? -1;
  }
  resolved.contentUriTriggers = resolveTriggers(
    constraints.contentUriTriggers,
    `${field}.contentUriTriggers`,
  );
  const frozen = Object.freeze(resolved);
  RESOLVED.add(frozen);
  return frozen;
}

/** Validates triggers and drops duplicates (a set, as in androidx), keeping first occurrences. */
function resolveTriggers(triggers: unknown, field: string): readonly ContentUriTrigger[] {
  if (triggers === undefined) return NO_CONSTRAINTS.contentUriTriggers;
  if (!Array.isArray(triggers)) {
    throw new InvalidWorkRequestError(
      field,
      `${describeValue(triggers)} is not valid; use an array of { uri, isTriggeredForDescendants }`,
    );
  }
  const seen = new Set<string>();
  const out: ContentUriTrigger[] = [];
  triggers.forEach((t: unknown, i) => {
    const at = `${field}[${i}]`;
    if (typeof t !== 'object' || t === null || Array.isArray(t)) {
      throw new InvalidWorkRequestError(
        at,
        `${describeValue(t)} is not a { uri, isTriggeredForDescendants } object`,
      );
    }
    const unknown = Object.keys(t).find((k) => k !== 'uri' && k !== 'isTriggeredForDescendants');
    if (unknown !== undefined) {
      throw new InvalidWorkRequestError(
        `${at}.${unknown}`,
        'unknown field; a trigger has uri and isTriggeredForDescendants',
      );
    }
    const { uri, isTriggeredForDescendants } = t as Record<string, unknown>;
    if (!isContentUri(uri)) {
      throw new InvalidWorkRequestError(
        `${at}.uri`,
        `${describeStringInput(uri)} is not a content URI; Android reports changes only for content:// URIs, e.g. 'content://media/external/images/media'`,
      );
    }
    if (modifiedUtf8Length(uri) > MAX_MODIFIED_UTF8_BYTES) {
      throw new InvalidWorkRequestError(
        `${at}.uri`,
        `is ${modifiedUtf8Length(uri)} bytes long in modified UTF-8; WorkManager stores at most ${MAX_MODIFIED_UTF8_BYTES}`,
      );
    }
    if (typeof isTriggeredForDescendants !== 'boolean') {
      throw new InvalidWorkRequestError(
        `${at}.isTriggeredForDescendants`,
        `${describeValue(isTriggeredForDescendants)} is not valid; use true or false`,
      );
    }
    const key = `${isTriggeredForDescendants ? 1 : 0}${uri}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(Object.freeze({ uri, isTriggeredForDescendants }));
  });
  return Object.freeze(out);
}

/** `Constraints.equals`: true when every field matches (after defaults); triggers are compared as sets. */
export function constraintsEqual(a: Constraints | undefined, b: Constraints | undefined): boolean {
  const ra = resolveConstraints(a);
  const rb = resolveConstraints(b);
  if (ra === rb) return true;
  if (!SCALAR_FIELDS.every((k) => ra[k] === rb[k])) return false;
  const ta = ra.contentUriTriggers;
  const tb = rb.contentUriTriggers;
  return ta.length === tb.length && ta.every((x) => tb.some((y) => sameTrigger(x, y)));
}

const sameTrigger = (a: ContentUriTrigger, b: ContentUriTrigger): boolean =>
  a.uri === b.uri && a.isTriggeredForDescendants === b.isTriggeredForDescendants;

/** `Constraints.hasContentUriTriggers()`: at least one content-URI trigger. */
export function hasContentUriTriggers(constraints: Constraints | undefined): boolean {
  return resolveConstraints(constraints).contentUriTriggers.length > 0;
}

/** `WorkSpec.hasConstraints()`: true unless the constraints equal {@link NO_CONSTRAINTS}. */
export function hasConstraints(constraints: Constraints | undefined): boolean {
  return !constraintsEqual(constraints, NO_CONSTRAINTS);
}

/** androidx's static members of `Constraints`, so `Constraints.NONE` reads as it does in Kotlin. */
// Pure: bundles that never read it drop it.
export const Constraints: { readonly NONE: ResolvedConstraints } = /* @__PURE__ */ Object.freeze({
  NONE: NO_CONSTRAINTS,
});
