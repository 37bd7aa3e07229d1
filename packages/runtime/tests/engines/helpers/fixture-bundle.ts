import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WorkerDefinition, WorkscriptManifest } from '@workscript/api';
// The bundle only: these workers carry hand-written shapes, so `generate`'s Kotlin and checks are not needed.
import { createBundle } from '@workscript/codegen';

/** The folder of the parity workers; the bundle's source map paths are relative to it. */
export const WORKERS_ROOT = fileURLToPath(new URL('../workers/', import.meta.url));

/**
 * Bundles `workers` (exports of `workers/parity-workers.ts`) with the codegen's `createBundle` and writes
 * `workers.js`, `workers.js.map` and a `workscript.json` manifest (names and shapes, as the codegen's) to a
 * new temp folder. Returns the bundle's path.
 */
export async function buildParityBundle(
  workers: Readonly<Record<string, WorkerDefinition>>,
  options: { manifest?: boolean } = {},
): Promise<string> {
  const entries = Object.entries(workers);
  const bundle = await createBundle({
    projectRoot: WORKERS_ROOT,
    workers: entries.map(([exportName, def]) => ({
      name: def.name,
      exportName,
      sourceFile: 'parity-workers.ts',
      shapes: def.shapes ?? {},
    })),
  });
  const dir = mkdtempSync(path.join(tmpdir(), 'workscript-qjs-'));
  const bundlePath = path.join(dir, 'workers.js');
  writeFileSync(bundlePath, bundle.code);
  writeFileSync(`${bundlePath}.map`, bundle.map);
  if (options.manifest ?? true) {
    const manifest: WorkscriptManifest = {
      bridgeProtocolVersion: 1,
      kotlinPackage: 'dev.workscript.parity',
      workers: entries
        .map(([exportName, def]) => ({
          name: def.name,
          exportName,
          sourceFile: 'parity-workers.ts',
          workerClass: `dev.workscript.parity.${def.name}Worker`,
          shapes: def.shapes ?? {},
          defaults: {},
        }))
        .sort((a, b) => (a.name < b.name ? -1 : 1)),
      files: {},
    };
    writeFileSync(path.join(dir, 'workscript.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  }
  return bundlePath;
}
