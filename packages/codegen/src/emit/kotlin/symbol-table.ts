/**
 * Classes the builders declare, filled by every builder's `prepare()` before any `build()` runs (style.md
 * R24), so a builder can refer to a class another builder emits whatever the order.
 */
export interface SymbolTable {
  /** Declares `className` as emitted into `file`. */
  declare(className: string, file: string): void;
  /** The name to write for a declared class. @throws Error when nothing declared it (an internal bug). */
  resolve(className: string): string;
}

/** Creates an empty {@link SymbolTable}. */
export function createSymbolTable(): SymbolTable {
  const declared = new Map<string, string>();
  return {
    declare(className, file) {
      const existing = declared.get(className);
      if (existing !== undefined && existing !== file)
        throw new Error(`class ${className} declared in ${existing} and ${file}`);
      declared.set(className, file);
    },
    resolve(className) {
      if (!declared.has(className)) throw new Error(`class ${className} is referenced but never declared`);
      return className;
    },
  };
}
