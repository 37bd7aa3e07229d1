import { Node, ts, type CallExpression, type SourceFile } from 'ts-morph';
import type { DefinitionDecl, StaticValueDecl } from './decl.js';
import { relativePath, spanOf } from './span.js';

/** The module `defineWorker` and `defineInputMerger` come from. */
export const API_MODULE = '@workscript/api';

/** The `@workscript/api` functions whose top-level calls the parse stage reads, with their result's brand. */
export const DEFINE_FUNCTIONS = {
  defineWorker: 'workscript.worker',
  defineInputMerger: 'workscript.inputMerger',
} as const;

/** One of {@link DEFINE_FUNCTIONS}. */
export type DefineFunction = keyof typeof DEFINE_FUNCTIONS;

/**
 * How a file can refer to the define functions, read from its import declarations without the type checker:
 * the checker is only asked about calls whose callee one of these names, so other calls cost nothing.
 */
export interface DefineImports {
  /** Local names of `import { defineWorker } from '@workscript/api'` (also `as x`), by the function imported. */
  readonly names: ReadonlyMap<string, DefineFunction>;
  /** Local names of `import * as api from '@workscript/api'` (`api.defineWorker(...)`). */
  readonly namespaces: ReadonlySet<string>;
  /** Local names imported from any other module: one may be a define function re-exported, or a namespace. */
  readonly others: ReadonlySet<string>;
  /** Whether a callee (`dw`, `api.defineWorker`) is a given define function, by function and text, once asked. */
  readonly verdicts: Map<string, boolean>;
}

const isDefineFunction = (name: string): name is DefineFunction => Object.hasOwn(DEFINE_FUNCTIONS, name);

/** The {@link DefineImports} of a file. */
export function defineImports(sf: SourceFile): DefineImports {
  const names = new Map<string, DefineFunction>();
  const namespaces = new Set<string>();
  const others = new Set<string>();
  for (const statement of sf.compilerNode.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const clause = statement.importClause;
    if (clause === undefined || clause.isTypeOnly) continue;
    const fromApi = statement.moduleSpecifier.text === API_MODULE;
    if (clause.name !== undefined && !fromApi) others.add(clause.name.text);
    const bindings = clause.namedBindings;
    if (bindings === undefined) continue;
    if (ts.isNamespaceImport(bindings)) {
      (fromApi ? namespaces : others).add(bindings.name.text);
      continue;
    }
    for (const element of bindings.elements) {
      if (element.isTypeOnly) continue;
      const imported = (element.propertyName ?? element.name).text;
      if (!fromApi) others.add(element.name.text);
      else if (isDefineFunction(imported)) names.set(element.name.text, imported);
    }
  }
  return { names, namespaces, others, verdicts: new Map() };
}

/** True when the file imports something through which a define function may be called. */
export function mayCallDefine(imports: DefineImports): boolean {
  return imports.names.size > 0 || imports.namespaces.size > 0 || imports.others.size > 0;
}

/**
 * True when `call` is `fn(...)` from `@workscript/api`: its callee is bound by an import (directly, aliased,
 * through a namespace or a re-export) to a function named `fn` whose declared return type carries the brand of
 * {@link DEFINE_FUNCTIONS}. Only the callee's symbol and the declaration are looked at, never the call's own
 * type, which would make the checker infer the whole options object with its `run` body.
 */
