import type { EnumEntryLayout } from '../../layout/kotlin-layout.js';
import type { KotlinWriter } from './kotlin-writer.js';
import { kotlinString } from './kotlin-writer.js';
import type { SymbolTable } from './symbol-table.js';
import { KOTLINX } from './symbols.js';

/** An enum class as laid out: its name and its entries. */
export interface EnumClassLayout {
  /** Class name. */
  readonly className: string;
  /** Entries in the order of the TypeScript union. */
  readonly entries: readonly EnumEntryLayout[];
}

/**
 * Writes a string-literal union as a `@Serializable enum class` whose entries carry their literal (`value`,
 * and `@SerialName` so the shared JSON codec writes the literal), with `fromValue()` for Data strings. Used
 * nested inside worker data classes and at top level for native service types.
 */
export function writeEnumClass(w: KotlinWriter, n: EnumClassLayout): void {
  w.line(`@${w.use(KOTLINX.Serializable)}`);
  w.block(`enum class ${n.className}(val value: String)`, () => {
    n.entries.forEach((e, i) => {
      const end = i === n.entries.length - 1 ? ';' : ',';
      w.line(
        `@${w.use(KOTLINX.SerialName)}(${kotlinString(e.value)}) ${e.name}(${kotlinString(e.value)})${end}`,
      );
    });
    w.line();
    w.block('companion object', () => {
      const known = n.entries.map((e) => e.value).join(', ');
      w.line(`/** The entry for a string literal; throws IllegalArgumentException for any other string. */`);
      w.line(`fun fromValue(value: String): ${n.className} =`);
      w.indent(() => {
        w.line(`values().firstOrNull { it.value == value }`);
        w.indent(() =>
          w.line(
            `?: throw IllegalArgumentException(${kotlinString(`'`)} + value + ${kotlinString(`' is not a ${n.className}; expected one of: ${known}`)})`,
          ),
        );
      });
    });
  });
}

/** Emits a top-level enum class (a native service parameter or result type). */
export function createEnumClassBuilder(layout: EnumClassLayout, doc: string, file: string) {
  return {
    prepare(symbols: SymbolTable): void {
      symbols.declare(layout.className, file);
    },
    build(w: KotlinWriter): void {
      w.line(`/** ${doc} */`);
      writeEnumClass(w, layout);
    },
  };
}
