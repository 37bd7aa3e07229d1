import { Node, type SourceFile } from 'ts-morph';
import type { InputMergerDecl, JsonValue, StaticValueDecl } from './decl.js';
import {
  definitionDecl,
  findDefineCalls,
  unwrap,
  type DefineCallSite,
  type DefineImports,
} from './define-calls.js';
import { propertyName, readStatic, staticDecl } from './read-static.js';
import { spanOf } from './span.js';

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
    readInputMerger(site, root),
  );
}

function readInputMerger(site: DefineCallSite, root: string): InputMergerDecl {
  const arg = site.call.getArguments()[0];
  const argNode = arg === undefined ? site.call : unwrap(arg);
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
        name = staticDecl(p.getInitializerOrThrow(), root);
      } else if (Node.isShorthandPropertyAssignment(p) && p.getName() === 'name') {
        name = staticDecl(p.getNameNode(), root);
      }
    }
  }
  return definitionDecl(site, root, argNode, name);
}

function isRecord(value: JsonValue): value is { readonly [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
