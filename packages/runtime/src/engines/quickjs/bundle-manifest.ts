import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { WorkerDefinition, WorkerShapes } from '@workscript/api';

/** What the engine reads from the manifest (`workscript.json`): the workers and their Data shapes. */
export interface BundleWorkers {
  /** Worker names, sorted; null when there is no manifest (every name is then sent to the bundle). */
  readonly names: readonly string[] | null;
  /** Shapes by worker name. */
  readonly shapes: ReadonlyMap<string, WorkerShapes>;
}

/**
 * Reads the workers of the manifest at `manifestPath`, or of the `workscript.json` beside the bundle.
 * @throws Error naming the file when a given manifest is missing, or a manifest does not parse or has no
 * `workers` list.
 */
export function readBundleWorkers(bundlePath: string, manifestPath: string | undefined): BundleWorkers {
  const file = manifestPath ?? path.join(path.dirname(bundlePath), 'workscript.json');
  if (!existsSync(file)) {
    if (manifestPath !== undefined)
      throw new Error(
        `The manifest ${file} does not exist; pass the workscript.json written by workscript generate`,
      );
    return { names: null, shapes: new Map() };
  }
  let manifest: { workers?: unknown };
  try {
    manifest = JSON.parse(readFileSync(file, 'utf8')) as { workers?: unknown };
  } catch (e) {
    throw new Error(
      `The manifest ${file} is not valid JSON (${(e as Error).message}); regenerate it with workscript generate`,
      { cause: e },
    );
  }
  if (
    !Array.isArray(manifest.workers) ||
    !manifest.workers.every((w: { name?: unknown }) => typeof w?.name === 'string')
  ) {
    throw new Error(
      `The manifest ${file} has no "workers" list of {"name","shapes"}; regenerate it with workscript generate`,
    );
  }
  const workers = manifest.workers as { name: string; shapes?: WorkerShapes }[];
  return {
    names: workers.map((w) => w.name).sort(),
    shapes: new Map(workers.map((w) => [w.name, w.shapes ?? {}])),
  };
}

/**
 * Gives each definition without shapes the shapes the manifest has for its name, so a TS definition run by
 * the inline engine decodes its input and encodes its outputs exactly as the bundle's copy does (nested
 * objects, enums, Int/Long). Definitions that already carry shapes, or that the manifest does not list, are
 * returned as they are.
 */
export function withManifestShapes(
  workers: readonly WorkerDefinition[],
  manifest: BundleWorkers,
): readonly WorkerDefinition[] {
  return workers.map((worker) => {
    const shapes = manifest.shapes.get(worker.name);
    return worker.shapes !== undefined || shapes === undefined
      ? worker
      : Object.freeze({ ...worker, shapes });
  });
}
