import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  MANIFEST_FILE_NAME,
  parseWorkscriptManifest,
  type WorkerDefinition,
  type WorkerShapes,
} from '@workscript/api';

/** What the engine reads from the manifest (`workscript.json`): the workers, their Data shapes, the mergers. */
export interface BundleWorkers {
  /** Worker names, sorted; null when there is no manifest (every name is then sent to the bundle). */
  readonly names: readonly string[] | null;
  /** Shapes by worker name. */
  readonly shapes: ReadonlyMap<string, WorkerShapes>;
  /**
   * Custom input merger names, sorted (`[]` for a manifest from before them); null when there is no
   * manifest (every custom merger name is then sent to the bundle).
   */
  readonly inputMergers: readonly string[] | null;
}

/**
 * Reads the workers of the manifest at `manifestPath`, or of the `workscript.json` beside the bundle.
 * @throws Error naming the file when a given manifest is missing.
 * @throws InvalidManifestError (from `@workscript/api`) when a manifest does not parse or lacks what the
 * codegen writes.
 */
export function readBundleWorkers(bundlePath: string, manifestPath: string | undefined): BundleWorkers {
  const file = manifestPath ?? path.join(path.dirname(bundlePath), MANIFEST_FILE_NAME);
  if (!existsSync(file)) {
    if (manifestPath !== undefined)
      throw new Error(
        `The manifest ${file} does not exist; pass the workscript.json written by workscript generate`,
      );
    return { names: null, shapes: new Map(), inputMergers: null };
  }
  const manifest = parseWorkscriptManifest(readFileSync(file, 'utf8'), file);
  return {
    names: manifest.workers.map((w) => w.name).sort(),
    shapes: new Map(manifest.workers.map((w) => [w.name, w.shapes])),
    inputMergers: (manifest.inputMergers ?? []).map((m) => m.name).sort(),
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
