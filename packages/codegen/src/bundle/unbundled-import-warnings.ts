import { createDiagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { UnbundledImportSite } from './locate-unbundled-imports.js';

/**
 * WS1044: a dynamic `import(…)` of the user's stays in the bundle, where QuickJS always rejects it. A warning,
 * not an error: the rejection may be handled on purpose (a Node-only branch), and the bundle is still valid.
 *
 * Calls inside `node_modules` are not reported. Libraries probe for Node modules this way and handle the
 * rejection, e.g. lru-cache 11 runs `import("node:diagnostics_channel").then(…).catch(() => {})` when it
 * loads, so every project using it (directly or through a dependency) would get a warning it cannot act on.
 */
export function unbundledImportWarnings(sites: readonly UnbundledImportSite[]): Diagnostic[] {
  return sites
    .filter((site) => site.span?.file.split('/').includes('node_modules') !== true)
    .map((site) =>
      createDiagnostic(
        'dynamic-import-not-bundled',
        {
          call: site.call,
          reason:
            site.literal === undefined
              ? 'its specifier is computed at run time, so esbuild cannot know which module to bundle'
              : `esbuild could not resolve '${site.literal}' (an import() whose failure is handled, in try/catch or with .catch(), does not fail the build)`,
        },
        site.span,
      ),
    );
}
