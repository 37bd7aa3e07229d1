import { ts, type SourceFile } from 'ts-morph';

/**
 * Export names of this file's own top-level variables, by variable name, covering `export const x`,
 * `export { x as y }` and `export default x`. When a variable has several, its own name wins, else the first
 * in sort order. Read from the syntax: only this file's own variables matter, so no import is followed.
 */
export function exportNames(sf: SourceFile): Map<string, string> {
  const names = new Map<string, string[]>();
  const add = (local: string, exported: string): void => {
    names.set(local, [...(names.get(local) ?? []), exported]);
  };
  const variables = new Set<string>();
  for (const statement of sf.compilerNode.statements) {
    if (ts.isVariableStatement(statement)) {
      const exported = statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) === true;
      for (const d of statement.declarationList.declarations) {
        if (!ts.isIdentifier(d.name)) continue;
        variables.add(d.name.text);
        if (exported) add(d.name.text, d.name.text);
      }
    } else if (
      ts.isExportDeclaration(statement) &&
      statement.moduleSpecifier === undefined &&
      statement.exportClause !== undefined &&
      ts.isNamedExports(statement.exportClause)
    ) {
      for (const e of statement.exportClause.elements) add((e.propertyName ?? e.name).text, e.name.text);
    } else if (
      ts.isExportAssignment(statement) &&
      statement.isExportEquals !== true &&
      ts.isIdentifier(statement.expression)
    ) {
      add(statement.expression.text, 'default');
    }
  }
  const out = new Map<string, string>();
  for (const [local, list] of names) {
    if (!variables.has(local)) continue; // an import or a function re-exported: not a worker variable
    out.set(local, list.includes(local) ? local : ([...list].sort()[0] ?? local));
  }
  return out;
}
