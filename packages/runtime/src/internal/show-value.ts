/**
 * A value as an error message shows it: a string quoted and marked as one, so `"30" (a string)` does not read
 * like the number 30; long strings cut; objects named by kind rather than dumped.
 */
export function showValue(value: unknown): string {
  if (typeof value === 'string')
    return `${JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value)} (a string)`;
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (value === null) return 'null';
  // A blob read from the database comes back as one (a Buffer).
  if (value instanceof Uint8Array)
    return `a Uint8Array of ${value.length} byte${value.length === 1 ? '' : 's'}`;
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'bigint') return `${value}n (a bigint)`;
  return String(value);
}
