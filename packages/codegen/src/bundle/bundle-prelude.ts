import { statSync } from 'node:fs';
import path from 'node:path';
import { build, type BuildOptions } from 'esbuild';
import { toBundleError } from './bundle-error.js';
import type { PreludeUses } from './external-imports.js';
import { joinHead, type JoinHead } from './join-bundles.js';

/** The package the workers import the authoring API from. */
export const API_MODULE = '@workscript/api';

/**
 * The one global the prelude defines: `{ load(id) }`, which returns what the workers' part imports of
 * `@workscript/api` or `@workscript/api/guest`. The workers' part reaches the prelude only through it.
 */
export const PRELUDE_GLOBAL = '__workscriptPrelude';

/** The name of the prelude's generated entry module in messages and in the source map. */
export const PRELUDE_ENTRY_FILE = 'workscript-prelude.js';

/**
 * The prelude's entry: of each module, what the workers' part imports (all of it for `'*'`), behind one
 * `load` function. Names are sorted so that the same uses give the same bytes.
 */
export function preludeEntry(uses: PreludeUses): string {
  const imports: string[] = [];
  const modules: string[] = [];
  [...uses.keys()].sort().forEach((module, i) => {
    const names = uses.get(module);
    const local = `m${i}`;
    if (names === '*') {
      imports.push(`import * as ${local} from ${JSON.stringify(module)};`);
    } else {
      const sorted = [...(names ?? [])].sort();
      const specifiers = sorted.map((name, j) => `${specifier(name)} as ${local}_${j}`);
      imports.push(`import { ${specifiers.join(', ')} } from ${JSON.stringify(module)};`);
      imports.push(
        `const ${local} = { ${sorted.map((name, j) => `${JSON.stringify(name)}: ${local}_${j}`).join(', ')} };`,
      );
    }
    modules.push(`${JSON.stringify(module)}: ${local}`);
  });
  return `${imports.join('\n')}

const modules = { ${modules.join(', ')} };

export function load(id) {
  if (Object.prototype.hasOwnProperty.call(modules, id)) return modules[id];
  throw new Error("Cannot load '" + id + "' in a worker bundle: the prelude holds only " + Object.keys(modules).join(", "));
}
`;
}

/** The built prelude: its entry, code and map, and the files it was built from. */
export interface Prelude {
  /** Its entry's text: the same for the same {@link PreludeUses}. */
  readonly entry: string;
  /** Its code and map, read for joining. */
  readonly head: JoinHead;
  /** Absolute paths of its input files with their size and mtime when it was built. */
  readonly inputs: ReadonlyMap<string, { readonly size: number; readonly mtimeMs: number }>;
}

/**
 * Builds the guest prelude (what `uses` names of `@workscript/api` and `@workscript/api/guest`, as the project
 * resolves them, and what that needs) as the first part of the worker bundle: a script that defines
 * {@link PRELUDE_GLOBAL}.
 *
 * @param options esbuild's options shared with the workers' part (output file, target, header, ...).
 * @throws Error listing esbuild's messages, with the fix when `@workscript/api` is not installed.
 */
export async function buildPrelude(
  projectRoot: string,
  options: BuildOptions,
  uses: PreludeUses,
): Promise<Prelude> {
  const entry = preludeEntry(uses);
  const result = await build({
    ...options,
    write: false,
    metafile: true,
    stdin: { contents: entry, resolveDir: projectRoot, sourcefile: PRELUDE_ENTRY_FILE, loader: 'js' },
    globalName: PRELUDE_GLOBAL,
  }).catch((e: unknown) => {
    // The prelude's messages concern no worker (a name a worker imports that the package lacks lands here).
    throw toBundleError(
      e,
      { workerOnLine: () => undefined, mergerOnLine: () => undefined },
      PRELUDE_ENTRY_FILE,
    );
  });
  let code: string | undefined;
  let map: string | undefined;
  for (const file of result.outputFiles) {
    if (file.path.endsWith('.map')) map = file.text;
    else code = file.text;
  }
  if (code === undefined || map === undefined) throw new Error('esbuild produced no prelude code or map');
  const inputs = new Map<string, { size: number; mtimeMs: number }>();
  for (const input of Object.keys(result.metafile.inputs)) {
    if (input === PRELUDE_ENTRY_FILE) continue;
    const file = path.resolve(projectRoot, input);
    const stat = statSync(file, { throwIfNoEntry: false });
    if (stat !== undefined) inputs.set(file, { size: stat.size, mtimeMs: stat.mtimeMs });
  }
  return {
    entry,
    head: joinHead({ code, map }),
    inputs,
  };
}

/** True when every input of `prelude` still has the size and mtime it was built from. */
export function isPreludeCurrent(prelude: Prelude): boolean {
  for (const [file, was] of prelude.inputs) {
    const stat = statSync(file, { throwIfNoEntry: false });
    if (stat?.size !== was.size || stat.mtimeMs !== was.mtimeMs) return false;
  }
  return true;
}

/** An import specifier for `name`: as written when it is an identifier, quoted (ES2022) when it is not. */
function specifier(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name);
}
