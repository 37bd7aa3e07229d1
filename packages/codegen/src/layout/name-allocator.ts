/**
 * Hands out unique names in one scope. A taken name gets the smallest numeric suffix that is free
 * (`Address`, `Address2`, ...), so the result depends only on the order of requests, which callers keep
 * sorted. Each name may remember what took it, for messages about names that cannot move (input mergers).
 */
export interface NameAllocator {
  /** Reserves `preferred` or, if taken, `preferred` + the smallest free number ≥ 2. */
  allocate(preferred: string, owner?: string): string;
  /** True when `name` is taken. */
  has(name: string): boolean;
  /** Reserves every name of a group with the same suffix (`Foo` → `FooWorker`, `FooInput`, ...). */
  allocateGroup(base: string, suffixes: readonly string[], owner?: string): string;
  /** Reserves names as they are, taken or not (what took them first stays their owner). */
  reserve(names: Iterable<string>, owner: string): void;
  /** What took `name`, when it is taken and that was said; else `undefined`. */
  ownerOf(name: string): string | undefined;
}

/** Creates a {@link NameAllocator} with some names already reserved. */
export function createNameAllocator(reserved: Iterable<string> = []): NameAllocator {
  const taken = new Map<string, string | undefined>();
  const take = (name: string, owner: string | undefined): void => {
    if (!taken.has(name)) taken.set(name, owner);
  };
  for (const name of reserved) take(name, undefined);
  return {
    allocate(preferred, owner) {
      let name = preferred;
      for (let i = 2; taken.has(name); i++) name = `${preferred}${i}`;
      take(name, owner);
      return name;
    },
    has: (name) => taken.has(name),
    allocateGroup(base, suffixes, owner) {
      let b = base;
      for (let i = 2; suffixes.some((s) => taken.has(`${b}${s}`)); i++) b = `${base}${i}`;
      for (const s of suffixes) take(`${b}${s}`, owner);
      return b;
    },
    reserve(names, owner) {
      for (const name of names) take(name, owner);
    },
    ownerOf: (name) => taken.get(name),
  };
}
