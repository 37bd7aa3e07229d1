/**
 * The index of the first hole of a sparse array (`[1, , 3]` has one at 1), or -1 when there is none.
 * `every` and `map` skip holes, so a check written with them passes a hole through unchecked.
 */
export function findHole(array: readonly unknown[]): number {
  for (let i = 0; i < array.length; i++) if (!(i in array)) return i;
  return -1;
}
