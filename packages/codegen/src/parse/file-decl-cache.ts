import { ts, type Project, type SourceFile } from 'ts-morph';
import type { FileDecl, FileDeclCache } from './parse-project.js';

/** What the cache knows of one program file (project files and the files they import, outside node_modules). */
interface TrackedFile {
  /** The text the file had when it was last read. */
  readonly text: string;
  /** Absolute paths of the files it imports (modules, `import()`, `import('x').T`), outside node_modules. */
  readonly imports: readonly string[];
  /** True when a change to this file can change any other file's types (see {@link affectsEveryFile}). */
  readonly global: boolean;
}

/**
 * A {@link FileDeclCache} for `--watch`: a file is read again when its text changed or when a file it
 * imports, directly or through other imports, changed; every other file's {@link FileDecl} is reused.
 *
 * Everything is read again (the safe answer) when the project is a new one (a tsconfig changed), when files
 * were added to or removed from the program (module resolution may now pick other files), or when a changed
 * file declares globals: a script without imports/exports, `declare global`, `declare module '…'`, or a
 * `/// <reference>` directive. Files in node_modules are taken as fixed while watching.
 */
export function createFileDeclCache(): FileDeclCache {
  let project: Project | undefined;
  let fileList = '';
  let tracked = new Map<string, TrackedFile>();
  const decls = new Map<string, FileDecl>();
  /** Files to read again in this run; `undefined` means all of them. */
  let dirty: Set<string> | undefined;

  const restart = (current: Project, files: readonly SourceFile[], list: string): void => {
    project = current;
    fileList = list;
    tracked = new Map(files.map((sf) => [sf.getFilePath(), track(sf)]));
    decls.clear();
    dirty = undefined;
  };

  return {
    begin(current) {
      const files = current.getSourceFiles().filter((sf) => !sf.isInNodeModules());
      const list = files.map((sf) => sf.getFilePath()).join('\n');
      if (current !== project || list !== fileList) {
        restart(current, files, list);
        return;
      }
      const changed: SourceFile[] = [];
      for (const sf of files) {
        if (tracked.get(sf.getFilePath())?.text !== sf.getFullText()) changed.push(sf);
      }
      if (changed.some((sf) => tracked.get(sf.getFilePath())?.global === true || affectsEveryFile(sf))) {
        restart(current, files, list);
        return;
      }
      for (const sf of changed) tracked.set(sf.getFilePath(), track(sf));
      dirty = importersOf(
        changed.map((sf) => sf.getFilePath()),
        tracked,
      );
    },
    get(sf) {
      const file = sf.getFilePath();
      return dirty === undefined || dirty.has(file) ? undefined : decls.get(file);
    },
    set(sf, decl) {
      decls.set(sf.getFilePath(), decl);
    },
  };
}

function track(sf: SourceFile): TrackedFile {
  return {
    text: sf.getFullText(),
    imports: sf
      .getReferencedSourceFiles()
      .filter((dep) => !dep.isInNodeModules())
      .map((dep) => dep.getFilePath()),
    global: affectsEveryFile(sf),
  };
}

/** The changed files and every file that imports one of them, directly or not. */
function importersOf(changed: readonly string[], tracked: ReadonlyMap<string, TrackedFile>): Set<string> {
  const importers = new Map<string, string[]>();
  for (const [file, t] of tracked) {
    for (const dep of t.imports) {
      const list = importers.get(dep);
      if (list === undefined) importers.set(dep, [file]);
      else list.push(file);
    }
  }
  const out = new Set(changed);
  const queue = [...changed];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    for (const importer of importers.get(file) ?? []) {
      if (out.has(importer)) continue;
      out.add(importer);
      queue.push(importer);
    }
  }
  return out;
}

/**
 * True when the file's declarations can reach files that do not import it: a script (no import or export,
 * so its top-level declarations are global), a global or module augmentation, or a reference directive.
 */
function affectsEveryFile(sf: SourceFile): boolean {
  const node = sf.compilerNode;
  if (!ts.isExternalModule(node)) return true;
  if (node.referencedFiles.length > 0 || node.typeReferenceDirectives.length > 0) return true;
  return node.statements.some(
    (s) =>
      ts.isModuleDeclaration(s) &&
      (ts.isStringLiteral(s.name) || (s.flags & ts.NodeFlags.GlobalAugmentation) !== 0),
  );
}
