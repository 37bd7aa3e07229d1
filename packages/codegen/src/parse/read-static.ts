import { Node, SyntaxKind, VariableDeclarationKind } from 'ts-morph';
import type { JsonValue, StaticValueDecl } from './decl.js';
import { spanOf } from './span.js';

/** Result of evaluating an expression without running it. */
export type StaticResult = { readonly value: JsonValue } | { readonly dynamic: string };

const MAX_DEPTH = 8;

/**
 * Evaluates literals: strings, numbers (with `_` separators and unary minus), booleans, `null`, arrays,
 * object literals, simple arithmetic (`15 * 60_000`), `as`/`satisfies`/parentheses, and identifiers bound
 * to a `const` with such an initializer (also imported ones). Anything else is dynamic.
 */
export function readStatic(node: Node, depth = 0): StaticResult {
  const dynamic = { dynamic: node.getText() };
  if (depth > MAX_DEPTH) return dynamic;
  if (
    Node.isParenthesizedExpression(node) ||
    Node.isAsExpression(node) ||
    Node.isSatisfiesExpression(node) ||
    Node.isNonNullExpression(node)
  ) {
    return readStatic(node.getExpression(), depth + 1);
  }
  if (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node))
    return { value: node.getLiteralValue() };
  if (Node.isNumericLiteral(node)) return { value: node.getLiteralValue() };
  if (node.getKind() === SyntaxKind.TrueKeyword) return { value: true };
  if (node.getKind() === SyntaxKind.FalseKeyword) return { value: false };
  if (node.getKind() === SyntaxKind.NullKeyword) return { value: null };
  if (Node.isPrefixUnaryExpression(node) && node.getOperatorToken() === SyntaxKind.MinusToken) {
    const inner = readStatic(node.getOperand(), depth + 1);
    return 'value' in inner && typeof inner.value === 'number' ? { value: -inner.value } : dynamic;
  }
  if (Node.isBinaryExpression(node)) {
    const left = readStatic(node.getLeft(), depth + 1);
    const right = readStatic(node.getRight(), depth + 1);
    if (
      !('value' in left) ||
      !('value' in right) ||
      typeof left.value !== 'number' ||
      typeof right.value !== 'number'
    )
      return dynamic;
    switch (node.getOperatorToken().getKind()) {
      case SyntaxKind.AsteriskToken:
        return { value: left.value * right.value };
      case SyntaxKind.PlusToken:
        return { value: left.value + right.value };
      case SyntaxKind.MinusToken:
        return { value: left.value - right.value };
      default:
        return dynamic;
    }
  }
  if (Node.isArrayLiteralExpression(node)) {
    const items: JsonValue[] = [];
    for (const e of node.getElements()) {
      const r = readStatic(e, depth + 1);
      if (!('value' in r)) return dynamic;
      items.push(r.value);
    }
    return { value: items };
  }
  if (Node.isObjectLiteralExpression(node)) {
    const out: Record<string, JsonValue> = {};
    for (const p of node.getProperties()) {
      if (!Node.isPropertyAssignment(p)) return dynamic;
      const nameNode = p.getNameNode();
      if (Node.isComputedPropertyName(nameNode)) return dynamic;
      const init = p.getInitializer();
      if (init === undefined) return dynamic;
      const r = readStatic(init, depth + 1);
      if (!('value' in r)) return dynamic;
      out[propertyName(nameNode)] = r.value;
    }
    return { value: out };
  }
  if (Node.isIdentifier(node)) {
    const init = constInitializer(node);
    return init === undefined ? dynamic : readStatic(init, depth + 1);
  }
  return dynamic;
}

/** {@link readStatic} of `node` with its span, `root` absolute. */
export function staticDecl(node: Node, root: string): StaticValueDecl {
  const r = readStatic(node);
  const span = spanOf(root, node);
  return 'value' in r ? { value: r.value, span } : { dynamic: r.dynamic, span };
}

/** The text of a property name node (`a`, `'a-b'`, `1`). */
export function propertyName(nameNode: Node): string {
  if (
    Node.isStringLiteral(nameNode) ||
    Node.isNumericLiteral(nameNode) ||
    Node.isNoSubstitutionTemplateLiteral(nameNode)
  ) {
    return String(nameNode.getLiteralValue());
  }
  return nameNode.getText();
}

/** The initializer of the `const` an identifier refers to (following imports), if any. */
export function constInitializer(id: Node): Node | undefined {
  let symbol = id.getSymbol();
  if (symbol?.isAlias()) symbol = symbol.getAliasedSymbol();
  const decl = symbol?.getValueDeclaration();
  if (decl === undefined || !Node.isVariableDeclaration(decl)) return undefined;
  const list = decl.getParent();
  if (!Node.isVariableDeclarationList(list) || list.getDeclarationKind() !== VariableDeclarationKind.Const)
    return undefined;
  return decl.getInitializer();
}
