import { readFileSync } from 'node:fs';
import type { WorkerShapes } from '@workscript/api';

/** One worker of the manifest (`workscript.json`), as far as tests need it. */
export interface ManifestWorker {
  /** The worker's registered name. */
  readonly name: string;
  /** The export that holds the definition (`'default'` for a default export). */
  readonly exportName: string;
  /** The module that exports it, relative to the project root. */
  readonly sourceFile: string;
  /** The Data shapes the codegen derived from the TS types: input, output, failure output, progress. */
  readonly shapes: WorkerShapes;
  /**
   * The definition's literal request defaults by dotted path (`'constraints.requiredNetworkType'`), as the
   * generated Kotlin request builders apply them. Defaults that are not literals are absent (WS1022).
   */
  readonly defaults: Readonly<Record<string, unknown>>;
}

/** The manifest the codegen writes beside the bundle. */
export interface BundleManifest {
  /** Workers sorted by name. */
  readonly workers: readonly ManifestWorker[];
}

/** Reads a manifest the harness itself wrote (so its shape is the codegen's). */
export function readBundleManifest(file: string): BundleManifest {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { workers: ManifestWorker[] };
  return {
    workers: parsed.workers.map((w) => ({
      name: w.name,
      exportName: w.exportName,
      sourceFile: w.sourceFile,
      shapes: w.shapes,
      defaults: w.defaults ?? {},
    })),
  };
}

/** Turns the manifest's dotted default paths back into the nested options of `defineWorker`. */
export function nestDefaults(defaults: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [dotted, value] of Object.entries(defaults)) {
    const keys = dotted.split('.');
    const last = keys.pop() as string;
    let target = out;
    for (const key of keys) {
      const next = target[key];
      target = (typeof next === 'object' && next !== null ? next : (target[key] = {})) as Record<
        string,
        unknown
      >;
    }
    target[last] = value;
  }
  return out;
}
