import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isInputMergerDefinition, isWorkerDefinition } from '@workscript/api';
import { createBundle } from '../src/bundle/create-bundle.js';

/** `packages/api/bridge-conformance`: the cases, the workers and their committed bundle. */
export const CONFORMANCE_DIR = fileURLToPath(new URL('../../api/bridge-conformance/', import.meta.url));
/** The workers' source, relative to {@link CONFORMANCE_DIR}. */
export const CONFORMANCE_WORKERS = 'conformance-workers.ts';
/** The committed bundle and its source map. */
export const CONFORMANCE_BUNDLE = path.join(CONFORMANCE_DIR, 'conformance-bundle.js');
export const CONFORMANCE_BUNDLE_MAP = `${CONFORMANCE_BUNDLE}.map`;
/** What to run when the committed bundle is stale. */
export const REGENERATE_COMMAND = 'node packages/codegen/scripts/build-conformance-bundle.mjs';

/**
 * Bundles every worker and input merger definition that `conformance-workers.ts` exports (the module is
 * loaded to list them, so the lists are written down once).
 */
export async function buildConformanceBundle(): Promise<{ code: string; map: string }> {
  const module = (await import(pathToImport(path.join(CONFORMANCE_DIR, CONFORMANCE_WORKERS)))) as Record<
    string,
    unknown
  >;
  const workers = Object.entries(module)
    .filter(([, value]) => isWorkerDefinition(value))
    .map(([exportName, value]) => ({
      name: (value as { name: string }).name,
      exportName,
      sourceFile: CONFORMANCE_WORKERS,
      shapes: {},
    }));
  const inputMergers = Object.entries(module)
    .filter(([, value]) => isInputMergerDefinition(value))
    .map(([exportName, value]) => ({
      name: (value as { name: string }).name,
      exportName,
      sourceFile: CONFORMANCE_WORKERS,
    }));
  return createBundle({ projectRoot: CONFORMANCE_DIR, workers, inputMergers });
}

function pathToImport(file: string): string {
  return new URL(`file://${file.split(path.sep).join('/')}`).href;
}
