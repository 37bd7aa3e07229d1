/**
 * Orders strings by UTF-16 code units, as `<` does: locale-independent, so generated output sorts the same on
 * every machine (`localeCompare` would not).
 */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
