import { Node, type CallExpression, type SourceFile } from 'ts-morph';
import type { InputMergerDecl, JsonValue, StaticValueDecl } from './decl.js';
import { isDefineCall, mayCallDefine, unwrap, type DefineImports } from './define-calls.js';
import { exportNames } from './export-names.js';
import { propertyName, readStatic } from './read-static.js';
import { relativePath, spanOf } from './span.js';

/**
 * Every `defineInputMerger(...)` bound at the top level of `sf` (`const x = defineInputMerger(...)`, exported
 * or not, and `export default defineInputMerger(...)`), found as `defineWorker` calls are: through the same
 * imports of `@workscript/api`, in source order. Only the name is read; `merge` is code, which the bundle
 * carries.
 */
export function findInputMergers(sf: SourceFile, root: string, imports: DefineImports): InputMergerDecl[] {
  const out: InputMergerDecl[] = [];
  if (!mayCallDefine(imports)) return out;
  const exported = exportNames(sf);
  for (const statement of sf.getVariableStatements()) {
    for (const decl of statement.getDeclarations()) {
      const init = decl.getInitializer();
      const call = init === undefined ? undefined : unwrap(init);
      if (!Node.isCallExpression(call) || !isDefineCall(call, imports, 'defineInputMerger')) continue;
      const name = decl.getName();
      out.push(readInputMerger(call, root, name, exported.get(name), decl.getNameNode()));
    }
  }
  for (const assignment of sf.getExportAssignments()) {
    const call = unwrap(assignment.getExpression());
    if (assignment.isExportEquals() || !Node.isCallExpression(call)) continue;
    if (!isDefineCall(call, imports, 'defineInputMerger')) continue;
    out.push(readInputMerger(call, root, 'default', 'default', call.getExpression()));
  }
  return out;
}

function readInputMerger(
  call: CallExpression,
  root: string,
  variableName: string,
  exportName: string | undefined,
  declNode: Node,
): InputMergerDecl {
  const arg = call.getArguments()[0];
  const argNode = arg === undefined ? call : unwrap(arg);
  let name: StaticValueDecl | undefined;
  if (Node.isObjectLiteralExpression(argNode)) {
    // The last `name` wins, as in JavaScript; a spread that is not a literal leaves the name unknown.
    for (const p of argNode.getProperties()) {
      if (Node.isSpreadAssignment(p)) {
        const spread = readStatic(p.getExpression());
        const span = spanOf(root, p);
        if (!('value' in spread)) name = { dynamic: p.getExpression().getText(), span };
        else if (isRecord(spread.value) && spread.value['name'] !== undefined)
          name = { value: spread.value['name'], span };
      } else if (Node.isPropertyAssignment(p) && propertyName(p.getNameNode()) === 'name') {
        const value = p.getInitializerOrThrow();
        const r = readStatic(value);
        const span = spanOf(root, value);
        name = 'value' in r ? { value: r.value, span } : { dynamic: r.dynamic, span };
      } else if (Node.isShorthandPropertyAssignment(p) && p.getName() === 'name') {
        const r = readStatic(p.getNameNode());
        const span = spanOf(root, p.getNameNode());
        name = 'value' in r ? { value: r.value, span } : { dynamic: r.dynamic, span };
      }
    }
  }
  return {
    name,
    exportName,
    variableName,
    sourceFile: relativePath(root, call.getSourceFile().getFilePath()),
    span: spanOf(root, declNode),
    optionsText: Node.isObjectLiteralExpression(argNode) ? undefined : argNode.getText(),
    optionsSpan: spanOf(root, argNode),
  };
}

function isRecord(value: JsonValue): value is { readonly [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
