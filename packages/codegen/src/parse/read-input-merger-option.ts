import { isBuiltInInputMergerName } from '@workscript/api';
import { Node } from 'ts-morph';
import type { InputMergerRefDecl, StaticValueDecl } from './decl.js';
import { defineImports, isDefineCall, unwrap } from './define-calls.js';
import { readStatic } from './read-static.js';
import { relativePath, spanOf } from './span.js';

/**
 * The `inputMerger` option of `defineWorker`: a literal (a built-in merger's name), WorkManager's own merger
 * objects `OverwritingInputMerger`/`ArrayCreatingInputMerger` of `@workscript/api` (read as their names), or
 * a reference to a `defineInputMerger` definition bound at the top level of a file, in this file or
 * imported (directly or through re-exports). Anything else is dynamic, which the check stage reports.
 */
export function readInputMergerOption(node: Node, root: string): StaticValueDecl | InputMergerRefDecl {
  const span = spanOf(root, node);
  const literal = readStatic(node);
  if ('value' in literal) return { value: literal.value, span };
  const dynamic = { dynamic: node.getText(), span };
  let target = unwrap(node);
  while (Node.isNonNullExpression(target)) target = unwrap(target.getExpression());
  if (!Node.isIdentifier(target) && !Node.isPropertyAccessExpression(target)) return dynamic;
  let symbol = target.getSymbol();
  if (symbol?.isAlias()) symbol = symbol.getAliasedSymbol();
  const decl = symbol?.getDeclarations()[0];
  if (symbol === undefined || decl === undefined) return dynamic;
  // The api declares its two merger objects as `const`s in its declaration files; a project's own `const`
  // of the same name is a definition like any other (and cannot take a built-in's name).
  if (isBuiltInInputMergerName(symbol.getName()) && decl.getSourceFile().isDeclarationFile()) {
    return { value: symbol.getName(), span };
  }
  const definition = inputMergerDefinition(decl);
  if (definition === undefined) return dynamic;
  return {
    inputMerger: {
      sourceFile: relativePath(root, decl.getSourceFile().getFilePath()),
      variableName: definition,
    },
    text: node.getText(),
    span,
  };
}

/**
 * The variable name (`default` for `export default`) when `decl` binds a `defineInputMerger(...)` call at the
 * top level of its file, as the parse stage finds merger definitions; else `undefined`.
 */
function inputMergerDefinition(decl: Node): string | undefined {
  if (decl.getSourceFile().isDeclarationFile()) return undefined;
  let call: Node | undefined;
  let variableName: string;
  if (Node.isVariableDeclaration(decl) && Node.isSourceFile(decl.getVariableStatement()?.getParent())) {
    call = decl.getInitializer();
    variableName = decl.getName();
  } else if (Node.isExportAssignment(decl) && !decl.isExportEquals()) {
    call = decl.getExpression();
    variableName = 'default';
  } else {
    return undefined;
  }
  const unwrapped = call === undefined ? undefined : unwrap(call);
  return Node.isCallExpression(unwrapped) &&
    isDefineCall(unwrapped, defineImports(decl.getSourceFile()), 'defineInputMerger')
    ? variableName
    : undefined;
}
