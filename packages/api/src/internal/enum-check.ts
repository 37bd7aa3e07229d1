import { InvalidWorkRequestError } from '../errors.js';
import { describeStringInput } from './describe-value.js';

/** Throws an {@link InvalidWorkRequestError} unless `value` is one of `allowed`. */
export function checkOneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new InvalidWorkRequestError(
    field,
    `${describeStringInput(value)} is not valid; use one of ${allowed.map((a) => `'${a}'`).join(', ')}`,
  );
}
