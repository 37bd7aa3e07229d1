import path from 'node:path';
import { Node, ts, type Project, type SourceFile, type Type } from 'ts-morph';
import { createDiagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { SourceSpan } from '../diagnostics/source-span.js';
import type {
  HostGlobalReferenceDecl,
  InputMergerDecl,
  JsonValue,
  NativeServiceDecl,
  OptionDecl,
  ProjectDecl,
  RequestInputDecl,
  RoleTypeDecl,
  StaticValueDecl,
  WorkerDecl,
} from './decl.js';
import {
  API_MODULE,
  defineImports,
  definitionDecl,
  findDefineCalls,
  mayCallDefine,
  unwrap,
  type DefineCallSite,
} from './define-calls.js';
import { exportNames } from './export-names.js';
import { bundledFiles, findHostGlobalReferences } from './find-host-global-references.js';
import { findInputMergers } from './find-input-mergers.js';
import { readInputMergerOption } from './read-input-merger-option.js';
import { findNativeServices } from './read-native-services.js';
import { propertyName, readStatic, staticDecl } from './read-static.js';
import { idOrderedUnionCount, readType } from './read-type.js';
import { relativePath, spanOf } from './span.js';

/** Request options of `defineWorker` that are objects; their fields are flattened to `a.b` paths. */
const OBJECT_OPTIONS = new Set(['constraints', 'backoff', 'periodic']);
/** Options that are code or filled in by the codegen, not request defaults. */
const SKIPPED_OPTIONS = new Set(['run', 'shapes']);
/** Functions whose literal `input` option is checked against the Data size limit. */
const REQUEST_FACTORIES = new Set(['createOneTimeWorkRequest', 'createPeriodicWorkRequest']);

/** What the parse stage reads from one source file: the unit that `--watch` keeps between runs. */
export interface FileDecl {
  /** The file's text, for code frames. */
  readonly source: string;
  /** Syntax errors and an unresolvable `@workscript/api` import in this file. */
  readonly diagnostics: readonly Diagnostic[];
  /** Workers defined in this file, in source order. */
  readonly workers: readonly WorkerDecl[];
  /** Input mergers defined in this file, in source order. */
  readonly inputMergers: readonly InputMergerDecl[];
  /** Literal request inputs in this file, in source order. */
  readonly requestInputs: readonly RequestInputDecl[];
  /** `nativeService<T>(...)` calls in this file, in source order. */
  readonly nativeServices: readonly NativeServiceDecl[];
  /** Reads of globals QuickJS lacks in this file, in source order (kept only if the file is bundled). */
  readonly hostGlobalReferences: readonly HostGlobalReferenceDecl[];
  /**
   * True when something read from this file follows the order in which the checker first met types
   * anywhere in the program (union members by type id): a printed union or intersection, or an enum with no
   * written order. Such a file is only read the way a full run reads it: every file, in order, one checker.
   */
  readonly checkerOrdered: boolean;
}

/**
 * Per-file results of an earlier run (`--watch`): `get` returns them for a file whose text and whose
 * imports (transitively) are unchanged, else `undefined`; `set` stores a fresh result.
 */
export interface FileDeclCache {
  /** Called once per run, before any `get`, with the project about to be read. */
  begin(project: Project): void;
  /** The earlier result for an unchanged file, or `undefined` when it must be read again. */
  get(sf: SourceFile): FileDecl | undefined;
  /** Remembers the result of reading a file. */
  set(sf: SourceFile, decl: FileDecl): void;
}

/** The project files the parse stage reads: not declarations, not node_modules, inside the root; sorted. */
export function projectSourceFiles(project: Project, projectRoot: string): SourceFile[] {
  const root = path.resolve(projectRoot);
  return project
    .getSourceFiles()
    .filter(
      (sf) =>
        !sf.isDeclarationFile() &&
        !sf.isInNodeModules() &&
        !relativePath(root, sf.getFilePath()).startsWith('..'),
    )
    .sort((a, b) => (a.getFilePath() < b.getFilePath() ? -1 : a.getFilePath() > b.getFilePath() ? 1 : 0));
}

/**
 * Reads every `defineWorker(...)` bound at the top level of a project file, and every literal request
 * input. Files outside `projectRoot`, declaration files and `node_modules` are not scanned. Output is sorted
 * by file and position so it does not depend on load order. With a `cache`, files it still holds are not
 * read again.
 */
export function parseProject(project: Project, projectRoot: string, cache?: FileDeclCache): ProjectDecl {
  const root = path.resolve(projectRoot);
  const files = projectSourceFiles(project, root);
  cache?.begin(project);
  const workers: WorkerDecl[] = [];
  const requestInputs: RequestInputDecl[] = [];
  const nativeServices: NativeServiceDecl[] = [];
  const inputMergers: InputMergerDecl[] = [];
  const hostGlobalReferences: HostGlobalReferenceDecl[] = [];
  const sources: Record<string, string> = {};
  const diagnostics: Diagnostic[] = [];
  const fresh = new Set<SourceFile>();
  let decls = files.map((sf) => {
    let decl = cache?.get(sf);
    if (decl === undefined) {
      decl = parseSourceFile(sf, root);
      cache?.set(sf, decl);
      fresh.add(sf);
    }
    return decl;
  });
  if (
    fresh.size < files.length &&
    files.some((sf, i) => fresh.has(sf) && decls[i]?.checkerOrdered === true) &&
    renewTypeChecker(files, decls)
  ) {
    // Read just now with a checker that has not seen the other files, so a union may have come out in
    // another order than a full run gives: read every file, in order, with a new checker, as a full run does.
    decls = files.map((sf) => {
      const decl = parseSourceFile(sf, root);
      cache?.set(sf, decl);
      return decl;
    });
  }
  // The bundle imports the files of workers and of input mergers, and with them what those import.
  const bundled = bundledFiles(
    files,
    files.filter((_, i) => (decls[i]?.workers.length ?? 0) + (decls[i]?.inputMergers.length ?? 0) > 0),
  );
  for (const [i, sf] of files.entries()) {
    const decl = decls[i] as FileDecl;
    if (bundled.has(sf)) hostGlobalReferences.push(...decl.hostGlobalReferences);
    sources[relativePath(root, sf.getFilePath())] = decl.source;
    diagnostics.push(...decl.diagnostics);
    workers.push(...decl.workers);
    requestInputs.push(...decl.requestInputs);
    nativeServices.push(...decl.nativeServices);
    inputMergers.push(...decl.inputMergers);
  }
  if (workers.length === 0 && diagnostics.length === 0)
    diagnostics.push(createDiagnostic('no-workers', { count: files.length }));
  return {
    workers,
    nativeServices,
    inputMergers,
    requestInputs,
    hostGlobalReferences,
    files: Object.keys(sources),
    sources,
    diagnostics,
  };
}

/** Reads one project file (`root` absolute). */
export function parseSourceFile(sf: SourceFile, root: string): FileDecl {
  const unions = idOrderedUnionCount();
  const source = sf.getFullText();
  const diagnostics = readProblems(sf, root);
  const imports = defineImports(sf);
  // Export names are only needed (and only read) when the file can call a define function at all.
  const exported = mayCallDefine(imports) ? exportNames(sf) : new Map<string, string>();
  const workers = findDefineCalls(sf, imports, 'defineWorker', exported).map((site) =>
    readWorker(site, root),
  );
  const inputMergers = findInputMergers(sf, root, imports, exported);
  const requestInputs = findRequestInputs(sf, root);
  const nativeServices = findNativeServices(sf, root);
  const hostGlobalReferences = findHostGlobalReferences(sf, root);
  const idOrdered = idOrderedUnionCount() > unions;
  return {
    source,
    diagnostics,
    workers,
    inputMergers,
    requestInputs,
    nativeServices,
    hostGlobalReferences,
    // A getter: only `--watch` asks, and only for the files it read again.
    get checkerOrdered() {
      return idOrdered || PRINTED_UNION.test(JSON.stringify([workers, nativeServices]));
    },
  };
}

/** A `typeText` that prints a union or an intersection, whose members TypeScript orders by type id. */
const PRINTED_UNION = /"typeText":"(?:[^"\\]|\\.)*[|&]/;

