import { dynamicImportCall } from './dynamic-import-call.js';
import { scanOutput } from './scan-output.js';
import type { ColumnShift } from './shift-columns.js';

/**
 * What the workers' part of the bundle takes from the prelude, by module: the names it imports, or `'*'` when
 * it needs the whole module (`import * as`, a dynamic `import()`, or a CommonJS `require` of it).
 */
export type PreludeUses = ReadonlyMap<string, ReadonlySet<string> | '*'>;

/** The workers' part as a script body, and what it takes from the prelude. */
export interface WorkersScript {
  /** The code with every import of an external module removed and bound on the first line instead. */
  readonly code: string;
  readonly uses: PreludeUses;
  /** Where `code` is wider than esbuild's output (a dynamic import): its source map must follow. */
  readonly shifts: readonly ColumnShift[];
  /**
   * The dynamic `import(…)` calls left as they are, which QuickJS cannot load: a computed specifier, or a
   * literal naming a module esbuild did not bundle. In esbuild's output, whose source map they are looked up in.
   */
  readonly unbundledImports: readonly UnbundledImport[];
}

/** A dynamic `import(…)` in esbuild's output that is not one of a prelude module. */
export interface UnbundledImport {
  /** Generated line of its `import` keyword, 0-based. */
  readonly line: number;
  /** Generated column of its `import` keyword, 0-based, in UTF-16 code units (as source maps count). */
  readonly column: number;
  /** The call as printed, from `import` through its closing parenthesis (long ones shortened with `…`). */
  readonly text: string;
  /** The module it names when its argument is one string literal (`"some-pkg"`), else undefined (computed). */
  readonly literal: string | undefined;
}

/** An import statement as esbuild prints it, from its first character: its clause (if any) and module. */
const STATEMENT = /import (?:((?:[^;"]|"(?:[^"\\\n]|\\.)*")*?) from )?"((?:[^"\\\n]|\\.)*)";/y;
const NAMED = /^(?:(?<quoted>"(?:[^"\\]|\\.)*")|(?<plain>[\w$]+))(?: as (?<local>[\w$]+))?$/;
/**
 * The string literal esbuild prints as the specifier of a dynamic `import(`, after its parenthesis, when it is
 * the whole specifier: then comes the call's end or its options (`import("x", { with: … })`).
 */
const SPECIFIER = /"(?:[^"\\\n]|\\.)*"(?=[),])/y;

/**
 * What a dynamic `import()` of a prelude module calls instead: the module from the prelude, as the promise
 * `import()` returns (settled in a later job, rejected if `require` throws). A `'*'` use makes the prelude's
 * module a namespace object of all its exports, as `import()` resolves to. The name is the bundle's own, like
 * the wrapper's `__workscriptShapes` parameter.
 */
const IMPORT_HELPER = '__workscriptImport';
const IMPORT_HELPER_DECLARATION = `${IMPORT_HELPER} = (id) => Promise.resolve(id).then(require)`;

/** One change to esbuild's output: the text from `start` to `end` becomes `text`. */
interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/**
 * Turns esbuild's ESM output of the workers' part into the body of the script wrapper its first line opens
 * (`((require) => {`): esbuild prints each import of an external module as a statement at the start of a
 * line (`import { defineWorker as defineWorker2 } from "@workscript/api";`, also over several lines), in the
 * part of the output of the module that imports it. Each is blanked (its newlines kept, so the source map
 * still fits) and its bindings are declared on the first line, which has no mappings, with `require` (the
 * wrapper's parameter, the prelude's `load`): declared before any module runs, as ES imports are. The
 * statements are found by {@link scanOutput}, so text of the user's that reads like one (in a template
 * literal, a comment, a string) stays as it is.
 *
 * esbuild leaves a dynamic `import("@workscript/api")` as it is, which QuickJS cannot load in a script: its
 * keyword becomes {@link IMPORT_HELPER} (declared on the first line too) and the module is used whole. That
 * widens its line, so the columns after it are returned as {@link WorkersScript.shifts} for the source map.
 *
 * @param external the modules that were external to esbuild; other imports are left alone.
 * @throws Error for an import statement or clause esbuild would not print (a codegen bug).
 */
