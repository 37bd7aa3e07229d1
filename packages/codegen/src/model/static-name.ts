import type { StaticValueDecl } from '../parse/decl.js';

/**
 * The name a `name` argument or option gives, and whether it is a string literal. A missing name is `''`; a
 * non-string literal is its JSON; a dynamic expression is its source text (checks report both as not literal).
 */
export function staticName(v: StaticValueDecl | undefined): { text: string; literal: boolean } {
  if (v === undefined) return { text: '', literal: false };
  if ('value' in v)
    return typeof v.value === 'string'
      ? { text: v.value, literal: true }
      : { text: JSON.stringify(v.value), literal: false };
  return { text: v.dynamic, literal: false };
}