/**
 * Makes the project hand out a new type checker, one that has met no type yet, by giving a file without
 * problems its own text again (ts-morph then builds a new program). False when every file has problems
 * (the pipeline stops after parse then anyway).
 */
function renewTypeChecker(files: readonly SourceFile[], decls: readonly FileDecl[]): boolean {
  const i = decls.findIndex((d) => d.diagnostics.length === 0);
  const sf = files[i];
  if (sf === undefined) return false;
  sf.replaceWithText(sf.getFullText());
  return true;
}

/** Syntax errors (cheap: no type check) and imports of `@workscript/api` that do not resolve. */
function readProblems(sf: SourceFile, root: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const program = sf.getProject().getProgram().compilerObject;
  const checker = program.getTypeChecker();
  for (const d of program.getSyntacticDiagnostics(sf.compilerNode)) {
    const start = d.start ?? 0;
    const from = sf.getLineAndColumnAtPos(start);
    const to = sf.getLineAndColumnAtPos(start + (d.length ?? 0));
    const span = {
      file: relativePath(root, sf.getFilePath()),
      line: from.line,
      column: from.column,
      endLine: to.line,
      endColumn: to.column,
    };
    out.push(
      createDiagnostic(
        'typescript-syntax-error',
        { details: ts.flattenDiagnosticMessageText(d.messageText, ' ').replace(/\.?$/, '.') },
        span,
      ),
    );
  }
  for (const statement of sf.compilerNode.statements) {
    if (
      ts.isImportDeclaration(statement) &&
      ts.isStringLiteral(statement.moduleSpecifier) &&
      statement.moduleSpecifier.text === API_MODULE &&
      // As ts-morph's getModuleSpecifierSourceFile: resolved means a source file declares the module.
      checker
        .getSymbolAtLocation(statement.moduleSpecifier)
        ?.declarations?.some((d) => ts.isSourceFile(d)) !== true
    ) {
      const imp = sf.getImportDeclarations().find((d) => d.compilerNode === statement);
      if (imp !== undefined)
        out.push(createDiagnostic('api-not-resolved', {}, spanOf(root, imp.getModuleSpecifier())));
    }
  }
  return out;
}

