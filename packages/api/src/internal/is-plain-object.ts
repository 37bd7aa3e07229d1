/**
 * True for an object literal, `Object.create(null)` or JSON.parse output: an object whose prototype is
 * null or an `Object.prototype`. Checked by shape, not by identity, so a plain object from another realm
 * (a vm context, another iframe) counts too. Arrays, Maps, Dates and class instances do not: their own
 * enumerable properties are not what the caller meant to pass.
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null;
}
