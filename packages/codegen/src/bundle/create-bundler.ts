import path from 'node:path';
import { context, type BuildContext, type Plugin } from 'esbuild';
import { toBundleError } from './bundle-error.js';
import { createBundleEntry } from './create-bundle-entry.js';
import { buildPrelude, isPreludeCurrent, preludeEntry, type Prelude } from './bundle-prelude.js';
import {
  bundleOf,
  ENTRY_FILE,
  joinParts,
  preludeOptions,
  workersOptions,
  type BundleInputMerger,
  type BundleOutput,
  type BundleWorker,
} from './create-bundle.js';
import type { PreludeUses } from './external-imports.js';

/** A bundler that keeps esbuild's incremental context between bundles (`--watch`). */
export interface Bundler {
  /**
   * Bundles the workers and custom input mergers (default none); byte-identical to {@link bundleWorkers} for
   * the same workers, mergers and files, with the same dynamic imports reported. Only the modules that changed since the previous call are parsed again.
   * @throws Error listing esbuild's messages, as {@link createBundle} does.
   */
  bundle(
    workers: readonly BundleWorker[],
    inputMergers?: readonly BundleInputMerger[],
  ): Promise<BundleOutput>;
  /** Stops esbuild's context; the bundler must not be used afterwards. */
  dispose(): Promise<void>;
}

/**
 * Creates a {@link Bundler} for a project root (absolute or relative to the working directory). The context
 * is created on the first bundle; the generated entry is served by a plugin and re-read on every rebuild, so
 * a change to the worker list or their shapes does not discard what esbuild has cached. The prelude is built
 * again only when the names the workers import from it change or one of its files changed on disk (an
 * update of `@workscript/api`): a rebuild otherwise links and prints only the workers' part.
 */
export function createBundler(projectRoot: string): Bundler {
  const root = path.resolve(projectRoot);
  let entryContents = '';
  let ctx: Promise<BuildContext<ReturnType<typeof workersOptions>>> | undefined;
  let prelude: Promise<Prelude> | undefined;
  const currentPrelude = async (uses: PreludeUses): Promise<Prelude> => {
    const built = await prelude?.catch(() => undefined);
    if (built?.entry === preludeEntry(uses) && isPreludeCurrent(built)) return built;
    prelude = buildPrelude(root, preludeOptions(root), uses);
    return prelude;
  };
  return {
    async bundle(workers, inputMergers = []) {
      const entry = createBundleEntry(workers, inputMergers);
      entryContents = entry.contents;
      ctx ??= context({
        ...workersOptions(root),
        entryPoints: [ENTRY_FILE],
        plugins: [entryPlugin(root, () => entryContents)],
      });
      const result = await (await ctx).rebuild().catch((e: unknown) => {
        throw toBundleError(e, entry, ENTRY_FILE);
      });
      return joinParts(bundleOf(result), entry.shapes, currentPrelude);
    },
    async dispose() {
      const current = ctx;
      ctx = undefined;
      if (current !== undefined) await (await current).dispose();
    },
  };
}

/**
 * Serves the generated entry as a virtual module named {@link ENTRY_FILE} in the project root; `contents` is
 * read on every (re)build, so one context follows the entry's changes.
 */
function entryPlugin(projectRoot: string, contents: () => string): Plugin {
  const entryPath = path.join(projectRoot, ENTRY_FILE);
  return {
    name: 'workscript-entry',
    setup(b) {
      b.onResolve({ filter: /^workscript-entry\.js$/ }, () => ({ path: entryPath }));
      b.onLoad({ filter: /workscript-entry\.js$/ }, (args) =>
        args.path === entryPath ? { contents: contents(), loader: 'js', resolveDir: projectRoot } : undefined,
      );
    },
  };
}
