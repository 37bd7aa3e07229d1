import { checkOneOf } from './internal/enum-check.js';
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
}

/** {@link Constraints} with every default filled in, as stored with the work. */
export type ResolvedConstraints = Required<Constraints>;

/** `Constraints.NONE`: no requirement at all. */
export const NO_CONSTRAINTS: ResolvedConstraints = Object.freeze({
  requiredNetworkType: 'NOT_REQUIRED',
  requiresCharging: false,
  requiresBatteryNotLow: false,
  requiresStorageNotLow: false,
  requiresDeviceIdle: false,
});

const BOOLEAN_FIELDS = [
  'requiresCharging',
  'requiresBatteryNotLow',
  'requiresStorageNotLow',
  'requiresDeviceIdle',
] as const;
const KNOWN_FIELDS: readonly string[] = ['requiredNetworkType', ...BOOLEAN_FIELDS];

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
  if (typeof constraints !== 'object' || constraints === null || Array.isArray(constraints)) {
    throw new InvalidWorkRequestError(field, `${JSON.stringify(constraints)} is not a Constraints object`);
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
        `${JSON.stringify(value)} is not valid; use true or false`,
      );
    }
    resolved[key] = value ?? false;
  }
  return Object.freeze(resolved);
}

/** `Constraints.equals`: true when every field matches (after defaults). */
export function constraintsEqual(a: Constraints | undefined, b: Constraints | undefined): boolean {
  const ra = resolveConstraints(a);
  const rb = resolveConstraints(b);
  return (Object.keys(NO_CONSTRAINTS) as (keyof ResolvedConstraints)[]).every((k) => ra[k] === rb[k]);
}

/** `WorkSpec.hasConstraints()`: true unless the constraints equal {@link NO_CONSTRAINTS}. */
export function hasConstraints(constraints: Constraints | undefined): boolean {
  return !constraintsEqual(constraints, NO_CONSTRAINTS);
}