function readWorker(site: DefineCallSite, root: string): WorkerDecl {
  const { call } = site;
  const arg = call.getArguments()[0];
  const argNode = arg === undefined ? call : unwrap(arg);
  const options = createOptionList();
  let name: StaticValueDecl | undefined;
  let runNode: Node | undefined;
  if (Node.isObjectLiteralExpression(argNode)) {
    // In source order, so a later property replaces an earlier one (or one from a spread), as in JavaScript.
    for (const p of argNode.getProperties()) {
      if (Node.isSpreadAssignment(p)) {
        const spread = readStatic(p.getExpression());
        const span = spanOf(root, p);
        if (!('value' in spread) || !isPlainObject(spread.value)) {
          options.set('...', [{ path: '...', value: { dynamic: p.getExpression().getText(), span } }]);
          continue;
        }
        for (const [key, value] of Object.entries(spread.value)) {
          if (key === 'name') name = { value, span };
          else if (!SKIPPED_OPTIONS.has(key)) options.set(key, flattenValue(key, value, span));
        }
        continue;
      }
      if (
        Node.isMethodDeclaration(p) ||
        Node.isPropertyAssignment(p) ||
        Node.isShorthandPropertyAssignment(p)
      ) {
        const key = propertyName(p.getNameNode());
        if (key === 'run') runNode = p;
        if (SKIPPED_OPTIONS.has(key) || Node.isMethodDeclaration(p)) continue;
        const valueNode = Node.isPropertyAssignment(p) ? p.getInitializerOrThrow() : p.getNameNode();
        if (key === 'name') name = staticDecl(valueNode, root);
        // A merger may be an object: a built-in of @workscript/api or a defineInputMerger definition.
        else if (key === 'inputMerger')
          options.set(key, [{ path: key, value: readInputMergerOption(valueNode, root) }]);
        else options.set(key, flatten(key, valueNode, root));
      }
    }
  }
  const ctx = { root, location: call };
  const definition = call.getReturnType();
  const [i, o, f, p] = definition.getTypeArguments();
  const runSpan = spanOf(root, runNode ?? argNode);
  // TypeScript infers O and F together from `run`'s return type, so a worker that only ever succeeds gets
  // its success type as failure type too. Keep each only when `run` can actually return that status.
  const statuses = resultStatuses(runNode, call);
  const inputSpan = spanOf(root, runInputParameter(runNode) ?? runNode ?? argNode);
  const role = (t: Type | undefined, span: typeof runSpan, untypedWhenRecord: boolean): RoleTypeDecl => {
    const typeText = t === undefined ? 'unknown' : t.getText(call, ts.TypeFormatFlags.NoTruncation);
    if (t === undefined) return { type: undefined, typeText, span };
    // Progress defaults to Readonly<Record<string, unknown>>: the worker declared no progress type.
    if (untypedWhenRecord && t.getProperties().length === 0 && t.getStringIndexType()?.isUnknown() === true) {
      return { type: undefined, typeText, span };
    }
    return { type: readType(t, ctx), typeText, span };
  };
  return {
    ...definitionDecl(site, root, argNode, name),
    options: options.sorted(),
    input: role(i, inputSpan, false),
    output: statuses === undefined || statuses.has('success') ? role(o, runSpan, false) : emptyRole(runSpan),
    failureOutput:
      statuses === undefined || statuses.has('failure') ? role(f, runSpan, false) : emptyRole(runSpan),
    progress: role(p, runSpan, true),
  };
}

