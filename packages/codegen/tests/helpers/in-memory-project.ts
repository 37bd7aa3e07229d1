import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Project, ts } from 'ts-morph';

const API_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../api/dist');

function declarationFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? declarationFiles(full) : e.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** The real `@workscript/api` declarations, read once. */
const API_FILES = declarationFiles(API_DIST).map((f) => ({
  rel: path.relative(API_DIST, f).split(path.sep).join('/'),
  text: readFileSync(f, 'utf8'),
}));

/** Project root of in-memory projects. */
export const ROOT = '/project';

/**
 * An in-memory ts-morph project (like Wire's `buildSchema`) holding `sources` (paths relative to
 * {@link ROOT}) and the real `@workscript/api` declarations under node_modules.
 */
export function createInMemoryProject(
  sources: Readonly<Record<string, string>>,
  options: { readonly withApi?: boolean } = {},
): Project {
  const project = new Project({
    useInMemoryFileSystem: true,
    compilerOptions: {
      strict: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      skipLibCheck: true,
      lib: ['lib.es2022.d.ts'],
    },
  });
  const fs = project.getFileSystem();
  if (options.withApi !== false) writeApi(fs);
  for (const [rel, text] of Object.entries(sources)) project.createSourceFile(`${ROOT}/${rel}`, text);
  project.resolveSourceFileDependencies();
  return project;
}

function writeApi(fs: ReturnType<Project['getFileSystem']>): void {
  fs.writeFileSync(
    '/node_modules/@workscript/api/package.json',
    JSON.stringify({
      name: '@workscript/api',
      type: 'module',
      types: './dist/index.d.ts',
      exports: { '.': { types: './dist/index.d.ts' } },
    }),
  );
  for (const f of API_FILES) fs.writeFileSync(`/node_modules/@workscript/api/dist/${f.rel}`, f.text);
}
