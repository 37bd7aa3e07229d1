import { Node, ts, type Type } from 'ts-morph';
import type { PropertyDecl, TypeDecl, UnsupportedReason } from './decl.js';
import { spanOf } from './span.js';

/** Context of one type walk. */
export interface ReadTypeContext {
  /** Project root, for spans. */
  readonly root: string;
  /** Node the types are seen from (property types are resolved at this location). */
  readonly location: Node;
  /** The type as written, when known: string-literal unions keep their source order from it. */
  readonly typeNode?: Node | undefined;
}

/** Objects that Data cannot hold, by their global symbol name. */
const COLLECTIONS = new Set(['Map', 'Set', 'WeakMap', 'WeakSet', 'ReadonlyMap', 'ReadonlySet']);
/** Names that are not worth showing as Kotlin class names. */
const ANONYMOUS_NAMES = new Set([
  '__type',
  '__object',
  'Readonly',
  'Partial',
  'Required',
  'Pick',
  'Omit',
  'NonNullable',
]);

/**
 * Reads a type through the checker into a {@link TypeDecl}, following the DataShape table of
 * `@workscript/api`. Unsupported types become `{kind:'unsupported'}` and are reported by the check stage,
 * so one walk finds every problem.
 */
export function readType(
  type: Type,
  ctx: ReadTypeContext,
  visiting: ReadonlySet<Type> = new Set(),
): TypeDecl {
  const text = (): string => type.getText(ctx.location, ts.TypeFormatFlags.NoTruncation);
  const unsupported = (reason: UnsupportedReason): TypeDecl => ({
    kind: 'unsupported',
    reason,
    typeText: text(),
  });

  if (type.isAny() || type.isUnknown()) return unsupported('any');
  if (type.isUnion()) return readUnion(type, ctx, visiting, unsupported);
  if (type.isBoolean() || type.isBooleanLiteral()) return { kind: 'boolean' };
  if (type.isString()) return { kind: 'string' };
  if (type.isStringLiteral()) return { kind: 'enum', values: [type.getLiteralValue() as string] };
  if (type.isNumber()) return { kind: 'double' };
  if (type.isNumberLiteral() || type.isTemplateLiteral()) return unsupported('literal');
  if (type.isBigInt() || type.isBigIntLiteral()) return unsupported('bigint');
  if (type.isNull()) return unsupported('null');
  if (type.isIntersection()) {
    const brand = integerBrand(type);
    if (brand !== undefined) return { kind: brand };
    if (type.getIntersectionTypes().some((t) => !t.isObject())) return unsupported('other');
  }
  if (type.isTuple()) return unsupported('tuple');
  if (type.isArray() || type.isReadonlyArray()) {
    const element = type.getArrayElementType() ?? type.getTypeArguments()[0];
    if (element === undefined) return unsupported('other');
    return {
      kind: 'array',
      element: readType(
        element,
        { root: ctx.root, location: ctx.location, typeNode: writtenElement(ctx.typeNode) },
        visiting,
      ),
    };
  }
  if (type.isObject() || type.isIntersection()) return readObject(type, ctx, visiting, unsupported);
  return unsupported('other');
}

function readUnion(
  type: Type,
  ctx: ReadTypeContext,
  visiting: ReadonlySet<Type>,
  unsupported: (reason: UnsupportedReason) => TypeDecl,
): TypeDecl {
  const parts = type.getUnionTypes().filter((t) => !t.isUndefined());
  if (parts.length === 0) return unsupported('other');
  if (parts.length === 1) return readType(parts[0] as Type, ctx, visiting);
  if (parts.every((t) => t.isBooleanLiteral())) return { kind: 'boolean' };
  if (parts.every((t) => t.isStringLiteral())) {
    const alias = type.getAliasSymbol()?.getName() ?? writtenAlias(ctx.typeNode)?.name;
    return {
      kind: 'enum',
      values: sourceOrder(
        parts.map((t) => t.getLiteralValue() as string),
        type,
        ctx,
      ),
      ...(alias === undefined || ANONYMOUS_NAMES.has(alias) ? {} : { typeName: alias }),
    };
  }
  if (parts.some((t) => t.isNull())) return unsupported('null');
  return unsupported('union');
}

/** See {@link idOrderedUnionCount}. */
let idOrderedUnions = 0;

/**
 * How many string-literal unions {@link readType} has left in the checker's order (no written type to take
 * the order from) since the process started. That order follows which types the checker created first
 * anywhere in the program, so `--watch`, which re-reads only some files with a new checker, reads every
 * file again when reading a file made this grow.
 */
export function idOrderedUnionCount(): number {
  return idOrderedUnions;
}

/**
 * The checker orders union members by type id, which follows first use anywhere in the program; Kotlin
 * enum entries should follow the order the user wrote, so take it from the alias or the property's type.
 */
function sourceOrder(values: string[], type: Type, ctx: ReadTypeContext): string[] {
  const aliasDecl = type.getAliasSymbol()?.getDeclarations()[0];
  const written =
    aliasDecl !== undefined && Node.isTypeAliasDeclaration(aliasDecl)
      ? aliasDecl.getTypeNode()
      : (writtenAlias(ctx.typeNode)?.node ?? ctx.typeNode);
  if (written === undefined) {
    idOrderedUnions++;
    return values;
  }
  const order = stringLiterals(written.compilerNode);
  if (values.some((v) => !order.includes(v))) idOrderedUnions++;
  const rank = (v: string): number => {
    const i = order.indexOf(v);
    return i === -1 ? order.length + values.indexOf(v) : i;
  };
  return [...values].sort((a, b) => rank(a) - rank(b));
}