/** A role the worker never produces: an object without fields, like api's `EmptyOutput`. */
function emptyRole(span: RoleTypeDecl['span']): RoleTypeDecl {
  return { type: { kind: 'object', shape: { properties: [] } }, typeText: 'EmptyOutput', span };
}

/** The `status` values `run` can return (`success`, `failure`, `retry`), or `undefined` if unknown. */
function resultStatuses(run: Node | undefined, location: Node): ReadonlySet<string> | undefined {
  if (run === undefined) return undefined;
  const fn = Node.isPropertyAssignment(run) ? run.getInitializerOrThrow() : run;
  let result = fn.getType().getCallSignatures()[0]?.getReturnType();
  if (result === undefined) return undefined;
  if (result.getSymbol()?.getName() === 'Promise') result = result.getTypeArguments()[0];
  if (result === undefined) return undefined;
  const statuses = new Set<string>();
  for (const member of result.isUnion() ? result.getUnionTypes() : [result]) {
    const status = member.getProperty('status')?.getTypeAtLocation(location);
    if (status === undefined) return undefined;
    for (const s of status.isUnion() ? status.getUnionTypes() : [status]) {
      if (!s.isStringLiteral()) return undefined;
      statuses.add(s.getLiteralValue() as string);
    }
  }
  return statuses;
}

function runInputParameter(run: Node | undefined): Node | undefined {
  if (run === undefined) return undefined;
  if (Node.isMethodDeclaration(run)) return run.getParameters()[0];
  if (Node.isPropertyAssignment(run)) {
    const fn = unwrap(run.getInitializerOrThrow());
    if (Node.isArrowFunction(fn) || Node.isFunctionExpression(fn)) return fn.getParameters()[0];
  }
  return undefined;
}

