import { showValue } from './show-value.js';

/**
 * An id, tag or name argument: anything but a string would reach SQLite as a binding it rejects in its own
 * words ("Too few parameter values were provided").
 * @param argument - how the message names it, e.g. `id` or `TestDriver.setInitialDelayMet: id`.
 * @param what - what it must be, as the message says it. Default `a string`.
 * @throws TypeError naming the argument and the value.
 */
export function checkString(value: unknown, argument: string, what = 'a string'): asserts value is string {
  if (typeof value !== 'string') throw new TypeError(`${argument} must be ${what}, got ${showValue(value)}`);
}

/** Whether `value` is an object with a function under each of `methods` (what a duck-typed option needs). */
export function hasMethods(value: unknown, methods: readonly string[]): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    methods.every((m) => typeof (value as Record<string, unknown>)[m] === 'function')
  );
}