/** The string literals under a node, in source order (on the compiler's nodes: no ts-morph wrappers). */
function stringLiterals(node: ts.Node): string[] {
  const out: string[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isStringLiteral(n)) out.push(n.text);
    ts.forEachChild(n, visit);
  };
  visit(node);
  return out;
}

/**
 * The alias a written type refers to (`kind?: Kind`, `kind: Kind | undefined`), for when the checker's
 * type lost it (adding `undefined` makes a new union without an alias).
 */
function writtenAlias(typeNode: Node | undefined): { name: string; node: Node | undefined } | undefined {
  let n = typeNode;
  while (n !== undefined && Node.isParenthesizedTypeNode(n)) n = n.getTypeNode();
  if (n !== undefined && Node.isUnionTypeNode(n)) {
    const rest = n.getTypeNodes().filter((t) => t.getKind() !== ts.SyntaxKind.UndefinedKeyword);
    return rest.length === 1 ? writtenAlias(rest[0]) : undefined;
  }
  if (n === undefined || !Node.isTypeReference(n)) return undefined;
  let symbol = n.getTypeName().getSymbol();
  if (symbol?.isAlias()) symbol = symbol.getAliasedSymbol();
  const decl = symbol?.getDeclarations()[0];
  if (decl === undefined || !Node.isTypeAliasDeclaration(decl)) return undefined;
  return { name: decl.getName(), node: decl.getTypeNode() };
}

/** The element type as written, for an array type written as `T[]` or `readonly T[]`. */
function writtenElement(typeNode: Node | undefined): Node | undefined {
  let n = typeNode;
  while (n !== undefined && (Node.isParenthesizedTypeNode(n) || Node.isTypeOperatorTypeNode(n)))
    n = n.getTypeNode();
  return n !== undefined && Node.isArrayTypeNode(n) ? n.getElementTypeNode() : undefined;
}

/** `Int` and `Long` are `number & { readonly [brand]: 'Int' | 'Long' }`; see `@workscript/api` int.ts. */
function integerBrand(type: Type): 'int' | 'long' | undefined {
  // `Int` is one type for the whole program: look at its members once per checker, not once per field.
  const known = BRANDS.get(type.compilerType);
  if (known !== undefined) return known === 'none' ? undefined : known;
  const brand = readIntegerBrand(type);
  BRANDS.set(type.compilerType, brand ?? 'none');
  return brand;
}

/** {@link integerBrand} by the checker's type object (a new checker makes new ones). */
const BRANDS = new WeakMap<ts.Type, 'int' | 'long' | 'none'>();

function readIntegerBrand(type: Type): 'int' | 'long' | undefined {
  const members = type.getIntersectionTypes();
  if (!members.some((t) => t.isNumber())) return undefined;
  for (const m of members) {
    for (const p of m.getProperties()) {
      const decl = p.getDeclarations()[0];
      if (decl === undefined) continue;
      const t = p.getTypeAtLocation(decl);
      if (t.isStringLiteral()) {
        if (t.getLiteralValue() === 'Int') return 'int';
        if (t.getLiteralValue() === 'Long') return 'long';
      }
    }
  }
  return undefined;
}

/** The type annotation of a property declaration, if it has one. */
function writtenType(decl: Node): Node | undefined {
  return Node.isPropertySignature(decl) || Node.isPropertyDeclaration(decl) ? decl.getTypeNode() : undefined;
}

function readObject(
  type: Type,
  ctx: ReadTypeContext,
  visiting: ReadonlySet<Type>,
  unsupported: (reason: UnsupportedReason) => TypeDecl,
): TypeDecl {
  const symbol = type.getSymbol();
  const symbolName = symbol?.getName();
  if (symbolName === 'Date') return unsupported('date');
  if (symbolName !== undefined && COLLECTIONS.has(symbolName)) return unsupported('collection');
  if (type.getCallSignatures().length > 0 || type.getConstructSignatures().length > 0)
    return unsupported('function');
  if (
    type.isClass() ||
    (symbol !== undefined && symbol.getDeclarations().some((d) => Node.isClassDeclaration(d)))
  ) {
    return unsupported('class');
  }
  if (visiting.has(type)) return unsupported('recursive');
  const properties = type.getProperties();
  if (type.getStringIndexType() !== undefined || type.getNumberIndexType() !== undefined) {
    // `Record<string, never>` is api's EmptyOutput: an object without fields.
    if (properties.length === 0 && type.getStringIndexType()?.isNever() === true)
      return { kind: 'object', shape: { properties: [] } };
    return unsupported('record');
  }
  const inner = new Set(visiting).add(type);
  const decls: PropertyDecl[] = [];
  for (const p of properties) {
    const decl = p.getValueDeclaration() ?? p.getDeclarations()[0] ?? ctx.location;
    const propType = p.getTypeAtLocation(ctx.location);
    const isMethod = Node.isMethodSignature(decl) || Node.isMethodDeclaration(decl);
    const optional =
      p.isOptional() || (propType.isUnion() && propType.getUnionTypes().some((t) => t.isUndefined()));
    decls.push({
      name: p.getName(),
      optional,
      type: isMethod
        ? { kind: 'unsupported', reason: 'function', typeText: propType.getText(ctx.location) }
        : readType(propType, { root: ctx.root, location: ctx.location, typeNode: writtenType(decl) }, inner),
      span: spanOf(ctx.root, decl),
    });
  }
  const alias = type.getAliasSymbol()?.getName() ?? symbolName;
  return {
    kind: 'object',
    shape: { properties: decls },
    ...(alias === undefined || ANONYMOUS_NAMES.has(alias) ? {} : { typeName: alias }),
  };
}