/** Options by top-level key; setting a key drops what an earlier property or spread gave it. */
function createOptionList(): {
  set(key: string, decls: readonly OptionDecl[]): void;
  sorted(): OptionDecl[];
} {
  let list: OptionDecl[] = [];
  return {
    set(key, decls) {
      list = [...list.filter((o) => o.path !== key && !o.path.startsWith(`${key}.`)), ...decls];
    },
    sorted: () => [...list].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
  };
}

function isPlainObject(v: JsonValue): v is { readonly [key: string]: JsonValue } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** One option as written: object options (`constraints`, ...) become one entry per field. */
function flatten(key: string, node: Node, root: string): OptionDecl[] {
  const n = unwrap(node);
  if (OBJECT_OPTIONS.has(key) && Node.isObjectLiteralExpression(n)) {
    const out: OptionDecl[] = [];
    for (const p of n.getProperties()) {
      if (Node.isPropertyAssignment(p)) {
        out.push({
          path: `${key}.${propertyName(p.getNameNode())}`,
          value: staticDecl(p.getInitializerOrThrow(), root),
        });
      } else if (Node.isShorthandPropertyAssignment(p)) {
        out.push({ path: `${key}.${p.getName()}`, value: staticDecl(p.getNameNode(), root) });
      } else {
        return [{ path: key, value: { dynamic: n.getText(), span: spanOf(root, n) } }];
      }
    }
    return out;
  }
  const value = staticDecl(node, root);
  return 'value' in value ? flattenValue(key, value.value, value.span) : [{ path: key, value }];
}

/** A literal option value (e.g. from a `const` or a spread), flattened like {@link flatten}. */
function flattenValue(key: string, value: JsonValue, span: SourceSpan): OptionDecl[] {
  if (OBJECT_OPTIONS.has(key) && isPlainObject(value)) {
    return Object.entries(value).map(([k, v]) => ({ path: `${key}.${k}`, value: { value: v, span } }));
  }
  return [{ path: key, value: { value, span } }];
}

function findRequestInputs(sf: SourceFile, root: string): RequestInputDecl[] {
  const out: RequestInputDecl[] = [];
  // Cheap text test first: most files never call a request factory, and wrapping every call is not free.
  const text = sf.getFullText();
  if (![...REQUEST_FACTORIES].some((f) => text.includes(f))) return out;
  for (const call of sf.getDescendantsOfKind(ts.SyntaxKind.CallExpression)) {
    const callee = call.getExpression();
    if (!Node.isIdentifier(callee) || !REQUEST_FACTORIES.has(callee.getText())) continue;
    const [workerArg, optionsArg] = call.getArguments();
    if (optionsArg === undefined) continue;
    const options = unwrap(optionsArg);
    if (!Node.isObjectLiteralExpression(options)) continue;
    const inputProp = options.getProperty('input');
    if (inputProp === undefined || !Node.isPropertyAssignment(inputProp)) continue;
    const value = readStatic(inputProp.getInitializerOrThrow());
    if (!('value' in value)) continue;
    out.push({
      callee: callee.getText(),
      worker: workerOf(workerArg, root),
      value: value.value,
      span: spanOf(root, inputProp),
    });
  }
  return out;
}

function workerOf(arg: Node | undefined, root: string): RequestInputDecl['worker'] {
  if (arg === undefined || !Node.isIdentifier(arg)) return undefined;
  let symbol = arg.getSymbol();
  if (symbol?.isAlias()) symbol = symbol.getAliasedSymbol();
  const decl = symbol?.getValueDeclaration();
  if (decl === undefined || !Node.isVariableDeclaration(decl)) return undefined;
  return { sourceFile: relativePath(root, decl.getSourceFile().getFilePath()), variableName: decl.getName() };
}
