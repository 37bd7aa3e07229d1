/**
 * Hands out unique names in one scope. A taken name gets the smallest numeric suffix that is free
 * (`Address`, `Address2`, ...), so the result depends only on the order of requests, which callers keep
 * sorted.
 */
export interface NameAllocator {
  /** Reserves `preferred` or, if taken, `preferred` + the smallest free number ≥ 2. */
  allocate(preferred: string): string;
  /** True when `name` is taken. */
  has(name: string): boolean;
  /** Reserves every name of a group with the same suffix (`Foo` → `FooWorker`, `FooInput`, ...). */
  allocateGroup(base: string, suffixes: readonly string[]): string;
}

/** Creates a {@link NameAllocator} with some names already reserved. */
export function createNameAllocator(reserved: Iterable<string> = []): NameAllocator {
  const taken = new Set(reserved);
  return {
    allocate(preferred) {
      let name = preferred;
      for (let i = 2; taken.has(name); i++) name = `${preferred}${i}`;
      taken.add(name);
      return name;
    },
    has: (name) => taken.has(name),
    allocateGroup(base, suffixes) {
      let b = base;
      for (let i = 2; suffixes.some((s) => taken.has(`${b}${s}`)); i++) b = `${base}${i}`;
      for (const s of suffixes) taken.add(`${b}${s}`);
      return b;
    },
  };
}
