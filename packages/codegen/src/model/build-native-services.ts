import type { NativeServiceDecl } from '../parse/decl.js';
import type { NativeServiceModel } from './project-model.js';
import { compareCodeUnits } from './compare-code-units.js';
import { staticName } from './static-name.js';
import { toType } from './to-type.js';

/**
 * The native services of the IR: one per (name, interface) pair, sorted by name then file. Several calls
 * naming one interface with one name (a handle re-declared in two modules) are one service, the first call
 * kept; two different interfaces under one name stay two entries, which the check stage reports.
 */
export function toNativeServices(decls: readonly NativeServiceDecl[]): NativeServiceModel[] {
  const seen = new Set<string>();
  const out: NativeServiceModel[] = [];
  for (const d of decls) {
    const model = toService(d);
    const where = d.interfaceSpan ?? d.span;
    const key = JSON.stringify([model.name, where.file, where.line, where.column]);
    if (model.nameIsLiteral && d.interfaceSpan !== undefined && seen.has(key)) continue;
    seen.add(key);
    out.push(model);
  }
  return out.sort((a, b) => compareCodeUnits(a.name, b.name) || compareCodeUnits(a.sourceFile, b.sourceFile));
}

function toService(d: NativeServiceDecl): NativeServiceModel {
  const name = staticName(d.name);
  return {
    name: name.text,
    nameIsLiteral: name.literal,
    nameSpan: d.name?.span ?? d.span,
    interfaceName: d.interfaceName,
    typeText: d.typeText,
    extendsNativeService: d.extendsNativeService,
    sourceFile: d.sourceFile,
    span: d.span,
    interfaceSpan: d.interfaceSpan,
    methods: d.methods.map((m) => ({
      name: m.name,
      params: m.params.map((p) => ({
        name: p.name,
        type: toType(p.type),
        optional: p.optional,
        rest: p.rest,
        span: p.span,
      })),
      returns: m.returns === 'void' ? 'void' : toType(m.returns),
      returnsPromise: m.returnsPromise,
      typeText: m.typeText,
      ...(m.doc === undefined ? {} : { doc: m.doc }),
      span: m.span,
    })),
  };
}
