import { builtinModules } from 'node:module';
import type { Message } from 'esbuild';
import { type BundleEntry, GUEST_MODULE } from './create-bundle-entry.js';

/** esbuild's failure, as `build()` rejects with it. */
interface BuildFailure {
  readonly errors: readonly Message[];
}

const isBuildFailure = (e: unknown): e is BuildFailure =>
  typeof e === 'object' && e !== null && Array.isArray((e as { errors?: unknown }).errors);

/**
 * Turns an esbuild failure into one Error listing every problem as `file:line:column: message`, with the
 * worker or input merger concerned when the problem is in the generated entry (a missing file or export), and the fix for a
 * missing `@workscript/api` or an import of a Node.js built-in. Anything else is returned unchanged.
 */
export function toBundleError(
  error: unknown,
  entry: Pick<BundleEntry, 'workerOnLine' | 'mergerOnLine'>,
  entryFile: string,
): unknown {
  if (!isBuildFailure(error)) return error;
  const lines = error.errors.map((m) => {
    const at = m.location ? `${m.location.file}:${m.location.line}:${m.location.column + 1}: ` : '';
    const line = m.location?.file === entryFile ? m.location.line : undefined;
    const worker = line === undefined ? undefined : entry.workerOnLine(line);
    const merger = line === undefined ? undefined : entry.mergerOnLine(line);
    const context = worker
      ? `\n  in worker '${worker.name}' (export '${worker.exportName}' of ${worker.sourceFile})`
      : merger
        ? `\n  in input merger '${merger.name}' (export '${merger.exportName}' of ${merger.sourceFile})`
        : '';
    const hint = hintFor(m.text);
    return `${at}error: ${m.text}${context}${hint}`;
  });
  return new Error(`Bundling the workers failed with ${lines.length} error(s):\n${lines.join('\n')}`);
}

const NODE_BUILTIN = new RegExp(
  `^Could not resolve "(node:[^"]+|${builtinModules.map(escape).join('|')})(/[^"]*)?"$`,
);

function hintFor(text: string): string {
  if (text.includes(`"${GUEST_MODULE}"`)) {
    return '\n  The bundle needs the package @workscript/api next to your workers: npm install @workscript/api';
  }
  if (NODE_BUILTIN.test(text)) {
    return '\n  Workers run in QuickJS, which has no Node.js built-in modules; use ctx.fetch, ctx.storage and ctx.log instead';
  }
  return '';
}

function escape(name: string): string {
  return name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const MISSING_EXPORT = /error: No matching export in "[^"]*" for import "([^"]+)"/;
const API_IMPORT = /import\s+(?:type\s+)?\{([^}]*)\}\s*from\s*(['"])@workscript\/api(?:\/guest)?\2/g;

/**
 * The prelude is built from the names the workers import, so a name `@workscript/api` does not export is
 * reported at the prelude's generated entry, which no user wrote. This adds, under each such message, where
 * the user's code imports the name: found in the sources of the workers' part (its source map carries them).
 * Anything that is not such a failure is returned unchanged.
 */
export function withImportSites(error: unknown, workersMap: string): unknown {
  if (!(error instanceof Error) || !MISSING_EXPORT.test(error.message)) return error;
  const map = JSON.parse(workersMap) as { sources: string[]; sourcesContent?: (string | null)[] };
  const lines = error.message.split('\n').map((line) => {
    const name = MISSING_EXPORT.exec(line)?.[1];
    if (name === undefined) return line;
    const sites = map.sources.flatMap((source, i) =>
      importSites(map.sourcesContent?.[i] ?? '', name, source),
    );
    return sites.length === 0
      ? line
      : `${line}\n  '${name}' is not an export of @workscript/api; imported at ${sites.join(', ')}`;
  });
  return new Error(lines.join('\n'), { cause: error });
}

/** `file:line:column` of every `import { name } from '@workscript/api'` (or `/guest`) in `text`. */
function importSites(text: string, name: string, file: string): string[] {
  const sites: string[] = [];
  for (const m of text.matchAll(API_IMPORT)) {
    const list = m[1] ?? '';
    const listStart = (m.index ?? 0) + m[0].indexOf('{') + 1;
    for (const item of list.matchAll(/[^,]+/g)) {
      const imported = /^\s*(?:type\s+)?([\w$]+)/.exec(item[0]);
      if (imported?.[1] !== name) continue;
      const at = listStart + (item.index ?? 0) + item[0].indexOf(name);
      const before = text.slice(0, at);
      const line = before.split('\n').length;
      sites.push(`${file}:${line}:${at - before.lastIndexOf('\n')}`);
    }
  }
  return sites;
}
