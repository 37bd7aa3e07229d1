import path from 'node:path';
import { Project, ts } from 'ts-morph';

/** Where the TypeScript sources come from. */
export interface LoadProjectOptions {
  /** Absolute project root; spans and generated paths are relative to it. */
  readonly projectRoot: string;
  /** A tsconfig.json (absolute or relative to the root). Takes precedence over `files`. */
  readonly tsconfig?: string | undefined;
  /** Source files (absolute or relative to the root) when there is no tsconfig. */
  readonly files?: readonly string[] | undefined;
}

/**
 * Compiler options for a file list without a tsconfig: strict (so optional fields include `undefined`)
 * and bundler resolution (relative imports need no extension, `@workscript/api` resolves through its
 * `exports`). Nothing is emitted.
 */
const FILE_LIST_OPTIONS: ts.CompilerOptions = {
  strict: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  skipLibCheck: true,
  noEmit: true,
};

/** Loads a ts-morph project from a tsconfig or a list of files. */
export function loadProject(options: LoadProjectOptions): Project {
  if (options.tsconfig !== undefined) {
    return new Project({ tsConfigFilePath: path.resolve(options.projectRoot, options.tsconfig) });
  }
  const project = new Project({ compilerOptions: FILE_LIST_OPTIONS, skipAddingFilesFromTsConfig: true });
  // Sorted so the program (and with it type ids and union member order) is the same on every run.
  const files = [...(options.files ?? [])].map((f) => path.resolve(options.projectRoot, f)).sort();
  for (const f of files) project.addSourceFileAtPath(f);
  project.resolveSourceFileDependencies();
  return project;
}

/** A project kept across runs (`--watch`): only changed files are re-read and re-checked. */
export interface ProjectSession {
  /** The project, refreshed with the changes given to {@link ProjectSession.refresh}. */
  project(): Project;
  /**
   * Re-reads the given files (absolute paths) from disk. A change to a tsconfig, or a file the project
   * does not know yet in tsconfig mode, reloads the whole project.
   */
  refresh(changed: readonly string[]): void;
}

/**
 * Creates a {@link ProjectSession}. TypeScript reuses the unchanged source files of the previous program,
 * so a refresh costs about one file's parse plus the type checks that depend on it.
 */
export function createProjectSession(options: LoadProjectOptions): ProjectSession {
  let current: Project | undefined;
  return {
    project() {
      current ??= loadProject(options);
      return current;
    },
    refresh(changed) {
      if (current === undefined) return;
      const project = current;
      for (const file of changed) {
        const sf = project.getSourceFile(file);
        if (sf !== undefined) {
          sf.refreshFromFileSystemSync();
          continue;
        }
        const listed = (options.files ?? []).some((f) => path.resolve(options.projectRoot, f) === file);
        if (file.endsWith('.json') || (options.tsconfig !== undefined && /\.(ts|tsx|mts|cts)$/.test(file))) {
          current = undefined; // tsconfig changed, or a new file it may include: start over
          return;
        }
        if (listed) project.addSourceFileAtPathIfExists(file);
      }
      project.resolveSourceFileDependencies();
    },
  };
}
