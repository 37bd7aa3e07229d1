import { Node, ts, type SourceFile } from 'ts-morph';
import type { HostGlobalReferenceDecl } from './decl.js';
import { relativePath, spanOf } from './span.js';

/**
 * Globals that Node (and the inline engine) has but the QuickJS guest does not: `globalThis.<name>` is
 * `undefined` on both QuickJS hosts (pinned by bridge conformance case 27, listed in
 * docs/guides/worker-environment.md), so worker code that reads one throws a ReferenceError there. `Atomics`
 * is here too: the JVM's QuickJS has it, quickjs-emscripten does not. The check stage says what to use
 * instead.
 */
export const HOST_ONLY_GLOBALS: ReadonlySet<string> = new Set([
  'AbortController',
  'AbortSignal',
  'Atomics',
  'Blob',
  'Buffer',
  'Event',
  'EventTarget',
  'FormData',
  'Headers',
  'Intl',
  'Request',
  'Response',
  'TextDecoder',
  'TextEncoder',
  'URL',
  'URLSearchParams',
  'WebAssembly',
  'atob',
  'btoa',
  'crypto',
  'fetch',
  'global',
  'module',
  'exports',
  'navigator',
  'performance',
  'process',
  'require',
  'self',
  'setImmediate',
  'structuredClone',
  'window',
  '__dirname',
  '__filename',
]);

/**
 * Every place in `sf` where code reads a {@link HOST_ONLY_GLOBALS} name that resolves to the global (its
 * declarations are all in `.d.ts` files, or it has none): a local variable, parameter or import of the same
 * name is not a reference. Type positions and `typeof name` (feature detection) are skipped.
 */
export function findHostGlobalReferences(sf: SourceFile, root: string): HostGlobalReferenceDecl[] {
  const out: HostGlobalReferenceDecl[] = [];
  const file = relativePath(root, sf.getFilePath());
  const visit = (node: ts.Node): void => {
    if (ts.isTypeNode(node) || ts.isTypeAliasDeclaration(node) || ts.isInterfaceDeclaration(node)) return;
    if (ts.isIdentifier(node) && HOST_ONLY_GLOBALS.has(node.text) && isValueReference(node)) {
      const wrapped = sf.getDescendantAtPos(node.getStart(sf.compilerNode));
      if (wrapped !== undefined && Node.isIdentifier(wrapped) && resolvesToGlobal(wrapped)) {
        out.push({ name: node.text, sourceFile: file, span: spanOf(root, wrapped) });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf.compilerNode);
  return out;
}

/** An identifier read as a value: not a property name, declaration name, label or `typeof` operand. */
function isValueReference(id: ts.Identifier): boolean {
  const parent = id.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.name === id) return false;
  if (ts.isQualifiedName(parent) || ts.isTypeOfExpression(parent)) return false;
  if (
    (ts.isPropertyAssignment(parent) ||
      ts.isPropertyDeclaration(parent) ||
      ts.isMethodDeclaration(parent) ||
      ts.isPropertySignature(parent) ||
      ts.isVariableDeclaration(parent) ||
      ts.isParameter(parent) ||
      ts.isFunctionDeclaration(parent) ||
      ts.isClassDeclaration(parent) ||
      ts.isBindingElement(parent) ||
      ts.isImportSpecifier(parent) ||
      ts.isExportSpecifier(parent) ||
      ts.isImportClause(parent) ||
      ts.isNamespaceImport(parent) ||
      ts.isGetAccessor(parent) ||
      ts.isSetAccessor(parent)) &&
    parent.name === id
  ) {
    return false;
  }
  return !ts.isLabeledStatement(parent) && !ts.isBreakOrContinueStatement(parent);
}

/** True when the checker finds no declaration of the name in the project's own (non-`.d.ts`) source. */
function resolvesToGlobal(id: Node): boolean {
  const declarations = id.getSymbol()?.getDeclarations() ?? [];
  return declarations.every((d) => d.getSourceFile().isDeclarationFile());
}

/**
 * The files that end up in the worker bundle: those that define a worker, and every project file they
 * import or re-export from, transitively. Only their references are reported (an app's Node-side code may
 * share the project).
 */
export function bundledFiles(
  files: readonly SourceFile[],
  workerFiles: readonly SourceFile[],
): Set<SourceFile> {
  const inProject = new Set(files);
  const seen = new Set<SourceFile>();
  const queue = [...workerFiles];
  for (let sf = queue.pop(); sf !== undefined; sf = queue.pop()) {
    if (seen.has(sf)) continue;
    seen.add(sf);
    for (const d of [...sf.getImportDeclarations(), ...sf.getExportDeclarations()]) {
      const target = d.getModuleSpecifierSourceFile();
      if (target !== undefined && inProject.has(target) && !seen.has(target)) queue.push(target);
    }
  }
  return seen;
}
