import { Node, type CallExpression, type SourceFile } from 'ts-morph';
import type { InputMergerDecl, JsonValue, StaticValueDecl } from './decl.js';
import { findDefineCalls, unwrap, type DefineImports } from './define-calls.js';
import { propertyName, readStatic } from './read-static.js';
import { relativePath, spanOf } from './span.js';

/**
 * Every `defineInputMerger(...)` bound at the top level of `sf` (`const x = defineInputMerger(...)`, exported
 * or not, and `export default defineInputMerger(...)`), found as `defineWorker` calls are
 * ({@link findDefineCalls}). Only the name is read; `merge` is code, which the bundle
 * carries.
 */
export function findInputMergers(
  sf: SourceFile,
  root: string,
  imports: DefineImports,
  exported: ReadonlyMap<string, string>,
): InputMergerDecl[] {
  return findDefineCalls(sf, imports, 'defineInputMerger', exported).map((site) =>
    readInputMerger(site.call, root, site.variableName, site.exportName, site.declNode),
  );
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
