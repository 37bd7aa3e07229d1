import {
  Node,
  ts,
  type CallExpression,
  type SourceFile,
  type Symbol as MorphSymbol,
  type Type,
} from 'ts-morph';
import type { NativeMethodDecl, NativeParamDecl, NativeServiceDecl, TypeDecl } from './decl.js';
import { readStatic } from './read-static.js';
import { readType } from './read-type.js';
import { relativePath, spanOf } from './span.js';

/** The type-level marker of `NativeService` in `@workscript/api`; not a method of any service. */
const MARKER = '__workscriptNativeService';

/**
 * Reads every `nativeService<T>('Name')` call of a file (anywhere in it: module level is usual, but a call
 * inside a function declares the same service). `T` is resolved through the checker, so imports and
 * re-exports of the interface are followed. Output is in source order.
 */
export function findNativeServices(sf: SourceFile, root: string): NativeServiceDecl[] {
  // Cheap text test first: most files never mention the function, and walking every call is not free.
  if (!sf.getFullText().includes('nativeService')) return [];
  const out: NativeServiceDecl[] = [];
  for (const call of sf.getDescendantsOfKind(ts.SyntaxKind.CallExpression)) {
    if (isNativeServiceCall(call)) out.push(readService(call, root));
  }
  return out;
}

/** True when `call` is `nativeService(...)` of `@workscript/api` (recognised by its return type's brand). */
function isNativeServiceCall(call: CallExpression): boolean {
  const callee = call.getExpression();
  const name = Node.isIdentifier(callee)
    ? callee.getText()
    : Node.isPropertyAccessExpression(callee)
      ? callee.getName()
      : undefined;
  if (name === undefined) return false;
  let symbol = callee.getSymbol();
  if (symbol?.isAlias()) symbol = symbol.getAliasedSymbol();
  if (symbol?.getName() !== 'nativeService') return false;
  const kindType = call.getReturnType().getProperty('kind')?.getTypeAtLocation(call);
  return kindType?.isStringLiteral() === true && kindType.getLiteralValue() === 'workscript.native-service';
}

function readService(call: CallExpression, root: string): NativeServiceDecl {
  const arg = call.getArguments()[0];
  const name =
    arg === undefined
      ? undefined
      : ((): NativeServiceDecl['name'] => {
          const r = readStatic(arg);
          const span = spanOf(root, arg);
          return 'value' in r ? { value: r.value, span } : { dynamic: r.dynamic, span };
        })();
  // NativeServiceRef<S>.__service is `S | undefined`: the service type, whether written or inferred.
  const service = call.getReturnType().getProperty('__service')?.getTypeAtLocation(call).getNonNullableType();
  const typeText = service?.getText(call, ts.TypeFormatFlags.NoTruncation) ?? 'unknown';
  const interfaceDecl = service
    ?.getSymbol()
    ?.getDeclarations()
    .find((d) => Node.isInterfaceDeclaration(d));
  const isInterface = interfaceDecl !== undefined && Node.isInterfaceDeclaration(interfaceDecl);
  const extendsNativeService =
    service !== undefined && isInterface && interfaceDecl.getName() !== 'NativeService' && hasMarker(service);
  return {
    name,
    interfaceName: isInterface ? interfaceDecl.getName() : undefined,
    typeText,
    extendsNativeService,
    sourceFile: relativePath(root, call.getSourceFile().getFilePath()),
    span: spanOf(root, call),
    interfaceSpan: isInterface ? spanOf(root, interfaceDecl.getNameNode()) : undefined,
    methods:
      service !== undefined && extendsNativeService
        ? service
            .getProperties()
            .filter((p) => p.getName() !== MARKER)
            .map((p) => readMethod(p, call, root))
        : [],
  };
}

/** True when the type has `NativeService`'s marker, i.e. its interface extends `NativeService`. */
function hasMarker(type: Type): boolean {
  const decl = type.getProperty(MARKER)?.getDeclarations()[0];
  const owner = decl?.getParent();
  return owner !== undefined && Node.isInterfaceDeclaration(owner) && owner.getName() === 'NativeService';
}

function readMethod(p: MorphSymbol, call: CallExpression, root: string): NativeMethodDecl {
  const decl = p.getValueDeclaration() ?? p.getDeclarations()[0] ?? call;
  const type = p.getTypeAtLocation(call).getNonNullableType();
  const typeText = type.getText(call, ts.TypeFormatFlags.NoTruncation);
  const signature = type.getCallSignatures()[0];
  const span = spanOf(root, decl);
  const description = Node.isJSDocable(decl) ? decl.getJsDocs()[0]?.getDescription().trim() : undefined;
  const doc = description === undefined || description === '' ? {} : { doc: description };
  if (signature === undefined)
    return { name: p.getName(), params: [], returns: 'void', returnsPromise: false, typeText, ...doc, span };
  const params = signature.getParameters().map((s, i) => readParam(s, i, call, root));
  const result = signature.getReturnType();
  const written = writtenReturn(decl);
  if (result.getSymbol()?.getName() !== 'Promise') {
    return {
      name: p.getName(),
      params,
      returns: readType(result, { root, location: call, typeNode: written }),
      returnsPromise: false,
      typeText,
      ...doc,
      span,
    };
  }
  const inner = result.getTypeArguments()[0];
  const isVoid =
    inner === undefined || (inner.getFlags() & (ts.TypeFlags.Void | ts.TypeFlags.Undefined)) !== 0;
  const innerWritten =
    written !== undefined && Node.isTypeReference(written) ? written.getTypeArguments()[0] : undefined;
  const returns: TypeDecl | 'void' = isVoid
    ? 'void'
    : readType(inner, { root, location: call, typeNode: innerWritten });
  return { name: p.getName(), params, returns, returnsPromise: true, typeText, ...doc, span };
}

function readParam(s: MorphSymbol, index: number, call: CallExpression, root: string): NativeParamDecl {
  const decl = s.getValueDeclaration();
  if (decl === undefined || !Node.isParameterDeclaration(decl)) {
    return {
      name: s.getName(),
      type: readType(s.getTypeAtLocation(call), { root, location: call }),
      optional: false,
      rest: false,
      span: spanOf(root, call),
    };
  }
  const nameNode = decl.getNameNode();
  return {
    name: Node.isIdentifier(nameNode) ? nameNode.getText() : `arg${index}`,
    // The symbol's type at the call, not the declaration's: a generic interface (`Repo<Photo>`) is
    // instantiated there, so `item: T` reads as `Photo`.
    type: readType(s.getTypeAtLocation(call), { root, location: call, typeNode: decl.getTypeNode() }),
    optional: decl.hasQuestionToken() || decl.hasInitializer(),
    rest: decl.isRestParameter(),
    span: spanOf(root, decl),
  };
}

/** The return type as written on a method signature or a property of function type. */
function writtenReturn(decl: Node): Node | undefined {
  if (Node.isMethodSignature(decl) || Node.isMethodDeclaration(decl)) return decl.getReturnTypeNode();
  if (Node.isPropertySignature(decl)) {
    let t = decl.getTypeNode();
    while (t !== undefined && Node.isParenthesizedTypeNode(t)) t = t.getTypeNode();
    if (t !== undefined && Node.isFunctionTypeNode(t)) return t.getReturnTypeNode();
  }
  return undefined;
}
