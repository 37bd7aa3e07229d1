/** Longest text of a value an error message shows; a 70,000-character string would bury the message. */
const MAX_SHOWN = 200;

/**
 * A value as an error message shows it, so the reader sees what was passed: a string is quoted and says so
 * (`"30" (a string)` must not read like the number 30), numbers show NaN and Infinity (JSON.stringify writes
 * null for them), a bigint keeps its `n`, a plain object or array shows its JSON, and anything else its
 * class (`a Map`). Never throws, whatever the value.
 */
export function describeValue(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return `${quote(value)} (a string)`;
    case 'number':
      return Object.is(value, -0) ? '-0' : String(value);
    case 'bigint':
      return `${value}n (a bigint)`;
    case 'symbol':
      return `${String(value)} (a symbol)`;
    case 'function':
      return 'a function';
    case 'object':
      return value === null ? 'null' : describeObject(value);
    default:
      return String(value); // boolean, undefined
  }
}

/**
 * {@link describeValue} for an input that should be a string: a string is only quoted, since its type was
 * right and its content is what the message is about (`"CUBIC" is not valid; use one of ...`).
 */
export function describeStringInput(value: unknown): string {
  return typeof value === 'string' ? quote(value) : describeValue(value);
}

function quote(s: string): string {
  return s.length > MAX_SHOWN ? `${JSON.stringify(s.slice(0, MAX_SHOWN))}…` : JSON.stringify(s);
}

function describeObject(value: object): string {
  const proto: unknown = Object.getPrototypeOf(value);
  if (Array.isArray(value) || proto === null || proto === Object.prototype) {
    const json = jsonOf(value);
    if (json !== undefined) return json.length > MAX_SHOWN ? `${json.slice(0, MAX_SHOWN)}…` : json;
    return Array.isArray(value) ? 'an array' : 'an object';
  }
  const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
  if (typeof name !== 'string' || name === '') return 'an object';
  return `${/^[AEIO]/i.test(name) ? 'an' : 'a'} ${name}`;
}

/** JSON text, or undefined when JSON cannot show the value (a bigint or a cycle inside). */
function jsonOf(value: object): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}