export function toWorkersScript(esm: string, external: readonly string[]): WorkersScript {
  const uses = new Map<string, Set<string> | '*'>();
  const bindings: string[] = [];
  const use = (module: string, name: string | '*'): void => {
    const known = uses.get(module);
    if (name === '*' || known === '*') uses.set(module, '*');
    else if (known === undefined) uses.set(module, new Set([name]));
    else known.add(name);
  };
  const externalOf = (literal: string): string | undefined =>
    external.find((module) => JSON.stringify(module) === literal);
  const scan = scanOutput(esm);
  const edits: Edit[] = [];
  for (const start of scan.importLines) {
    STATEMENT.lastIndex = start;
    const m = STATEMENT.exec(esm);
    if (m === null) {
      const end = esm.indexOf('\n', start);
      throw new Error(
        `unexpected import statement '${esm.slice(start, end === -1 ? undefined : end)}' in esbuild's output`,
      );
    }
    const [statement, clause, module = ''] = m;
    if (!external.includes(module)) continue;
    const from = `require(${JSON.stringify(module)})`;
    if (clause === undefined) {
      use(module, '*');
      bindings.push(`${from}`);
    } else {
      bindings.push(...bindingsOf(clause.replace(/\s+/g, ' ').trim(), module, from, use));
    }
    edits.push({ start, end: start + statement.length, text: '\n'.repeat(statement.split('\n').length - 1) });
  }
  const shifts: ColumnShift[] = [];
  const unbundledImports: UnbundledImport[] = [];
  let line = 0;
  let counted = 0;
  for (const start of scan.dynamicImports) {
    const end = start + 'import'.length;
    // Blanked statements keep their newlines and end their lines, so lines and columns are esbuild's.
    for (let nl = esm.indexOf('\n', counted); nl !== -1 && nl < start; nl = esm.indexOf('\n', nl + 1)) {
      line++;
      counted = nl + 1;
    }
    SPECIFIER.lastIndex = end + 1;
    const literal = SPECIFIER.exec(esm)?.[0];
    const module = externalOf(literal ?? '');
    if (module === undefined) {
      // Not a prelude module: QuickJS has no loader for it, so it always rejects (generate warns, WS1044).
      unbundledImports.push({
        line,
        column: start - counted,
        text: dynamicImportCall(esm, start)?.text ?? esm.slice(start, end + 1),
        literal: literal === undefined ? undefined : (JSON.parse(literal) as string),
      });
      continue;
    }
    use(module, '*');
    edits.push({ start, end, text: IMPORT_HELPER });
    shifts.push({ line, from: end - counted, by: IMPORT_HELPER.length - (end - start) });
  }
  if (shifts.length > 0) bindings.push(IMPORT_HELPER_DECLARATION);
  let body = '';
  let copied = 0;
  for (const edit of edits.sort((a, b) => a.start - b.start)) {
    body += esm.slice(copied, edit.start) + edit.text;
    copied = edit.end;
  }
  body += esm.slice(copied);
  // A CommonJS module of the user's that requires one: esbuild calls `__require`, which uses `require`.
  for (const literal of scan.requires) {
    const id = externalOf(literal);
    if (id !== undefined) use(id, '*');
  }
  const firstLineEnd = body.indexOf('\n');
  if (bindings.length === 0 || firstLineEnd === -1) return { code: body, uses, shifts, unbundledImports };
  const declarations = bindings.map((b) => (b.startsWith('require(') ? `${b};` : `var ${b};`)).join(' ');
  return {
    code: `${body.slice(0, firstLineEnd)} ${declarations}${body.slice(firstLineEnd)}`,
    uses,
    shifts,
    unbundledImports,
  };
}

/** `{ a, b as c }`, `* as ns`, `d`, `d, { a }` or `d, * as ns` as declarations of `from`. */
function bindingsOf(
  clause: string,
  module: string,
  from: string,
  use: (module: string, name: string | '*') => void,
): string[] {
  const out: string[] = [];
  let rest = clause;
  const defaultMatch = /^([\w$]+)(?:, )?/.exec(rest);
  let defaultLocal: string | undefined;
  if (defaultMatch?.[1] !== undefined && !rest.startsWith('{') && !rest.startsWith('*')) {
    defaultLocal = defaultMatch[1];
    rest = rest.slice(defaultMatch[0].length);
  }
  const namespace = /^\* as ([\w$]+)$/.exec(rest);
  if (namespace?.[1] !== undefined) {
    use(module, '*');
    out.push(`${namespace[1]} = ${from}`);
    if (defaultLocal !== undefined) out.push(`${defaultLocal} = ${namespace[1]}.default`);
    return out;
  }
  const properties: string[] = [];
  if (defaultLocal !== undefined) {
    use(module, 'default');
    properties.push(`default: ${defaultLocal}`);
  }
  if (rest !== '') {
    const list = /^\{(.*)\}$/.exec(rest)?.[1];
    if (list === undefined)
      throw new Error(`unexpected import clause '${clause}' of '${module}' in esbuild's output`);
    for (const item of list
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '')) {
      const m = NAMED.exec(item)?.groups;
      if (m === undefined) throw new Error(`unexpected import '${item}' of '${module}' in esbuild's output`);
      const imported = m.quoted === undefined ? (m.plain ?? '') : (JSON.parse(m.quoted) as string);
      const local = m.local ?? imported;
      use(module, imported);
      const key = m.quoted === undefined ? imported : m.quoted;
      properties.push(imported === local && m.quoted === undefined ? local : `${key}: ${local}`);
    }
  }
  if (properties.length > 0) out.push(`{ ${properties.join(', ')} } = ${from}`);
  return out;
}
