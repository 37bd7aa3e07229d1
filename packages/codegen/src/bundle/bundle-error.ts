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
 * worker concerned when the problem is in the generated entry (a missing file or export), and the fix for a
 * missing `@workscript/api` or an import of a Node.js built-in. Anything else is returned unchanged.
 */
export function toBundleError(
  error: unknown,
  entry: Pick<BundleEntry, 'workerOnLine'>,
  entryFile: string,
): unknown {
  if (!isBuildFailure(error)) return error;
  const lines = error.errors.map((m) => {
    const at = m.location ? `${m.location.file}:${m.location.line}:${m.location.column + 1}: ` : '';
    const worker = m.location?.file === entryFile ? entry.workerOnLine(m.location.line) : undefined;
    const context = worker
      ? `\n  in worker '${worker.name}' (export '${worker.exportName}' of ${worker.sourceFile})`
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