export function isDefineCall(call: CallExpression, imports: DefineImports, fn: DefineFunction): boolean {
  const callee = call.getExpression();
  if (Node.isIdentifier(callee)) {
    const name = callee.getText();
    const imported = imports.names.get(name);
    if (imported !== undefined ? imported !== fn : !imports.others.has(name)) return false;
  } else if (Node.isPropertyAccessExpression(callee)) {
    const target = callee.getExpression();
    if (!Node.isIdentifier(target)) return false;
    const ns = target.getText();
    if (!imports.namespaces.has(ns) && !imports.others.has(ns)) return false;
  } else {
    return false;
  }
  // The callee is a module-scope name (a top-level initializer or `export default`), so every call through
  // the same text resolves to the same symbol: ask the checker once per file, function and name.
  const key = `${fn} ${callee.getText()}`;
  let verdict = imports.verdicts.get(key);
  if (verdict === undefined) {
    let symbol = callee.getSymbol();
    if (symbol?.isAlias()) symbol = symbol.getAliasedSymbol();
    const decl = symbol?.getName() === fn ? symbol.getDeclarations()[0] : undefined;
    verdict = decl !== undefined && returnsBranded(decl, DEFINE_FUNCTIONS[fn]);
    imports.verdicts.set(key, verdict);
  }
  return verdict;
}

/** Brand check per declaration of a define function (normally one: the api's), remembered across runs. */
const BRANDED = new WeakMap<ts.Node, boolean>();

function returnsBranded(decl: Node, brand: string): boolean {
  const known = BRANDED.get(decl.compilerNode);
  if (known !== undefined) return known;
  const signature = decl.getType().getCallSignatures()[0];
  const kind = signature?.getReturnType().getProperty('kind')?.getTypeAtLocation(decl);
  const branded = kind?.isStringLiteral() === true && kind.getLiteralValue() === brand;
  BRANDED.set(decl.compilerNode, branded);
  return branded;
}

/** The expression inside parentheses, `as` and `satisfies`. */
export function unwrap(node: Node): Node {
  let n = node;
  while (Node.isParenthesizedExpression(n) || Node.isAsExpression(n) || Node.isSatisfiesExpression(n))
    n = n.getExpression();
  return n;
}

/** Where a top-level define call is bound: `const x = defineWorker(...)` or `export default defineWorker(...)`. */
export interface DefineCallSite {
  readonly call: CallExpression;
  /** The bound name (`x`; `'default'` for a default export). */
  readonly variableName: string;
  /** The name it is exported as, if it is. */
  readonly exportName: string | undefined;
  /** The node a diagnostic about the binding points at. */
  readonly declNode: Node;
}

/**
 * Every top-level call of `fn` in `sf`, in source order: variable declarations (exported or not) whose
 * initializer is the call (through parentheses and `as`/`satisfies`), then `export default fn(...)`.
 * `exported` maps a local name to the name it is exported as.
 */
export function findDefineCalls(
  sf: SourceFile,
  imports: DefineImports,
  fn: DefineFunction,
  exported: ReadonlyMap<string, string>,
): DefineCallSite[] {
  const out: DefineCallSite[] = [];
  if (!mayCallDefine(imports)) return out;
  for (const statement of sf.getVariableStatements()) {
    for (const decl of statement.getDeclarations()) {
      const init = decl.getInitializer();
      const call = init === undefined ? undefined : unwrap(init);
      if (!Node.isCallExpression(call) || !isDefineCall(call, imports, fn)) continue;
      const variableName = decl.getName();
      out.push({ call, variableName, exportName: exported.get(variableName), declNode: decl.getNameNode() });
    }
  }
  for (const assignment of sf.getExportAssignments()) {
    const call = unwrap(assignment.getExpression());
    if (assignment.isExportEquals() || !Node.isCallExpression(call) || !isDefineCall(call, imports, fn))
      continue;
    out.push({ call, variableName: 'default', exportName: 'default', declNode: call.getExpression() });
  }
  return out;
}

/** The {@link DefinitionDecl} fields of a call site: `argNode` is its options argument (unwrapped), `root` absolute. */
export function definitionDecl(
  site: DefineCallSite,
  root: string,
  argNode: Node,
  name: StaticValueDecl | undefined,
): DefinitionDecl {
  return {
    name,
    exportName: site.exportName,
    variableName: site.variableName,
    sourceFile: relativePath(root, site.call.getSourceFile().getFilePath()),
    span: spanOf(root, site.declNode),
    optionsText: Node.isObjectLiteralExpression(argNode) ? undefined : argNode.getText(),
    optionsSpan: spanOf(root, argNode),
  };
}
