/**
 * The definitions that share a literal name with at least one other, grouped by that name in first-seen order.
 * Names that are not literals are left to the name checks.
 */
export function duplicatesByName<T extends { readonly name: string; readonly nameIsLiteral: boolean }>(
  items: readonly T[],
): [name: string, copies: T[]][] {
  const byName = new Map<string, T[]>();
  for (const item of items) {
    if (!item.nameIsLiteral) continue;
    byName.set(item.name, [...(byName.get(item.name) ?? []), item]);
  }
  return [...byName].filter(([, copies]) => copies.length > 1);
}
