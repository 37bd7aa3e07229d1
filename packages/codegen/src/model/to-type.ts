import type { TypeDecl } from '../parse/decl.js';
import type { TypeModel } from './project-model.js';

/** The IR form of a parsed type (object properties become fields). */
export function toType(t: TypeDecl): TypeModel {
  switch (t.kind) {
    case 'array':
      return { kind: 'array', element: toType(t.element) };
    case 'object':
      return {
        kind: 'object',
        shape: {
          fields: t.shape.properties.map((p) => ({
            name: p.name,
            optional: p.optional,
            type: toType(p.type),
            span: p.span,
          })),
        },
        ...(t.typeName === undefined ? {} : { typeName: t.typeName }),
      };
    default:
      return t;
  }
}
