import type { GeneratedFile } from '../emit/generated-file.js';
import { emitKotlin, KOTLIN_DIR } from '../emit/kotlin/emit-kotlin.js';
import type { KotlinLayout } from '../layout/kotlin-layout.js';
import type { ProjectModel } from '../model/project-model.js';

/** Emits the Kotlin files like {@link emitKotlin}, reusing the files of workers whose inputs did not change. */
export type KotlinEmitter = (ir: ProjectModel, kotlin: KotlinLayout) => GeneratedFile[];

/**
 * Creates a {@link KotlinEmitter} for `--watch` that keeps the last run's files.
 *
 * What each file is built from (the builders in `emit/kotlin/`):
 * - a worker's file: that worker's model and layout, plus the layout's shared names (package, factory,
 *   codec); it refers to no other worker's classes;
 * - every other file (factory, registry, codec, native services, input mergers): the shared names, each
 *   worker's name, file, classes and source, the native services and the input mergers; a worker's file
 *   also names the class of its custom input merger, which the layout (part of this set) decides.
 *
 * When the second set changes (a worker added, renamed or moved; a native service or an input merger added,
 * removed or changed), everything is emitted again. Otherwise only the workers whose model or layout changed
 * are, each on its own with the shared builders, and the rest is reused. A test compares the result with a full {@link emitKotlin}.
 */
export function createKotlinEmitter(): KotlinEmitter {
  let sharedKey: string | undefined;
  let shared: GeneratedFile[] = [];
  const workerFiles = new Map<string, { key: string; file: GeneratedFile }>();

  return (ir, kotlin) => {
    const pathOf = (fileName: string): string => `${KOTLIN_DIR}/${kotlin.packageDir}/${fileName}.kt`;
    const keyOfShared = JSON.stringify({
      ...kotlin,
      workers: kotlin.workers.map((w) => [w.workerName, w.fileName, w.workerClass, w.requestsObject]),
      sources: ir.workers.map((w) => [w.name, w.sourceFile]),
      nativeServices: [ir.nativeServices, kotlin.nativeServices],
      inputMergers: ir.inputMergers ?? [],
    });
    const keys = ir.workers.map((w, i) => JSON.stringify([w, kotlin.workers[i]]));

    if (keyOfShared !== sharedKey) {
      const files = emitKotlin(ir, kotlin);
      const byPath = new Map(files.map((f) => [f.path, f]));
      workerFiles.clear();
      kotlin.workers.forEach((layout, i) => {
        const file = byPath.get(pathOf(layout.fileName));
        if (file === undefined)
          throw new Error(`emitKotlin produced no file for worker ${layout.workerName}`);
        workerFiles.set(layout.fileName, { key: keys[i] ?? '', file });
        byPath.delete(file.path);
      });
      shared = [...byPath.values()];
      sharedKey = keyOfShared;
      return files;
    }

    const files = [...shared];
    ir.workers.forEach((worker, i) => {
      const layout = kotlin.workers[i];
      const key = keys[i] ?? '';
      if (layout === undefined) throw new Error(`no layout for worker ${worker.name}`);
      let entry = workerFiles.get(layout.fileName);
      if (entry?.key !== key) {
        const path = pathOf(layout.fileName);
        const file = emitKotlin({ ...ir, workers: [worker] }, { ...kotlin, workers: [layout] }).find(
          (f) => f.path === path,
        );
        if (file === undefined) throw new Error(`emitKotlin produced no file for worker ${worker.name}`);
        entry = { key, file };
        workerFiles.set(layout.fileName, entry);
      }
      files.push(entry.file);
    });
    return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  };
}
